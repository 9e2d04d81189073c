import Foundation

/// One report period — a day, an ISO week (Monday–Sunday) or a calendar month — in one time zone,
/// as the half-open interval `[start, end)`. Days are calendar days, so a DST day lasts 23 or 25 hours.
public struct ReportPeriod: Sendable, Hashable, Comparable {
    /// How long a period is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// One calendar day (日报).
        case day
        /// Monday 00:00 to the next Monday 00:00 (周报).
        case week
        /// The first of a month 00:00 to the first of the next (月报).
        case month
    }

    /// The period's length.
    public let kind: Kind
    /// First instant of the period.
    public let start: Date
    /// First instant after the period.
    public let end: Date
    /// The IANA zone its boundaries are midnights of.
    public let timeZone: TimeZone

    /// The period of `kind` that contains `date` in `timeZone`.
    public init(kind: Kind, containing date: Date, in timeZone: TimeZone) {
        let calendar = Self.calendar(timeZone)
        let start: Date
        switch kind {
        case .day:
            start = calendar.startOfDay(for: date)
        case .week:
            let day = calendar.startOfDay(for: date)
            // weekday: 1 = Sunday … 7 = Saturday; days since Monday:
            let back = (calendar.component(.weekday, from: day) + 5) % 7
            start = Self.addDays(-back, to: day, calendar)
        case .month:
            let parts = calendar.dateComponents([.year, .month], from: date)
            start = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: 1))!
        }
        self.init(kind: kind, start: start, timeZone: timeZone)
    }

    /// The period of `kind` that starts at `start` (a local midnight of the right weekday or day).
    private init(kind: Kind, start: Date, timeZone: TimeZone) {
        let calendar = Self.calendar(timeZone)
        self.kind = kind
        self.start = start
        self.timeZone = timeZone
        switch kind {
        case .day: end = Self.addDays(1, to: start, calendar)
        case .week: end = Self.addDays(7, to: start, calendar)
        case .month: end = calendar.date(byAdding: .month, value: 1, to: start)!
        }
    }

    /// The last period of `kind` that has ended at or before `instant`: the one a report sent at
    /// `instant` is about.
    public static func lastComplete(_ kind: Kind, before instant: Date, in timeZone: TimeZone) -> ReportPeriod {
        ReportPeriod(kind: kind, containing: instant, in: timeZone).previous
    }

    /// The period just before this one (for 环比).
    public var previous: ReportPeriod {
        ReportPeriod(kind: kind, containing: start.addingTimeInterval(-1), in: timeZone)
    }

    /// The period just after this one.
    public var next: ReportPeriod {
        ReportPeriod(kind: kind, start: end, timeZone: timeZone)
    }

    /// The local midnights that begin each day of the period, in order.
    public var dayStarts: [Date] {
        let calendar = Self.calendar(timeZone)
        var days: [Date] = []
        var day = start
        while day < end {
            days.append(day)
            day = Self.addDays(1, to: day, calendar)
        }
        return days
    }

    /// The ISO 8601 week-numbering year and week of the period's first day (2026, 48).
    public var isoWeek: (year: Int, week: Int) {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = timeZone
        let parts = iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: start)
        return (parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
    }

    /// Year, month and day of `date` in the period's zone.
    public func localDate(_ date: Date) -> (year: Int, month: Int, day: Int) {
        let parts = Self.calendar(timeZone).dateComponents([.year, .month, .day], from: date)
        return (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// A stable key for ledgers and file names: `2026-11-16` (day), `2026-W47` (week), `2026-11` (month).
    public var key: String {
        let first = localDate(start)
        switch kind {
        case .day: return String(format: "%04d-%02d-%02d", first.year, first.month, first.day)
        case .week:
            let week = isoWeek
            return String(format: "%04d-W%02d", week.year, week.week)
        case .month: return String(format: "%04d-%02d", first.year, first.month)
        }
    }

    /// Orders periods by start.
    public static func < (lhs: ReportPeriod, rhs: ReportPeriod) -> Bool { lhs.start < rhs.start }

    /// A Gregorian calendar in `timeZone`.
    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The local midnight `days` days after the midnight `day`; by calendar days, not 86,400 s, so DST days work.
    private static func addDays(_ days: Int, to day: Date, _ calendar: Calendar) -> Date {
        calendar.startOfDay(for: calendar.date(byAdding: .day, value: days, to: day)!)
    }
}
