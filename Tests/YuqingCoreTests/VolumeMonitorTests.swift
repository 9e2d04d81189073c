import Foundation
import Testing
import YuqingCore

@Suite struct VolumeMonitorTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func at(minutes: Double) -> Date {
        start.addingTimeInterval(minutes * 60)
    }

    func events(_ group: String, minutes: [Double]) -> [GroupMatchEvent] {
        minutes.map { GroupMatchEvent(group: group, time: at(minutes: $0)) }
    }

    let volume = VolumeRule(
        name: "环保量", group: "环保", severity: .medium, notify: ["值班室"],
        trigger: .count(3, window: .seconds(3_600))
    )

    /// Events fed one at a time at their own time; returns the minute of each alert.
    func replay(_ rules: [VolumeRule], _ minutes: [Double], group: String = "环保") -> [Double] {
        var monitor = VolumeMonitor(rules: rules)
        var fired: [Double] = []
        for minute in minutes {
            for alert in monitor.ingest(events(group, minutes: [minute]), now: at(minutes: minute)) {
                fired.append(alert.time.timeIntervalSince(start) / 60)
            }
        }
        return fired
    }

    @Test(arguments: [
        // Three within the hour: fires on the third.
        ([0, 10, 20], [20]),
        // Three, but never three inside one hour.
        ([0, 40, 90, 140], []),
        // The window is (now - 1h, now]: an event exactly an hour old no longer counts.
        ([0, 30, 60], []),
        ([0, 30, 59], [59]),
        // One burst fires once, however long it lasts (six an hour for three hours).
        (Array(stride(from: 0.0, through: 180, by: 10)), [20]),
        // The count fell below three at 66 (only 30 and 50 in the window): that burst is over.
        ([0, 1, 2, 3, 4, 5, 30, 50, 70, 90], [2, 70]),
        // Quiet, then a second burst after the cooldown: fires again.
        ([0, 1, 2, 200, 201, 202], [2, 202]),
    ] as [([Double], [Double])])
    func volumeFiresAtCountWithinWindow(minutes: [Double], expected: [Double]) {
        #expect(replay([volume], minutes) == expected)
    }

    @Test func burstInsideTheCooldownStaysQuiet() {
        let rule = VolumeRule(name: "v", group: "环保", trigger: .count(3, window: .seconds(600)), cooldown: .seconds(7_200))
        // Fires at 2; quiet by 20, second burst at 60–62 is still inside the two-hour cooldown;
        // the third burst at 200 is after it and after a quiet spell.
        #expect(replay([rule], [0, 1, 2, 60, 61, 62, 200, 201, 202]) == [2, 202])
    }

    @Test func aBurstArrivingInOneBatchFires() {
        var monitor = VolumeMonitor(rules: [volume])
        let alerts = monitor.ingest(events("环保", minutes: [1, 2, 3, 4]), now: at(minutes: 5))
        #expect(alerts.count == 1)
        #expect(alerts.first?.count == 3)
        #expect(alerts.first?.ruleName == "环保量")
        #expect(alerts.first?.notify == ["值班室"])
        // The next batch, an hour of quiet later and a new burst: fires again.
        let later = monitor.ingest(events("环保", minutes: [200, 201, 202]), now: at(minutes: 203))
        #expect(later.count == 1)
    }

    @Test func otherGroupsDoNotCount() {
        #expect(replay([volume], [0, 1, 2], group: "医疗") == [])
    }

    @Test func countsOnlyTheWindow() {
        var monitor = VolumeMonitor(rules: [volume])
        _ = monitor.ingest(events("环保", minutes: [0, 10, 80, 90, 100]), now: at(minutes: 100))
        #expect(monitor.count(group: "环保", window: .seconds(3_600), now: at(minutes: 100)) == 3)
        #expect(monitor.count(group: "环保", window: .seconds(900), now: at(minutes: 100)) == 2)
        // Events older than every rule's horizon are forgotten.
        #expect(monitor.count(group: "环保", window: .seconds(7_200), now: at(minutes: 100)) == 3)
    }

    // MARK: Spikes

    let spike = VolumeRule(
        name: "环保突增", group: "环保", severity: .high,
        trigger: .spike(factor: 3, window: .seconds(3_600), baseline: .seconds(7 * 86_400), minimumCount: 3)
    )

    /// One match an hour for the whole baseline week, then `burst` matches in the last hour.
    func spikeAlerts(burst: Int) -> [VolumeAlert] {
        var monitor = VolumeMonitor(rules: [spike])
        let hours = 7 * 24
        let history = (0..<hours).map { GroupMatchEvent(group: "环保", time: at(minutes: Double($0) * 60 + 30)) }
        _ = monitor.ingest(history, now: at(minutes: Double(hours) * 60))
        let burstEvents = (0..<burst).map { GroupMatchEvent(group: "环保", time: at(minutes: Double(hours) * 60 + 40 + Double($0))) }
        return monitor.ingest(burstEvents, now: at(minutes: Double(hours) * 60 + 59))
    }

    @Test func spikeFiresAtFactorTimesTheBaseline() throws {
        #expect(spikeAlerts(burst: 2).isEmpty)
        let alerts = spikeAlerts(burst: 4)
        let alert = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(alert.ruleName == "环保突增")
        #expect(alert.count == 3) // fired as the third match arrived: three times one an hour
        #expect(abs((alert.baselineAverage ?? 0) - 1) < 0.01)
    }

    @Test func spikeNeedsItsMinimumCountOverAnEmptyBaseline() {
        let rule = VolumeRule(
            name: "s", group: "环保",
            trigger: .spike(factor: 3, window: .seconds(3_600), baseline: .seconds(86_400), minimumCount: 5)
        )
        #expect(replay([rule], [0, 1, 2, 3]) == [])
        #expect(replay([rule], [0, 1, 2, 3, 4]) == [4])
    }

    @Test func steadyRateIsNoSpike() {
        let rule = VolumeRule(
            name: "s", group: "环保",
            trigger: .spike(factor: 3, window: .seconds(3_600), baseline: .seconds(86_400), minimumCount: 2)
        )
        // Four matches an hour for two days: every hour looks like its baseline.
        let minutes = (0..<(48 * 4)).map { Double($0) * 15 }
        #expect(replay([rule], minutes).allSatisfy { $0 < 60 * 24 } )
    }

    @Test func reloadKeepsHistoryAndCooldown() {
        var monitor = VolumeMonitor(rules: [volume])
        #expect(monitor.ingest(events("环保", minutes: [0, 1, 2]), now: at(minutes: 2)).count == 1)
        monitor.replaceRules([volume])
        #expect(monitor.isCoolingDown("环保量"))
        #expect(monitor.ingest(events("环保", minutes: [3]), now: at(minutes: 3)).isEmpty)
        // A changed trigger is a new rule: it fires on the history it finds.
        var changed = volume
        changed.trigger = .count(4, window: .seconds(3_600))
        monitor.replaceRules([changed])
        #expect(!monitor.isCoolingDown("环保量"))
        #expect(monitor.check(now: at(minutes: 4)).count == 1)
    }

    @Test func eventsFromOneItemCountOncePerGroup() {
        let match = { (group: String) in
            RuleMatch(ruleName: group + "规则", group: group, severity: .low, notify: [], terms: [])
        }
        let events = GroupMatchEvent.events(from: [match("环保"), match("环保"), match("医疗")], at: start)
        #expect(events.map(\.group) == ["环保", "医疗"])
    }

    @Test func aNegativeSurgeFiresOnTheShareOfNegativeItemsNotOnTheirNumber() {
        let surge = VolumeRule(name: "负面突增", group: "环保", trigger: .negativeShare(
            factor: 2, window: .seconds(3_600), baseline: .seconds(86_400), minimumCount: 4, minimumShare: 0.5))
        func feed(_ minutes: [Double], negative: Set<Double>) -> [VolumeAlert] {
            var monitor = VolumeMonitor(rules: [surge])
            // A usual day: 40 matches, every tenth negative (a 10 % share).
            let day = (0 ..< 40).map { GroupMatchEvent(group: "环保", time: at(minutes: Double($0) * 30), negative: $0 % 10 == 0) }
            var alerts = monitor.ingest(day, now: at(minutes: 1_200))
            for minute in minutes {
                alerts += monitor.ingest([GroupMatchEvent(group: "环保", time: at(minutes: minute), negative: negative.contains(minute))],
                                         now: at(minutes: minute))
            }
            return alerts
        }
        // Many matches at the usual share: a spike of volume, but no negative surge.
        let busy = Array(stride(from: 1_241.0, through: 1_300, by: 2))
        #expect(feed(busy, negative: [1_241, 1_255, 1_271, 1_289]).isEmpty)
        // Few matches, most of them negative: fires on the fourth negative one.
        let alerts = feed([1_241, 1_245, 1_250, 1_255, 1_260, 1_265], negative: [1_241, 1_250, 1_255, 1_265])
        #expect(alerts.count == 1)
        guard let alert = alerts.first else { return }
        #expect(alert.time == at(minutes: 1_265))
        #expect(alert.count == 4)
        #expect(alert.share.map { abs($0 - 4.0 / 6.0) < 1e-9 } == true)
        #expect(alert.baselineAverage.map { abs($0 - 0.1) < 1e-9 } == true)
    }
}
