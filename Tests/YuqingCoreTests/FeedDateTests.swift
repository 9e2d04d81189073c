import Foundation
import Testing
import YuqingCore

/// A date string and the UTC instant it must read as (nil: must be rejected).
struct DateCase: Sendable, CustomTestStringConvertible {
    let text: String
    let expected: Date?
    var testDescription: String { "\"\(text)\"" }

    init(_ text: String, _ expected: Date?) {
        self.text = text
        self.expected = expected
    }
}

/// Builds a UTC instant from calendar fields, independently of the parser under test.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0,
         _ fraction: Double = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    return calendar.date(from: components)!.addingTimeInterval(fraction)
}

@Suite("FeedDate")
struct FeedDateTests {
    static let rfc822: [DateCase] = [
        DateCase("Fri, 20 Nov 2026 08:15:30 GMT", utc(2026, 11, 20, 8, 15, 30)),
        DateCase("Fri, 20 Nov 2026 08:15:30 +0800", utc(2026, 11, 20, 0, 15, 30)),
        DateCase("Fri, 20 Nov 2026 08:15:30 -0500", utc(2026, 11, 20, 13, 15, 30)),
        DateCase("Fri, 20 Nov 2026 08:15:30 CST", utc(2026, 11, 20, 0, 15, 30)),  // China Standard Time
        DateCase("Fri, 20 Nov 2026 08:15:30 EST", utc(2026, 11, 20, 13, 15, 30)),
        DateCase("Fri, 20 Nov 2026 08:15:30 PDT", utc(2026, 11, 20, 15, 15, 30)),
        DateCase("Fri, 20 Nov 2026 08:15:30 UT", utc(2026, 11, 20, 8, 15, 30)),
        DateCase("Fri, 20 Nov 2026 08:15 GMT", utc(2026, 11, 20, 8, 15)),  // no seconds
        DateCase("20 Nov 2026 08:15:30 GMT", utc(2026, 11, 20, 8, 15, 30)),  // no weekday
        DateCase("Mon, 2 Nov 2026 08:15:30 +0000", utc(2026, 11, 2, 8, 15, 30)),  // one-digit day
        DateCase("Fri,20 Nov 2026 08:15:30 GMT", utc(2026, 11, 20, 8, 15, 30)),
        DateCase("Fri, 20 Nov 26 08:15:30 GMT", utc(2026, 11, 20, 8, 15, 30)),  // two-digit year
        DateCase("Friday, 20 November 2026 08:15:30 GMT", utc(2026, 11, 20, 8, 15, 30)),
        DateCase("Fri, 20 Nov 2026 08:15:30 GMT+8", utc(2026, 11, 20, 0, 15, 30)),
        DateCase("Fri, 20 Nov 2026 08:15:30 +0800 (CST)", utc(2026, 11, 20, 0, 15, 30)),
        DateCase("Fri, 20 Nov 2026 08:15:30", utc(2026, 11, 20, 0, 15, 30)),  // no zone: Beijing
        DateCase("Thu, 20 Nov 2026 08:15:30 GMT", utc(2026, 11, 20, 8, 15, 30)),  // wrong weekday is ignored
        DateCase("Fri Nov 20 08:15:30 CST 2026", utc(2026, 11, 20, 0, 15, 30)),  // Java Date.toString()
        DateCase("Nov 20, 2026 8:15:30 PM", utc(2026, 11, 20, 12, 15, 30)),
    ]

    static let iso: [DateCase] = [
        DateCase("2026-11-20T08:15:30Z", utc(2026, 11, 20, 8, 15, 30)),
        DateCase("2026-11-20T08:15:30+08:00", utc(2026, 11, 20, 0, 15, 30)),
        DateCase("2026-11-20T08:15:30.250+08:00", utc(2026, 11, 20, 0, 15, 30, 0.25)),
        DateCase("2026-11-20T08:15:30.5Z", utc(2026, 11, 20, 8, 15, 30, 0.5)),
        DateCase("2026-11-20T08:15:30-0330", utc(2026, 11, 20, 11, 45, 30)),
        DateCase("2026-11-20T08:15:30", utc(2026, 11, 20, 0, 15, 30)),  // no zone: Beijing
        DateCase("2026-11-20T08:15Z", utc(2026, 11, 20, 8, 15)),
        DateCase("2026-11-20", utc(2026, 11, 19, 16)),  // Beijing midnight
        DateCase("20261120", utc(2026, 11, 19, 16)),
    ]

