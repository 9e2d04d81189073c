import Foundation
import Testing
import YuqingCore

@Suite struct PollScheduleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func source(_ id: String, every seconds: Int64, enabled: Bool = true) -> Source {
        Source(id: id, url: URL(string: "http://127.0.0.1/\(id)")!, interval: .seconds(seconds), enabled: enabled)
    }

    @Test func newSourcesAreDueWithinTheStartSpread() {
        var schedule = PollSchedule(startSpread: .seconds(3), seed: 1)
        schedule.update(sources: (0 ..< 50).map { source("s\($0)", every: 600) }, now: start)
        #expect(schedule.dueSources(at: start.addingTimeInterval(3)).count == 50)
        // Spread out: not all fire in the very first instant.
        #expect(schedule.dueSources(at: start).count < 50)
    }

    @Test func disabledSourcesAreNeverScheduled() {
        var schedule = PollSchedule(seed: 1)
        schedule.update(sources: [source("on", every: 60), source("off", every: 60, enabled: false)], now: start)
        #expect(schedule.dueSources(at: start.addingTimeInterval(10)) == ["on"])
    }

    @Test func aSourceInFlightIsNotHandedOutTwice() {
        var schedule = PollSchedule(seed: 1)
        schedule.update(sources: [source("a", every: 60)], now: start)
        let later = start.addingTimeInterval(10)
        #expect(schedule.dueSources(at: later) == ["a"])
        schedule.markStarted("a")
        #expect(schedule.dueSources(at: later).isEmpty)
        #expect(schedule.nextWakeup() == nil)
    }

    @Test func successSchedulesOneIntervalLaterWithinJitter() {
        var schedule = PollSchedule(jitterFraction: 0.1, seed: 7)
        schedule.update(sources: [source("a", every: 600)], now: start)
        schedule.markStarted("a")
        schedule.markFinished("a", at: start, succeeded: true)
        let due = schedule.entry(for: "a")!.nextDue.timeIntervalSince(start)
        #expect(due >= 540 && due <= 660)
    }

    @Test func failuresBackOffExponentiallyUpToTheCapAndSuccessResets() {
        var schedule = PollSchedule(jitterFraction: 0, maximumBackoff: .seconds(3_600), seed: 1)
        schedule.update(sources: [source("a", every: 600)], now: start)
        var delays: [Double] = []
        for _ in 0 ..< 5 {
            schedule.markStarted("a")
            schedule.markFinished("a", at: start, succeeded: false)
            delays.append(schedule.entry(for: "a")!.nextDue.timeIntervalSince(start))
        }
        #expect(delays == [600, 1_200, 2_400, 3_600, 3_600])
        schedule.markFinished("a", at: start, succeeded: true)
        #expect(schedule.entry(for: "a")!.nextDue.timeIntervalSince(start) == 600)
        #expect(schedule.entry(for: "a")!.consecutiveFailures == 0)
    }

    @Test func retryAfterIsNeverPreceded() {
        var schedule = PollSchedule(jitterFraction: 0.1, seed: 3)
        schedule.update(sources: [source("a", every: 60)], now: start)
        schedule.markFinished("a", at: start, succeeded: false, retryAfter: .seconds(7_200))
        #expect(schedule.entry(for: "a")!.nextDue.timeIntervalSince(start) >= 7_200)
    }

    @Test func removedSourcesDisappearAndShorterIntervalsApplyAtOnce() {
        var schedule = PollSchedule(jitterFraction: 0, seed: 1)
        schedule.update(sources: [source("a", every: 3_600), source("b", every: 60)], now: start)
        schedule.markFinished("a", at: start, succeeded: true)
        schedule.update(sources: [source("a", every: 120)], now: start)
        #expect(schedule.count == 1)
        #expect(schedule.entry(for: "a")!.nextDue.timeIntervalSince(start) == 120)
    }

    @Test func nextWakeupIsTheEarliestDueTime() {
        var schedule = PollSchedule(jitterFraction: 0, seed: 1)
        schedule.update(sources: [source("a", every: 600), source("b", every: 60)], now: start)
        schedule.markFinished("a", at: start, succeeded: true)
        schedule.markFinished("b", at: start, succeeded: true)
        #expect(schedule.nextWakeup() == start.addingTimeInterval(60))
    }
}
