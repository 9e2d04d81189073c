import Foundation

/// Finds a date written inside running text, as list pages and article bylines have them:
/// `[2026-11-20]`, `发布时间：2026-11-20 08:15`, `来源：江临日报 2026年11月20日`, `2026/11/20`,
/// and on English pages `November 20, 2026`, `Nov. 20, 2026 8:15 PM`, `20 Nov 2026`.
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
        // English pages: `November 20, 2026`, `Nov. 20, 2026 8:15 PM`, `20 Nov 2026`.
        i = 0
        while i < scalars.count {
            if i == 0 || !isLetterOrDigit(scalars[i - 1]), isLetter(scalars[i]) || isDigit(scalars[i]),
               let date = englishDate(scalars, at: i, timeZone: defaultTimeZone) {
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
    private static func isLetter(_ s: Unicode.Scalar) -> Bool { (s.value | 0x20) >= 97 && (s.value | 0x20) <= 122 }
    private static func isLetterOrDigit(_ s: Unicode.Scalar) -> Bool { isLetter(s) || isDigit(s) }

    /// An English month name (`November`, `Nov`, `Nov.`) at `i`; moves `i` past it.
    private static func monthName(_ s: [Unicode.Scalar], _ i: inout Int) -> Int? {
        var j = i
        var word = ""
        // The longest month name has nine letters: stop there so a long run costs nothing.
        while j < s.count, isLetter(s[j]), word.count <= 9 {
            word.unicodeScalars.append(Unicode.Scalar(s[j].value & ~0x20)!)
            j += 1
        }
        guard j == s.count || !isLetter(s[j]), let month = FeedDate.months[word] else { return nil }
        if j < s.count, s[j] == "." { j += 1 }
        i = j
        return month
    }

    /// Skips up to four spaces, and one of `separators` among them.
    private static func skipGap(_ s: [Unicode.Scalar], _ i: inout Int, separators: String) {
        var spaces = 0
        var separated = false
        while i < s.count, spaces < 4 {
            if s[i].properties.isWhitespace {
                spaces += 1
            } else if !separated, separators.unicodeScalars.contains(s[i]) {
                separated = true
            } else {
                break
            }
            i += 1
        }
    }

    /// `Month D[st|nd|rd|th][,] YYYY` or `D Month[,] YYYY` at `start`, with an optional
    /// `H:MM[:SS] [AM|PM]` after it.
    private static func englishDate(_ s: [Unicode.Scalar], at start: Int, timeZone: TimeZone) -> Date? {
        var i = start
        var month = 0
        var day = 0
        if isLetter(s[i]) {
            guard let m = monthName(s, &i) else { return nil }
            skipGap(s, &i, separators: "")
            guard let d = number(s, &i, min: 1, max: 2) else { return nil }
            month = m
            day = d
            for suffix in ["st", "nd", "rd", "th"] where i + 1 < s.count
                && String(String.UnicodeScalarView(s[i...(i + 1)])).lowercased() == suffix {
                i += 2
                break
            }
            if i < s.count, isLetterOrDigit(s[i]) { return nil }
        } else {
            guard let d = number(s, &i, min: 1, max: 2) else { return nil }
            skipGap(s, &i, separators: "-")
            guard let m = monthName(s, &i) else { return nil }
            month = m
            day = d
        }
        skipGap(s, &i, separators: ",-")
        guard let year = number(s, &i, min: 4, max: 4), (1990...2999).contains(year) else { return nil }
        if i < s.count, isLetterOrDigit(s[i]) { return nil }
        var normalised = String(format: "%04d-%02d-%02d", year, month, day)
        var j = i
        skipGap(s, &j, separators: ",")
        if j + 1 < s.count, s[j] == "a" || s[j] == "A", s[j + 1] == "t" || s[j + 1] == "T" {
            j += 2
            skipGap(s, &j, separators: "")
        }
        if let hour = number(s, &j, min: 1, max: 2), take(s, &j, ":") != nil, let minute = number(s, &j, min: 2, max: 2) {
            var h = hour
            if take(s, &j, ":") != nil { _ = number(s, &j, min: 2, max: 2) }
            skipGap(s, &j, separators: "")
            let marker = String(String.UnicodeScalarView(s[j..<min(j + 4, s.count)])).lowercased()
            if marker.hasPrefix("pm") || marker.hasPrefix("p.m") {
                if h < 12 { h += 12 }
            } else if (marker.hasPrefix("am") || marker.hasPrefix("a.m")) && h == 12 {
                h = 0
            }
            if h <= 23, minute <= 59 { normalised += String(format: " %02d:%02d", h, minute) }
        }
        return FeedDate.parse(normalised, defaultTimeZone: timeZone)
    }

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