    static let chinese: [DateCase] = [
        DateCase("2026-11-20 08:15", utc(2026, 11, 20, 0, 15)),
        DateCase("2026-11-20 08:15:30", utc(2026, 11, 20, 0, 15, 30)),
        DateCase("2026/11/20 08:15", utc(2026, 11, 20, 0, 15)),
        DateCase("2026.11.20 08:15", utc(2026, 11, 20, 0, 15)),
        DateCase("2026-1-5 8:05", utc(2026, 1, 5, 0, 5)),
        DateCase("2026年11月20日 08:15", utc(2026, 11, 20, 0, 15)),
        DateCase("2026年11月20日08:15", utc(2026, 11, 20, 0, 15)),
        DateCase("2026年11月20日", utc(2026, 11, 19, 16)),
        DateCase("2026年11月20日 08时15分", utc(2026, 11, 20, 0, 15)),
        DateCase("２０２６年１１月２０日 ０８：１５", utc(2026, 11, 20, 0, 15)),  // full-width
        DateCase("  2026-11-20 08:15  ", utc(2026, 11, 20, 0, 15)),
        DateCase("2026-11-20 08:15 +0000", utc(2026, 11, 20, 8, 15)),
        DateCase("1763597730", Date(timeIntervalSince1970: 1_763_597_730)),  // Unix seconds
        DateCase("1763597730123", Date(timeIntervalSince1970: 1_763_597_730.123)),  // Unix milliseconds
    ]

    static let nonsense: [DateCase] = [
        DateCase("", nil),
        DateCase("   ", nil),
        DateCase("昨天", nil),
        DateCase("3小时前", nil),
        DateCase("yesterday", nil),
        DateCase("not a date 2026", nil),
        DateCase("2026-13-01 08:00", nil),
        DateCase("2026-02-30", nil),
        DateCase("2026-11-20 25:00", nil),
        DateCase("2026-11-20 08:61", nil),
        DateCase("32 Nov 2026 08:15:30 GMT", nil),
        DateCase("Fri, 20 Foo 2026 08:15:30 GMT", nil),
        DateCase("Fri, 20 Nov 2026 08:15:30 XYZ", nil),  // unknown zone: no guess
        DateCase("Fri, 20 Nov 2026 08:15:30 +9900", nil),
        DateCase("0000-00-00 00:00:00", nil),
        DateCase("2026-11-20 08:15 extra words", nil),
        DateCase("12345", nil),
    ]

    @Test("RFC 822 / 1123 dates", arguments: rfc822)
    func rfc822Dates(_ row: DateCase) {
        #expect(FeedDate.parse(row.text) == row.expected)
    }

    @Test("RFC 3339 / ISO 8601 dates", arguments: iso)
    func isoDates(_ row: DateCase) {
        #expect(FeedDate.parse(row.text) == row.expected)
    }

    @Test("Chinese layouts and Unix time", arguments: chinese)
    func chineseDates(_ row: DateCase) {
        #expect(FeedDate.parse(row.text) == row.expected)
    }

    @Test("nonsense is rejected", arguments: nonsense)
    func nonsenseDates(_ row: DateCase) {
        #expect(FeedDate.parse(row.text) == nil)
    }

    @Test("the zone for zoneless dates is a parameter")
    func defaultZoneParameter() {
        let utcZone = TimeZone(identifier: "UTC")!
        #expect(FeedDate.parse("2026-11-20 08:15", defaultTimeZone: utcZone) == utc(2026, 11, 20, 8, 15))
        let newYork = TimeZone(identifier: "America/New_York")!
        // 20 November is outside US daylight saving: UTC-5.
        #expect(FeedDate.parse("2026-11-20 08:15", defaultTimeZone: newYork) == utc(2026, 11, 20, 13, 15))
        // An explicit zone wins over the default.
        #expect(FeedDate.parse("2026-11-20T08:15:00Z", defaultTimeZone: newYork) == utc(2026, 11, 20, 8, 15))
    }

    @Test("leap years")
    func leapYears() {
        #expect(FeedDate.parse("2028-02-29 00:00 +0000") == utc(2028, 2, 29))
        #expect(FeedDate.parse("2000-02-29 00:00 +0000") == utc(2000, 2, 29))
        #expect(FeedDate.parse("2100-02-29 00:00 +0000") == nil)
    }
}
