import Foundation
import Testing
import YuqingCore

@Suite struct AdaptivePollingTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func schedule(every seconds: Int64 = 600, unconditionalEvery: Int = 12) -> PollSchedule {
        var schedule = PollSchedule(jitterFraction: 0, unconditionalEvery: unconditionalEvery, seed: 3)
        schedule.update(sources: [Source(id: "a", url: URL(string: "http://127.0.0.1/a")!, interval: .seconds(seconds))],
                        now: start)
        return schedule
    }

    func poll(_ schedule: inout PollSchedule, newItems: Int?, succeeded: Bool = true) -> TimeInterval {
        schedule.markStarted("a")
        schedule.markFinished("a", at: start, succeeded: succeeded, newItems: newItems)
        return schedule.entry(for: "a")!.nextDue.timeIntervalSince(start)
    }

    @Test func quietPollsStretchUpToFourTimesTheInterval() {
        var s = schedule()
        #expect(poll(&s, newItems: 0) == 900)
        #expect(poll(&s, newItems: 0) == 1_350)
        #expect(poll(&s, newItems: 0) == 2_025)
        #expect(poll(&s, newItems: 0) == 2_400)
        #expect(poll(&s, newItems: 0) == 2_400)
    }

    @Test func newItemsShrinkItBackToTheInterval() {
        var s = schedule()
        _ = poll(&s, newItems: 0)
        _ = poll(&s, newItems: 0)
        #expect(poll(&s, newItems: 3) == 600)
    }

    @Test func unknownCountsAndFailuresLeaveTheStretchAlone() {
        var s = schedule()
        _ = poll(&s, newItems: 0)
        #expect(poll(&s, newItems: nil) == 900)
        // Failure backoff is measured from the configured interval, as before.
        #expect(poll(&s, newItems: 0, succeeded: false) == 600)
        #expect(poll(&s, newItems: nil) == 900)
    }

    @Test func jitterStaysAroundTheStretchedIntervalAndNeverBelowTheInterval() {
        var s = PollSchedule(jitterFraction: 0.1, seed: 9)
        s.update(sources: [Source(id: "a", url: URL(string: "http://127.0.0.1/a")!, interval: .seconds(600))], now: start)
        for _ in 0 ..< 10 {
            s.markStarted("a")
            s.markFinished("a", at: start, succeeded: true, newItems: 0)
        }
        let delay = s.entry(for: "a")!.nextDue.timeIntervalSince(start)
        #expect(delay >= 2_400 * 0.9 && delay <= 2_400 * 1.1)
        s.markStarted("a")
        s.markFinished("a", at: start, succeeded: true, newItems: 1)
        #expect(s.entry(for: "a")!.stretchedInterval == .seconds(600))
    }

    @Test func everyTwelfthPollSendsNoValidators() {
        var s = schedule()
        var unconditional: [Int] = []
        for poll in 1 ... 30 {
            s.markStarted("a")
            if s.sendsNoValidators("a") { unconditional.append(poll) }
            s.markFinished("a", at: start, succeeded: true)
        }
        #expect(unconditional == [13, 25])
        var never = schedule(unconditionalEvery: 0)
        for _ in 1 ... 30 {
            never.markStarted("a")
            #expect(!never.sendsNoValidators("a"))
            never.markFinished("a", at: start, succeeded: true)
        }
    }
}
