import Foundation
import Testing
import YuqingCore

@Suite struct SourceHealthTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let source = Source(id: "gov", url: URL(string: "https://www.example.gov.cn/rss.xml")!, interval: .seconds(600))

    func days(_ n: Double) -> Date { now.addingTimeInterval(-n * 86_400) }

    @Test func neverFetchedIsPendingAndDisabledIsDisabled() {
        #expect(SourceHealth.assess(source: source, state: nil, recentItems: 0, trackedSince: days(1), now: now).status == .pending)
        var off = source
        off.enabled = false
        #expect(SourceHealth.assess(source: off, state: nil, recentItems: 0, trackedSince: days(1), now: now).status == .disabled)
    }

    @Test func failingNamesTheErrorAndCount() {
        let state = SourceState(sourceID: "gov", lastFetchAt: now, lastSuccessAt: days(1), consecutiveFailures: 3,
                                totalFailures: 5, totalFetches: 40, lastError: "HTTP 503")
        let health = SourceHealth.assess(source: source, state: state, recentItems: 30, trackedSince: days(30), now: now)
        #expect(health.status == .failing)
        #expect(health.reason?.contains("HTTP 503") == true)
        #expect(health.reason?.contains("3") == true)
    }

    @Test func aDailySiteMaySkipAWeekendButNotAWeek() {
        // 30 items in 30 days: about one a day.
        let weekend = SourceState(sourceID: "gov", lastFetchAt: now, lastSuccessAt: now, lastNewItemAt: days(3), totalFetches: 100)
        #expect(SourceHealth.assess(source: source, state: weekend, recentItems: 30, trackedSince: days(60), now: now).status == .healthy)
        let week = SourceState(sourceID: "gov", lastFetchAt: now, lastSuccessAt: now, lastNewItemAt: days(7), totalFetches: 100)
        let health = SourceHealth.assess(source: source, state: week, recentItems: 30, trackedSince: days(60), now: now)
        #expect(health.status == .stale)
        #expect(abs(health.itemsPerDay - 1) < 0.01)
    }

    @Test func aBusyPortalQuietForHalfADayIsStale() {
        // 3,000 items in 30 days: one every ~15 minutes.
        let state = SourceState(sourceID: "gov", lastFetchAt: now, lastSuccessAt: now, lastNewItemAt: days(0.5), totalFetches: 100)
        #expect(SourceHealth.assess(source: source, state: state, recentItems: 3_000, trackedSince: days(60), now: now).status == .stale)
        let fresh = SourceState(sourceID: "gov", lastFetchAt: now, lastSuccessAt: now, lastNewItemAt: days(0.1), totalFetches: 100)
        #expect(SourceHealth.assess(source: source, state: fresh, recentItems: 3_000, trackedSince: days(60), now: now).status == .healthy)
    }
}
