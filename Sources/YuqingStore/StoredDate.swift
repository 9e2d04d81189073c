import Foundation
import GRDB

/// A `Date` bound as an SQL argument in the text form GRDB stores dates in
/// (`yyyy-MM-dd HH:mm:ss.SSS`, UTC), written with integer arithmetic.
///
/// GRDB formats every `Date` argument with one shared `DateFormatter`, which costs several
/// microseconds on Linux and takes a lock; a poll binds ten or so dates, and the formatter
/// was 2.4 % of the crawler's CPU in a profile (BENCHMARKS.md, session 4). The text is the
/// same, so GRDB reads these values back as dates. Years before 1600 (where the formatter
/// switches to the Julian calendar) or after 9999 fall back to GRDB.
struct StoredDate: DatabaseValueConvertible {
    /// The date bound.
    var date: Date

    /// Wraps `date`.
    init(_ date: Date) { self.date = date }

    var databaseValue: DatabaseValue {
        Self.text(date).map { $0.databaseValue } ?? date.databaseValue
    }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredDate? {
        Date.fromDatabaseValue(dbValue).map(StoredDate.init)
    }

    /// `yyyy-MM-dd HH:mm:ss.SSS` in UTC, rounded to the nearest millisecond (half up) as the
    /// formatter does; nil outside years 1600…9999.
    static func text(_ date: Date) -> String? {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 300_000_000_000 else { return nil }
        let milliseconds = Int64((seconds * 1000 + 0.5).rounded(.down))
        let (days, inDay) = milliseconds.floorDivided(by: 86_400_000)
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard (1600 ... 9999).contains(year) else { return nil }
        var text = [UInt8]()
        text.reserveCapacity(23)
        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1 ..< width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4); text.append(UInt8(ascii: "-"))
        digits(month, 2); text.append(UInt8(ascii: "-"))
        digits(day, 2); text.append(UInt8(ascii: " "))
        digits(inDay / 3_600_000, 2); text.append(UInt8(ascii: ":"))
        digits(inDay / 60_000 % 60, 2); text.append(UInt8(ascii: ":"))
        digits(inDay / 1000 % 60, 2); text.append(UInt8(ascii: "."))
        digits(inDay % 1000, 3)
        return String(decoding: text, as: UTF8.self)
    }
}

extension Int64 {
    /// Quotient and remainder rounded toward minus infinity (the remainder is never negative).
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = self / divisor
        let remainder = self % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
