import Foundation

/// Reads the date spellings found in news feeds (RFC 822/1123, RFC 3339 / ISO 8601,
/// `ctime`-style, and the Chinese forms `2026-11-20 08:15`, `2026/11/20`, `2026年11月20日`)
/// into an absolute time.
///
/// A small hand-written parser rather than `DateFormatter`: a feed run reads thousands of
/// dates, formatters are slow to create and to run, and no single format string covers the
/// variety (missing seconds, missing weekday, single-digit days, `CST`, `GMT+8`, …).
public enum FeedDate {
    /// China Standard Time (UTC+08:00), the zone assumed for dates that carry none.
    public static let chinaStandardTime: TimeZone =
        TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// Parses `text`; returns nil when it is not a recognisable, valid date.
    ///
    /// - Parameters:
    ///   - text: the date as written in the feed.
    ///   - defaultTimeZone: the zone for dates that name none (Chinese feeds usually mean
    ///     Beijing time).
    ///
    /// `CST` is read as China Standard Time (+08:00), which is what Chinese feeds mean by it;
    /// `EST`, `PST` and the other RFC 822 North American names keep their RFC 822 meaning.
    public static func parse(_ text: String, defaultTimeZone: TimeZone = chinaStandardTime) -> Date? {
        let tokens = tokenize(text)
        // Unix time, in seconds or milliseconds, as some CMS exports write it.
        if tokens.count == 1, case .number(let v, let digits) = tokens[0], digits == 10 || digits == 13 {
            return Date(timeIntervalSince1970: digits == 13 ? Double(v) / 1000 : Double(v))
        }
        var parser = Parser(tokens: tokens)
        guard let fields = parser.parse() else { return nil }
        return fields.date(defaultTimeZone: defaultTimeZone)
    }

    // MARK: - Tokens

    /// One lexical piece of a date string.
    enum Token: Equatable {
        /// A run of ASCII digits: its value and how many digits were written.
        case number(Int, digits: Int)
        /// A run of ASCII letters, upper-cased.
        case word(String)
        /// A single separator character (`-`, `/`, `.`, `:`, `+`).
        case punct(UInt8)
    }

