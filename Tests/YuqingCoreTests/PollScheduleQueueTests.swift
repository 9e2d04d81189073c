import Foundation
import Testing
import YuqingCore

/// The schedule's heap must hand sources out in exactly the order the full sort gives
/// (`dueSources(at:)`: due time, then id), whatever reloads, reschedules and starts came before.
@Suite struct PollScheduleQueueTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func source(_ id: String, every seconds: Int64) -> Source {
        Source(id: id, url: URL(string: "http://127.0.0.1/\(id)")!, interval: .seconds(seconds))
    }

    /// The earliest due time of a source not in flight, computed the slow way.
    func slowNextWakeup(_ schedule: PollSchedule, ids: some Sequence<String>) -> Date? {
        ids.compactMap { schedule.entry(for: $0) }.filter { !$0.inFlight }.map(\.nextDue).min()
    }

    @Test func takingDueSourcesOneByOneFollowsTheSortedOrder() {
        var schedule = PollSchedule(startSpread: .seconds(3), seed: 11)
        schedule.update(sources: (0 ..< 2_000).map { source("s\($0)", every: 60) }, now: start)
        let now = start.addingTimeInterval(2)
        let expected = schedule.dueSources(at: now)
        #expect(expected.count > 1_000 && expected.count < 2_000)
        var taken: [String] = []
        while let id = schedule.startNextDue(at: now) { taken.append(id) }
        #expect(taken == expected)
        #expect(schedule.dueSources(at: now).isEmpty)
        #expect(taken.allSatisfy { schedule.entry(for: $0)?.inFlight == true && schedule.entry(for: $0)?.polls == 1 })
    }

    @Test(arguments: [1, 2, 3, 42, 2_026] as [UInt64])
    func seededRandomOperationsAgreeWithTheFullSort(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var schedule = PollSchedule(startSpread: .seconds(3), unconditionalEvery: 5, seed: seed)
        var configured = (0 ..< 300).map { source("s\($0)", every: Int64(1 + random.next() % 120)) }
        var everSeen = Set(configured.map(\.id))
        schedule.update(sources: configured, now: start)
        var now = start
        var running: [String] = []
        for step in 0 ..< 4_000 {
            switch random.next() % 10 {
            case 0 ... 3:
                // Take the next due source: the heap's choice is the sorted list's first.
                let expected = schedule.dueSources(at: now).first
                #expect(schedule.mostOverdue(at: now) == expected, "step \(step)")
                let taken = schedule.startNextDue(at: now)
                #expect(taken == expected, "step \(step)")
                if let taken { running.append(taken) }
            case 4 ... 6:
                guard !running.isEmpty else { continue }
                let id = running.remove(at: Int(random.next() % UInt64(running.count)))
                let outcome = random.next() % 4
                schedule.markFinished(id, at: now, succeeded: outcome != 0,
                                      retryAfter: outcome == 1 ? .seconds(30) : nil,
                                      newItems: outcome == 2 ? 3 : 0)
            case 7:
                now = now.addingTimeInterval(Double(random.next() % 5_000) / 1_000)
            case 8:
                // A reload: some sources go, some come, some change interval.
                configured = configured.filter { _ in random.next() % 10 != 0 }.map { source in
                    random.next() % 5 == 0 ? self.source(source.id, every: Int64(1 + random.next() % 120)) : source
                }
                let added = (0 ..< Int(random.next() % 20)).map { _ in source("n\(random.next() % 1_000)", every: 30) }
                configured += added.filter { new in !configured.contains { $0.id == new.id } }
                everSeen.formUnion(configured.map(\.id))
                schedule.update(sources: configured, now: now)
                running = running.filter { id in configured.contains { $0.id == id } }
            default:
                // A source started by name (not through the queue) is not handed out again.
                if let id = schedule.dueSources(at: now).last {
                    schedule.markStarted(id)
                    running.append(id)
                    #expect(!schedule.dueSources(at: now).contains(id))
                }
            }
            #expect(schedule.nextWakeup() == slowNextWakeup(schedule, ids: everSeen), "step \(step)")
        }
        // Draining at the end gives the sorted order too.
        let later = now.addingTimeInterval(1_000)
        let expected = schedule.dueSources(at: later)
        var taken: [String] = []
        while let id = schedule.startNextDue(at: later) { taken.append(id) }
        #expect(taken == expected)
    }

    @Test func aRemovedSourceIsNeverHandedOut() {
        var schedule = PollSchedule(seed: 5)
        schedule.update(sources: [source("a", every: 60), source("b", every: 60)], now: start)
        schedule.update(sources: [source("b", every: 60)], now: start)
        let later = start.addingTimeInterval(10)
        #expect(schedule.startNextDue(at: later) == "b")
        #expect(schedule.startNextDue(at: later) == nil)
        #expect(schedule.nextWakeup() == nil)
    }

    @Test func nothingIsHandedOutBeforeItIsDue() {
        var schedule = PollSchedule(jitterFraction: 0, seed: 5)
        schedule.update(sources: [source("a", every: 60)], now: start)
        #expect(schedule.startNextDue(at: start.addingTimeInterval(10)) == "a")
        schedule.markFinished("a", at: start.addingTimeInterval(10), succeeded: true, newItems: 1)
        #expect(schedule.startNextDue(at: start.addingTimeInterval(69)) == nil)
        #expect(schedule.nextWakeup() == start.addingTimeInterval(70))
        #expect(schedule.startNextDue(at: start.addingTimeInterval(70)) == "a")
    }
}
