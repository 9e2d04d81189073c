import Foundation
import Testing
import YuqingCore

/// Report periods: weeks, months and days in real time zones, across DST and year ends.
@Suite struct ReportPeriodTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    /// An instant given as local wall time in `zone`.
    static func local(_ text: String, _ zone: TimeZone = shanghai) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    @Test func weekRunsMondayToMondayInShanghai() {
        let week = ReportPeriod(kind: .week, containing: Self.local("2026-11-25 15:30"), in: Self.shanghai)
        #expect(week.start == Self.local("2026-11-23 00:00"))
        #expect(week.end == Self.local("2026-11-30 00:00"))
        #expect(week.key == "2026-W48")
        #expect(week.dayStarts.count == 7)
        // Sunday 23:59 still belongs to the week; Monday 00:00 starts the next.
        #expect(ReportPeriod(kind: .week, containing: Self.local("2026-11-29 23:59"), in: Self.shanghai) == week)
        #expect(ReportPeriod(kind: .week, containing: Self.local("2026-11-30 00:00"), in: Self.shanghai) == week.next)
    }

    @Test func lastCompletePeriodBeforeAnInstant() {
        let monday = Self.local("2026-11-23 08:00")
        #expect(ReportPeriod.lastComplete(.week, before: monday, in: Self.shanghai).key == "2026-W47")
        #expect(ReportPeriod.lastComplete(.day, before: monday, in: Self.shanghai).key == "2026-11-22")
        #expect(ReportPeriod.lastComplete(.month, before: monday, in: Self.shanghai).key == "2026-10")
        #expect(ReportPeriod.lastComplete(.month, before: Self.local("2026-12-01 00:00"), in: Self.shanghai).key == "2026-11")
    }

    @Test func monthEndsAndLeapYears() {
        let february = ReportPeriod(kind: .month, containing: Self.local("2026-03-10 12:00"), in: Self.shanghai).previous
        #expect(february.key == "2026-02")
        #expect(february.dayStarts.count == 28)
        #expect(ReportPeriod(kind: .month, containing: Self.local("2028-02-29 23:59"), in: Self.shanghai).dayStarts.count == 29)
        let january = ReportPeriod(kind: .month, containing: Self.local("2027-01-31 23:59"), in: Self.shanghai)
        #expect(january.previous.key == "2026-12")
        #expect(january.end == Self.local("2027-02-01 00:00"))
    }

    @Test func dstDaysAreCalendarDays() {
        // New York springs forward on 2026-03-08: that day has 23 hours.
        let spring = ReportPeriod(kind: .day, containing: Self.local("2026-03-08 12:00", Self.newYork), in: Self.newYork)
        #expect(spring.end.timeIntervalSince(spring.start) == 23 * 3600)
        let week = ReportPeriod(kind: .week, containing: Self.local("2026-03-08 12:00", Self.newYork), in: Self.newYork)
        #expect(week.start == Self.local("2026-03-02 00:00", Self.newYork))
        #expect(week.end.timeIntervalSince(week.start) == 7 * 86_400 - 3600)
        #expect(week.dayStarts.last == Self.local("2026-03-08 00:00", Self.newYork))
        // Berlin falls back on 2026-10-25: 25 hours, and October is one hour longer than 31 days.
        let autumn = ReportPeriod(kind: .day, containing: Self.local("2026-10-25 12:00", Self.berlin), in: Self.berlin)
        #expect(autumn.end.timeIntervalSince(autumn.start) == 25 * 3600)
        let october = ReportPeriod(kind: .month, containing: Self.local("2026-10-25 12:00", Self.berlin), in: Self.berlin)
        #expect(october.end.timeIntervalSince(october.start) == 31 * 86_400 + 3600)
        #expect(october.dayStarts.count == 31)
    }

    @Test func isoWeekNumbersAtYearBoundaries() {
        // 2026 starts on a Thursday, so it has 53 ISO weeks; 1 January 2027 is in week 53 of 2026.
        let lastOf2026 = ReportPeriod(kind: .week, containing: Self.local("2027-01-01 10:00"), in: Self.shanghai)
        #expect(lastOf2026.key == "2026-W53")
        #expect(lastOf2026.start == Self.local("2026-12-28 00:00"))
        #expect(lastOf2026.next.key == "2027-W01")
        // 30 December 2024 (a Monday) starts week 1 of 2025.
        #expect(ReportPeriod(kind: .week, containing: Self.local("2024-12-31 10:00"), in: Self.shanghai).key == "2025-W01")
    }

    @Test func sendTimesParseInChineseAndEnglish() throws {
        #expect(try DigestSendTime.parse("周一 08:00", for: .week).get() == DigestSendTime(weekday: 1, hour: 8, minute: 0))
        #expect(try DigestSendTime.parse("fri 17:30", for: .week).get() == DigestSendTime(weekday: 5, hour: 17, minute: 30))
        #expect(try DigestSendTime.parse("1 09:00", for: .month).get() == DigestSendTime(dayOfMonth: 1, hour: 9, minute: 0))
        #expect(try DigestSendTime.parse("08:00", for: .day).get() == DigestSendTime(hour: 8, minute: 0))
        for (text, kind) in [("周八 08:00", ReportPeriod.Kind.week), ("25:00", .day), ("mon 08:00", .month), ("32 09:00", .month), ("8", .day)] {
            guard case let .failure(error) = DigestSendTime.parse(text, for: kind) else {
                Issue.record("'\(text)' should not parse for \(kind)")
                continue
            }
            #expect(error.description.contains(text))
        }
    }

    @Test func dueTimesFollowThePeriod() {
        let week = ReportPeriod(kind: .week, containing: Self.local("2026-11-25 12:00"), in: Self.shanghai)
        #expect(DigestSendTime(weekday: 1, hour: 8, minute: 0).dueTime(of: week) == Self.local("2026-11-30 08:00"))
        #expect(DigestSendTime(weekday: 3, hour: 9, minute: 0).dueTime(of: week) == Self.local("2026-12-02 09:00"))
        // Day 31 of a month that has fewer days means its last day.
        let january = ReportPeriod(kind: .month, containing: Self.local("2027-01-15 12:00"), in: Self.shanghai)
        #expect(DigestSendTime(dayOfMonth: 31, hour: 9, minute: 0).dueTime(of: january) == Self.local("2027-02-28 09:00"))
        // 02:30 does not exist in New York on 2026-03-08; the report still goes that morning.
        let day = ReportPeriod(kind: .day, containing: Self.local("2026-03-07 12:00", Self.newYork), in: Self.newYork)
        let due = DigestSendTime(hour: 2, minute: 30).dueTime(of: day)
        #expect(due >= day.end && due < Self.local("2026-03-08 04:00", Self.newYork))
    }

    @Test func plannerSendsEachDuePeriodOnceAndCatchesUpLate() {
        let schedule = DigestSchedule(name: "周报", period: .week)
        let planner = DigestPlanner()
        // Running since 10 November; older periods are not this installation's business.
        let since = Self.local("2026-11-10 12:00")
        // Monday 07:59: last week is not due yet, and the week before is recorded.
        let before = planner.due(schedule, at: Self.local("2026-11-23 07:59"), in: Self.shanghai,
                                 recorded: [Self.local("2026-11-09 00:00")], since: since)
        #expect(before.isEmpty)
        // Monday 08:05: last week, on time.
        let onTime = planner.due(schedule, at: Self.local("2026-11-23 08:05"), in: Self.shanghai,
                                 recorded: [Self.local("2026-11-09 00:00")], since: since)
        #expect(onTime.map(\.period.key) == ["2026-W47"])
        #expect(onTime.first?.isLate == false)
        // Down from Sunday 15 November to Wednesday 25 November: two weeks missed, both late, oldest first.
        let caughtUp = planner.due(schedule, at: Self.local("2026-11-25 10:00"), in: Self.shanghai,
                                   recorded: [Self.local("2026-11-02 00:00")], since: Self.local("2026-11-05 12:00"))
        #expect(caughtUp.map(\.period.key) == ["2026-W46", "2026-W47"])
        #expect(caughtUp.map(\.isLate) == [true, true])
        // Reports missed longer ago than the catch-up window are skipped.
        let shortWindow = DigestPlanner(catchUpWindow: .seconds(5 * 86_400))
        #expect(shortWindow.due(schedule, at: Self.local("2026-11-25 10:00"), in: Self.shanghai, recorded: [],
                                since: Self.local("2026-11-05 12:00")).map(\.period.key) == ["2026-W47"])
        // A schedule first seen on Tuesday sends no history, only what falls due from then on.
        #expect(planner.due(schedule, at: Self.local("2026-11-25 10:00"), in: Self.shanghai, recorded: [],
                            since: Self.local("2026-11-24 10:00")).isEmpty)
    }
}