    /// Splits `text` into tokens after mapping Chinese date characters and full-width
    /// forms to their ASCII equivalents; commas, spaces and `(…)` comments are dropped.
    static func tokenize(_ text: String) -> [Token] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var commentDepth = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x28: commentDepth += 1; continue  // "(CST)" trailing comments
            case 0x29: commentDepth = max(0, commentDepth - 1); continue
            default: break
            }
            if commentDepth > 0 { continue }
            switch v {
            case 0x5E74, 0x6708: bytes.append(UInt8(ascii: "-"))  // 年 月
            case 0x65E5, 0x53F7: bytes.append(UInt8(ascii: " "))  // 日 号
            case 0x65F6, 0x6642, 0x70B9, 0x5206: bytes.append(UInt8(ascii: ":"))  // 时 時 点 分
            case 0x79D2: bytes.append(UInt8(ascii: " "))  // 秒
            case 0xFF1A: bytes.append(UInt8(ascii: ":"))  // full-width colon
            case 0xFF10...0xFF19: bytes.append(UInt8(v - 0xFF10) + UInt8(ascii: "0"))  // full-width digits
            case 0xFF0D: bytes.append(UInt8(ascii: "-"))
            case 0xFF0F: bytes.append(UInt8(ascii: "/"))
            case 0xFF0B: bytes.append(UInt8(ascii: "+"))
            case 0..<0x80: bytes.append(UInt8(v))
            default:
                // Any other non-ASCII character (ideographic space, NBSP, …) separates tokens;
                // a stray letter from another script makes the string unparseable below.
                bytes.append(scalar.properties.isWhitespace ? UInt8(ascii: " ") : 0)
            }
        }

        var tokens: [Token] = []
        tokens.reserveCapacity(16)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if isDigit(b) {
                var value = 0
                var digits = 0
                while i < bytes.count, isDigit(bytes[i]) {
                    if digits < 18 { value = value * 10 + Int(bytes[i] - 48) }
                    digits += 1
                    i += 1
                }
                tokens.append(.number(value, digits: digits))
            } else if isLetter(b) {
                let start = i
                while i < bytes.count, isLetter(bytes[i]) {
                    bytes[i] &= ~0x20  // upper case
                    i += 1
                }
                // Month, day and zone names fit a small string: no allocation.
                tokens.append(.word(String(decoding: bytes[start ..< i], as: UTF8.self)))
            } else if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ",") {
                i += 1
            } else {
                tokens.append(.punct(b))
                i += 1
            }
        }
        return tokens
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

    // MARK: - Names

    /// English month names and abbreviations, upper-cased (also read by `DateInText`).
    static let months: [String: Int] = [
        "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
        "JUL": 7, "AUG": 8, "SEP": 9, "SEPT": 9, "OCT": 10, "NOV": 11, "DEC": 12,
        "JANUARY": 1, "FEBRUARY": 2, "MARCH": 3, "APRIL": 4, "JUNE": 6, "JULY": 7,
        "AUGUST": 8, "SEPTEMBER": 9, "OCTOBER": 10, "NOVEMBER": 11, "DECEMBER": 12,
    ]

    private static let weekdays: Set<String> = [
        "MON", "TUE", "TUES", "WED", "THU", "THUR", "THURS", "FRI", "SAT", "SUN",
        "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
    ]

    /// Zone names with their offsets in seconds. `CST` is China Standard Time here, not US
    /// Central: the feeds this service reads use it that way (Java's `Date.toString()` on a
    /// server set to Asia/Shanghai prints `CST`).
    private static let zones: [String: Int] = [
        "Z": 0, "UT": 0, "UTC": 0, "GMT": 0,
        "EST": -5 * 3600, "EDT": -4 * 3600, "CDT": -5 * 3600,
        "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
        "CST": 8 * 3600, "BJT": 8 * 3600, "CCT": 8 * 3600, "HKT": 8 * 3600, "SGT": 8 * 3600,
        "JST": 9 * 3600, "KST": 9 * 3600, "CET": 1 * 3600, "CEST": 2 * 3600, "BST": 1 * 3600,
    ]

    // MARK: - Fields

    /// The calendar fields read from a date string, before they become a `Date`.
    struct Fields {
        var year = 0
        var month = 0
        var day = 0
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        /// Offset from UTC in seconds, or nil when the string names no zone.
        var offset: Int?

        /// The absolute time, or nil when a field is out of range.
        func date(defaultTimeZone: TimeZone) -> Date? {
            guard (1900...2999).contains(year), (1...12).contains(month),
                  day >= 1, day <= FeedDate.daysInMonth(year: year, month: month),
                  (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
            else { return nil }
            let days = FeedDate.daysFromCivil(year: year, month: month, day: day)
            // A leap second is folded into the one before it: Date has no 23:59:60.
            let local = Double(days * 86_400 + hour * 3600 + minute * 60 + min(second, 59)) + fraction
            if let offset {
                return Date(timeIntervalSince1970: local - Double(offset))
            }
            // Two steps so that a zone with DST uses the offset in force at that local time.
            let guess = defaultTimeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))
            let settled = defaultTimeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local - Double(guess)))
            return Date(timeIntervalSince1970: local - Double(settled))
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: - Parser

    /// A cursor over the tokens that recognises the supported layouts.
    struct Parser {
        let tokens: [Token]
        var index = 0

        init(tokens: [Token]) { self.tokens = tokens }

        private var current: Token? { index < tokens.count ? tokens[index] : nil }
        private var atEnd: Bool { index >= tokens.count }

        private mutating func takeNumber(maxDigits: Int = 2) -> Int? {
            if case .number(let v, let d)? = current, d <= maxDigits { index += 1; return v }
            return nil
        }

        private mutating func takePunct(_ chars: String) -> UInt8? {
            if case .punct(let p)? = current, chars.utf8.contains(p) { index += 1; return p }
            return nil
        }

        private mutating func takeWord(where accept: (String) -> Bool) -> String? {
            if case .word(let w)? = current, accept(w) { index += 1; return w }
            return nil
        }

        /// Reads the whole token list; nil when anything is left over or missing.
        mutating func parse() -> Fields? {
            var f = Fields()
            _ = takeWord { FeedDate.weekdays.contains($0) }
            var yearPending = false

            if case .number(let v, let d)? = current, d == 4 {
                // ISO-like: 2026-11-20, 2026/11/20, 2026.11.20 (年月日 already mapped to '-').
                index += 1
                f.year = v
                guard let sep = takePunct("-/."), let m = takeNumber() else { return nil }
                f.month = m
                guard takePunct(String(UnicodeScalar(sep))) != nil, let d = takeNumber() else { return nil }
                f.day = d
            } else if case .number(let v, let d)? = current, d == 8 {
                // Basic ISO 8601: 20261120
                index += 1
                f.year = v / 10_000
                f.month = v / 100 % 100
                f.day = v % 100
            } else if let d = takeNumber() {
                // RFC 822: 20 Nov 2026, also 20-Nov-2026
                f.day = d
                _ = takePunct("-")
                guard let m = takeWord(where: { FeedDate.months[$0] != nil }) else { return nil }
                f.month = FeedDate.months[m]!
                _ = takePunct("-")
                guard let y = takeYear() else { return nil }
                f.year = y
            } else if let m = takeWord(where: { FeedDate.months[$0] != nil }) {
                // "Nov 20 2026 08:15" or ctime "Nov 20 08:15:30 CST 2026"
                f.month = FeedDate.months[m]!
                guard let d = takeNumber() else { return nil }
                f.day = d
                if let y = takeYear(fourDigitsOnly: true) { f.year = y } else { yearPending = true }
            } else {
                return nil
            }

            // Time of day, after an optional ISO 'T'.
            if takeWord(where: { $0 == "T" }) != nil {
                guard readTime(into: &f) else { return nil }
            } else if case .number? = current {
                if !readTime(into: &f) {
                    if !yearPending { return nil }
                }
            }

            // Zone.
            if let zone = readZone() {
                f.offset = zone
            } else if index < tokens.count, case .word = current {
                return nil  // an unknown zone name: better no date than a wrong one
            }

            if yearPending {
                guard let y = takeYear(fourDigitsOnly: true) else { return nil }
                f.year = y
            }
            return atEnd ? f : nil
        }

        private mutating func takeYear(fourDigitsOnly: Bool = false) -> Int? {
            guard case .number(let v, let d)? = current else { return nil }
            if d == 4 { index += 1; return v }
            if d == 2 && !fourDigitsOnly {
                // Is "26" the year or the hour of a ctime date? Only a ':' after it says hour.
                if index + 1 < tokens.count, tokens[index + 1] == .punct(UInt8(ascii: ":")) { return nil }
                index += 1
                return v < 50 ? 2000 + v : 1900 + v
            }
            return nil
        }

        /// Reads `H:MM[:SS[.frac]] [AM|PM]`; false when no time is there.
        private mutating func readTime(into f: inout Fields) -> Bool {
            let start = index
            guard let h = takeNumber(), takePunct(":") != nil, let m = takeNumber() else {
                index = start
                return false
            }
            f.hour = h
            f.minute = m
            // A trailing ':' is left by 08时15分 (时/分 map to ':').
            if takePunct(":") != nil, let s = takeNumber() {
                f.second = s
                if takePunct(".") != nil {
                    guard case .number(let v, let d)? = current else { return false }
                    index += 1
                    f.fraction = d <= 18 ? Double(v) / pow(10, Double(d)) : 0
                }
            }
            if let ampm = takeWord(where: { $0 == "AM" || $0 == "PM" }) {
                guard (1...12).contains(f.hour) else { f.hour = 99; return true }
                f.hour = f.hour % 12 + (ampm == "PM" ? 12 : 0)
            }
            return true
        }

        /// Reads `Z`, `+0800`, `+08:00`, `+8`, a zone name, or `GMT+8`; nil when none.
        private mutating func readZone() -> Int? {
            var offset: Int?
            if let name = takeWord(where: { FeedDate.zones[$0] != nil }) {
                offset = FeedDate.zones[name]!
            }
            let start = index
            if let sign = takePunct("+-") {
                guard case .number(let v, let d)? = current else { index = start; return offset }
                index += 1
                var seconds: Int
                switch d {
                case 4: seconds = (v / 100) * 3600 + (v % 100) * 60
                case 1, 2:
                    seconds = v * 3600
                    if takePunct(":") != nil {
                        guard let mm = takeNumber() else { return nil }
                        seconds += mm * 60
                    }
                default: index = start; return offset
                }
                guard seconds <= 14 * 3600 else { index = start; return offset }
                if sign == UInt8(ascii: "-") { seconds = -seconds }
                offset = (offset ?? 0) + seconds
            }
            return offset
        }
    }
}
