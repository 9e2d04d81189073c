import Foundation
import Logging
import Synchronization
import YuqingCore
import YuqingStore

/// Analyses stored items (sentiment, story), matches them against the rules in force, records
/// the matches, and keeps the volume and spike rules' counts.
///
/// Items are stored before they get here. A batch's analysis is recorded in its own
/// transaction first, so `negative_only` rules see the sentiment. Matching a batch, recording
/// its matches and marking its items as checked happen in one transaction, so an item is
/// matched exactly once per content version, and `catchUp()` finds any item a crash left
/// unanalysed or unmatched.
public final class MatchPipeline: Sendable {
    private let rules: RuleBook
    private let store: Store
    private let sources: Mutex<[String: Source]>
    private let logger: Logger
    private let volume: Mutex<VolumeMonitor>
    private let alerts: AlertPlan?
    private let wakeup: AlertWakeup?
    /// Counts failed match writes, when the daemon serves metrics.
    private let metrics: DaemonMetrics?
    /// Sentiment and stories, recorded before matching.
    public let analyser: ItemAnalyser

    /// Creates the pipeline for the configured `sources` (their channel and region feed field scopes).
    /// With an alert `plan`, new matches and fired volume rules raise alerts in the outbox, and
    /// `wakeup` is rung after each batch that may have raised some.
    public init(rules: RuleBook, store: Store, sources: [Source], logger: Logger, analyser: ItemAnalyser? = nil,
                metrics: DaemonMetrics? = nil, alerts plan: AlertPlan? = nil, wakeup: AlertWakeup? = nil) {
        self.analyser = analyser ?? ItemAnalyser(rules: rules, store: store, logger: logger)
        self.metrics = metrics
        self.rules = rules
        self.store = store
        alerts = plan
        self.wakeup = wakeup
        self.sources = Mutex(Self.byID(sources))
        self.logger = logger
        volume = Mutex(VolumeMonitor(rules: rules.snapshot.compiled.ruleSet.volumeRules))
    }

    /// Replaces the sources whose channel and region feed field scopes (after a config reload).
    public func updateSources(_ sources: [Source]) {
        self.sources.withLock { $0 = Self.byID(sources) }
    }

