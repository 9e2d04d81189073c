import Foundation

/// Finds a date written inside running text, as list pages and article bylines have them:
/// `[2026-11-20]`, `发布时间：2026-11-20 08:15`, `来源：江临日报 2026年11月20日`, `2026/11/20`.
///
/// `FeedDate.parse` reads a string that is only a date; this scanner finds the first
/// year-month-day (optionally followed by a time of day) inside any text and hands the
/// normalised match to it.
public enum DateInText {
    /// The first date in `text`, or nil.
    ///
    /// - Parameters:
    ///   - text: the text to search.
    ///   - defaultTimeZone: the zone the date is written in.
    ///   - referenceDate: when given, a month and day without a year (`11-20`, `11月20日`,
    ///     common in list pages) are read as the latest such day that is not after
    ///     `referenceDate` (plus one day of slack for time zones). Without it they are ignored.
    public static func find(
        in text: String,
        defaultTimeZone: TimeZone = FeedDate.chinaStandardTime,
        referenceDate: Date? = nil
    ) -> Date? {
        let scalars = normalized(text)
        var i = 0
        while i < scalars.count {
            if isDigit(scalars[i]), i == 0 || !isDigit(scalars[i - 1]),
               let (date, _) = fullDate(scalars, at: i, timeZone: defaultTimeZone) {
                return date
            }
            i += 1
        }
        guard let referenceDate else { return nil }
        i = 0
        while i < scalars.count {
            if isDigit(scalars[i]), i == 0 || !isDigit(scalars[i - 1]),
               let date = monthDay(scalars, at: i, timeZone: defaultTimeZone, reference: referenceDate) {
                return date
            }
            i += 1
        }
        return nil
    }

    /// Full-width digits and punctuation become ASCII; everything else is kept.
    private static func normalized(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF0D, 0xFF0F, 0xFF1A, 0xFF0E:
                return Unicode.Scalar(scalar.value - 0xFEE0)!
            default:
                return scalar
            }
        }
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    /// Reads a run of digits of `min...max` length at `i`; nil when the run is shorter or longer.
    private static func number(_ s: [Unicode.Scalar], _ i: inout Int, min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        var j = i
        while j < s.count, isDigit(s[j]) {
            // Stop accumulating past `max` digits: the run is rejected anyway, and a page can
            // hold a run of digits long enough to overflow Int (found by fuzz-html).
            if count < max { value = value * 10 + Int(s[j].value - 48) }
            count += 1
            j += 1
        }
        guard count >= min, count <= max else { return nil }
        i = j
        return value
    }

    private static func take(_ s: [Unicode.Scalar], _ i: inout Int, _ chars: String) -> Unicode.Scalar? {
        guard i < s.count, chars.unicodeScalars.contains(s[i]) else { return nil }
        defer { i += 1 }
        return s[i]
    }

    /// `YYYY-MM-DD[ HH:MM[:SS]]` and its `/`, `.` and 年月日 spellings at `start`.
    private static func fullDate(_ s: [Unicode.Scalar], at start: Int, timeZone: TimeZone) -> (Date, Int)? {
        var i = start
        guard let year = number(s, &i, min: 4, max: 4), (1990...2999).contains(year),
              let separator = take(s, &i, "-/.年") else { return nil }
        guard let month = number(s, &i, min: 1, max: 2) else { return nil }
        let second: String = separator == "年" ? "月" : String(separator)
        guard take(s, &i, second) != nil, let day = number(s, &i, min: 1, max: 2) else { return nil }
        if separator == "年" { _ = take(s, &i, "日号") }
        // A date directly followed by more digits is a number, not a date.
        if i < s.count, isDigit(s[i]) { return nil }
        var normalised = String(format: "%04d-%02d-%02d", year, month, day)
        if let time = timeOfDay(s, &i) { normalised += " " + time }
        guard let date = FeedDate.parse(normalised, defaultTimeZone: timeZone) else { return nil }
        return (date, i)
    }

    /// ` HH:MM[:SS]` (also `08时15分`, `08点15分`) after a date; moves `i` past it.
    private static func timeOfDay(_ s: [Unicode.Scalar], _ i: inout Int) -> String? {
        var j = i
        var spaces = 0
        while j < s.count, s[j].properties.isWhitespace, spaces < 4 { j += 1; spaces += 1 }
        guard let hour = number(s, &j, min: 1, max: 2), take(s, &j, ":时点") != nil,
              let minute = number(s, &j, min: 2, max: 2) else { return nil }
        var text = String(format: "%02d:%02d", hour, minute)
        var k = j
        if take(s, &k, ":分") != nil {
            if let seconds = number(s, &k, min: 2, max: 2) {
                text += String(format: ":%02d", seconds)
                j = k
            } else {
                j = k  // "15分" with no seconds
            }
        }
        i = j
        return text
    }

    /// `MM-DD`, `MM/DD`, `MM月DD日` at `start`, in the year that puts it last before `reference`.
    private static func monthDay(_ s: [Unicode.Scalar], at start: Int, timeZone: TimeZone, reference: Date) -> Date? {
        var i = start
        guard let month = number(s, &i, min: 1, max: 2), let separator = take(s, &i, "-/月"),
              let day = number(s, &i, min: 1, max: 2) else { return nil }
        if separator == "月" { guard take(s, &i, "日号") != nil else { return nil } }
        if i < s.count, isDigit(s[i]) || s[i] == "-" || s[i] == "/" { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let year = calendar.component(.year, from: reference)
        let time = timeOfDay(s, &i).map { " " + $0 } ?? ""
        for candidate in [year, year - 1] {
            let text = String(format: "%04d-%02d-%02d", candidate, month, day) + time
            if let date = FeedDate.parse(text, defaultTimeZone: timeZone),
               date <= reference.addingTimeInterval(86_400) {
                return date
            }
        }
        return nil
    }
}
