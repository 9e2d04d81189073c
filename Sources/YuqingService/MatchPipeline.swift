import Foundation
import Logging
import Synchronization
import YuqingCore
import YuqingStore

/// Matches stored items against the rules in force, records the matches, and keeps the
/// volume and spike rules' counts.
///
/// Items are stored before they get here. Matching a batch, recording its matches and
/// marking its items as checked happen in one transaction, so an item is matched exactly
/// once per content version, and `catchUp()` finds any item a crash left unmatched.
public final class MatchPipeline: Sendable {
    private let rules: RuleBook
    private let store: Store
    private let sources: Mutex<[String: Source]>
    private let logger: Logger
    private let volume: Mutex<VolumeMonitor>
    /// Counts failed match writes, when the daemon serves metrics.
    private let metrics: DaemonMetrics?

    /// Creates the pipeline for the configured `sources` (their channel and region feed field scopes).
    public init(rules: RuleBook, store: Store, sources: [Source], logger: Logger, metrics: DaemonMetrics? = nil) {
        self.metrics = metrics
        self.rules = rules
        self.store = store
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
            logger.error("cannot record rule matches; they will be retried: \(error)", metadata: [
                "items": "\(items.map(\.id))",
            ])
            return []
        }
    }

    /// Matches every stored item that has not been matched yet; returns how many it checked.
    /// Stops at the first store failure (the items stay pending for the next catch-up).
    @discardableResult
    public func catchUp(batchSize: Int = 500) async -> Int {
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
        let snapshot = rules.snapshot
        let sources = self.sources.withLock { $0 }
        let results = items.map { item in
            let source = sources[item.sourceID]
            let matchable = item.matchable(channel: source?.channel ?? .other, region: source?.region)
            return (item: item, matches: snapshot.compiled.evaluate(matchable))
        }
        let now = Date()
        let recorded = try await store.recordRuleResults(results, ruleSetVersion: snapshot.version, at: now)
        let fresh = recorded.filter(\.isNew)
        for match in fresh {
            logger.info("rule matched", metadata: [
                "item": "\(match.itemID)", "rule": "\(match.ruleName)", "group": "\(match.group)",
                "severity": "\(match.severity.englishName)",
            ])
        }
        // An item matching two rules of one group counts once towards that group's volume.
        var seen = Set<String>()
        let events = fresh.compactMap { match in
            seen.insert("\(match.itemID)/\(match.group)").inserted ? GroupMatchEvent(group: match.group, time: match.matchedAt) : nil
        }
        report(volume.withLock { $0.ingest(events, now: now) })
        return recorded
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
    public func checkVolume(now: Date = Date()) {
        report(volume.withLock { $0.check(now: now) })
    }

    private func report(_ alerts: [VolumeAlert]) {
        for alert in alerts {
            logger.warning("volume rule fired", metadata: [
                "rule": "\(alert.ruleName)", "group": "\(alert.group)", "count": "\(alert.count)",
                "severity": "\(alert.severity.englishName)",
            ])
        }
    }
}