    private static func byID(_ sources: [Source]) -> [String: Source] {
        Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Matches `items` with one snapshot of the rules and records the result.
    /// Store failures are logged and leave the items unmatched, for `catchUp()` to retry.
    @discardableResult
    public func process(_ items: [StoredItem]) async -> [RecordedMatch] {
        do {
            return try await match(items)
        } catch {
            metrics?.storeWriteFailed("matches")
            logger.error("cannot record the analysis or rule matches; they will be retried: \(error)", metadata: [
                "items": "\(items.map(\.id))",
            ])
            return []
        }
    }

    /// Analyses every stored item not analysed yet, then matches every stored item that has
    /// not been matched yet; returns how many it matched. Stops at the first store failure
    /// (the items stay pending for the next catch-up).
    @discardableResult
    public func catchUp(batchSize: Int = 500) async -> Int {
        analyser.catchUp(batchSize: batchSize)
        var checked = 0
        do {
            while true {
                let pending = try store.itemsAwaitingRules(limit: batchSize)
                guard !pending.isEmpty else { break }
                try await match(pending)
                checked += pending.count
            }
        } catch {
            logger.error("rule matching catch-up stopped: \(error)")
        }
        if checked > 0 { logger.info("matched items left unmatched earlier", metadata: ["items": "\(checked)"]) }
        return checked
    }

    @discardableResult
    private func match(_ items: [StoredItem]) async throws(StoreError) -> [RecordedMatch] {
        guard !items.isEmpty else { return [] }
        let began = ContinuousClock.now
        let items = try analysed(items)
        let analysedAt = ContinuousClock.now
        let snapshot = rules.snapshot
        let sources = self.sources.withLock { $0 }
        let results = items.map { item in
            let source = sources[item.sourceID]
            let matchable = item.matchable(channel: source?.channel ?? .other, region: source?.region)
            return (item: item, matches: snapshot.compiled.evaluate(matchable))
        }
        let now = Date()
        let evaluatedAt = ContinuousClock.now
        let recorded = try await store.recordRuleResults(results, ruleSetVersion: snapshot.version, at: now, alerts: alerts)
        logger.debug("items matched", metadata: [
            "items": "\(items.count)", "analysis": "\(analysedAt - began)", "rules": "\(evaluatedAt - analysedAt)",
            "record": "\(ContinuousClock.now - evaluatedAt)",
        ])
        let fresh = recorded.filter(\.isNew)
        if !fresh.isEmpty { wakeup?.ring() }
        for match in fresh {
            logger.info("rule matched", metadata: [
                "item": "\(match.itemID)", "rule": "\(match.ruleName)", "group": "\(match.group)",
                "severity": "\(match.severity.englishName)",
            ])
        }
        // An item matching two rules of one group counts once towards that group's volume.
        var seen = Set<String>()
        let negative = Set(items.filter { $0.sentiment?.label == .negative }.map(\.id))
        let events = fresh.compactMap { match in
            seen.insert("\(match.itemID)/\(match.group)").inserted
                ? GroupMatchEvent(group: match.group, time: match.matchedAt, negative: negative.contains(match.itemID)) : nil
        }
        await report(volume.withLock { $0.ingest(events, now: now) })
        return recorded
    }

    /// `items` with their sentiment and story: those not analysed yet are analysed and recorded now.
    private func analysed(_ items: [StoredItem]) throws(StoreError) -> [StoredItem] {
        let pending = items.filter { $0.sentiment == nil }
        guard !pending.isEmpty else { return items }
        let done = Dictionary(try analyser.analyse(pending).map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        return items.map { done[$0.id] ?? $0 }
    }

    /// Loads the last matches into the volume monitor, so windows and baselines survive a restart.
    /// Alerts the replay would raise are not reported again.
    public func restoreVolumeHistory(now: Date = Date()) {
        let horizon = rules.snapshot.compiled.ruleSet.volumeRules.map(\.trigger.horizon.seconds).max() ?? 0
        guard horizon > 0 else { return }
        do {
            let events = try store.groupMatchEvents(since: now.addingTimeInterval(-horizon))
            _ = volume.withLock { $0.ingest(events, now: now) }
            logger.info("volume history restored", metadata: ["events": "\(events.count)"])
        } catch {
            logger.error("cannot restore volume history; windows start empty: \(error)")
        }
    }

    /// Takes the volume rules of the current rule snapshot (call after a reload).
    public func rulesReloaded() {
        volume.withLock { $0.replaceRules(rules.snapshot.compiled.ruleSet.volumeRules) }
    }

    /// Re-checks volume rules without new matches, so they re-arm and forget old events.
    public func checkVolume(now: Date = Date()) async {
        await report(volume.withLock { $0.check(now: now) })
    }

    /// Logs fired volume rules and raises their alerts. The monitor lives in memory, so a
    /// crash between firing and this write loses that volume alert (item alerts never are).
    private func report(_ fired: [VolumeAlert]) async {
        for alert in fired {
            var metadata: Logger.Metadata = [
                "rule": "\(alert.ruleName)", "group": "\(alert.group)", "count": "\(alert.count)",
                "severity": "\(alert.severity.englishName)",
            ]
            if let share = alert.share { metadata["negative_share"] = "\(String(format: "%.2f", share))" }
            logger.warning("volume rule fired", metadata: metadata)
            guard let plan = alerts else { continue }
            do {
                try await store.raiseVolumeAlert(alert, plan: plan)
                wakeup?.ring()
            } catch {
                logger.error("cannot raise the alert of volume rule \(alert.ruleName): \(error)")
            }
        }
    }
}
