import Foundation
import Prometheus
import Synchronization
import YuqingCore

/// The daemon's Prometheus metrics, served at `/metrics`.
///
/// Counters are fed by the crawl loop, the rule reloader and the store callers; gauges that
/// mirror stored state (per-source failures, and the alert outbox once it exists) come from
/// gauge providers asked at scrape time, so they are right even just after a restart.
///
/// It uses its own `PrometheusCollectorRegistry` rather than bootstrapping the global
/// `MetricsSystem`, which can be bootstrapped only once per process (tests run many daemons).
public final class DaemonMetrics: Sendable {
    /// A closure asked for current gauge values on every scrape. See `addGaugeProvider(_:)`.
    public typealias GaugeProvider = @Sendable () async -> [GaugeSample]

    private let registry = PrometheusCollectorRegistry()
    private let providers = Mutex<[GaugeProvider]>([])
    /// Gauges set by providers at the last scrape, so series that vanished can be dropped.
    private let providedGauges = Mutex<[String: Gauge]>([:])
    private let heartbeat = Mutex(SchedulerHeartbeat())
    private let schedulerLag: DurationHistogram
    private let storeWriteErrorsByOperation = Mutex<Set<String>>([])

    /// Creates the metrics with every fixed series at zero, so dashboards see them from the start.
    public init() {
        schedulerLag = registry.makeDurationHistogram(
            descriptor: .init(metricName: "yuqing_scheduler_lag", unitName: "seconds",
                              helpText: "How late polls started after they were due."),
            buckets: [.milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(15),
                      .seconds(60), .seconds(300), .seconds(900), .seconds(3600)]
        )
        for outcome in FetchOutcome.allCases { _ = fetchCounter(outcome) }
        for kind in ["new", "updated"] { _ = itemsCounter(kind) }
        for result in ["ok", "failed"] { _ = reloadCounter(result) }
        for result in ["ok", "failed"] { _ = configReloadCounter(result) }
        for operation in ["items", "fetch_log", "matches"] {
            _ = registry.makeCounter(descriptor: Self.storeErrorsDescriptor, labels: [("operation", operation)])
        }
    }

    // MARK: Hooks

    /// Adds a closure asked for gauge values on every scrape of `/metrics`.
    ///
    /// The hook for work that keeps its state in the store: the alert outbox reports
    /// `yuqing_outbox_depth` and `yuqing_alerts{group,state}` here. A provider should be a
    /// quick read; a series it stops returning disappears from the next scrape.
    public func addGaugeProvider(_ provider: @escaping GaugeProvider) {
        providers.withLock { $0.append(provider) }
    }

    // MARK: Events

    /// Counts one finished poll: its outcome, the items it stored, the rule matches it recorded.
    public func record(_ report: CrawlReport) {
        guard !report.abandoned else { return }
        fetchCounter(report.record.outcome).increment()
        if !report.inserted.isEmpty { itemsCounter("new").increment(by: Int64(report.inserted.count)) }
        if !report.updated.isEmpty { itemsCounter("updated").increment(by: Int64(report.updated.count)) }
        for operation in report.storeWriteErrors { storeWriteFailed(operation) }
        for match in report.matches {
            registry.makeCounter(descriptor: Self.matchesDescriptor, labels: [("group", match.group)]).increment()
        }
    }

    /// Records one turn of the crawl loop and how overdue the most overdue waiting source is.
    public func schedulerTurned(at date: Date, mostOverdue: SchedulerHeartbeat.Overdue?) {
        heartbeat.withLock {
            $0.lastTurn = date
            $0.mostOverdue = mostOverdue
        }
    }

    /// Records that a poll started `lateness` after it was due.
    public func pollStarted(lateness: Duration) {
        schedulerLag.record(max(lateness, .zero))
    }

    /// Counts a rules reload that took effect (`ok`) or was refused (`failed`).
    public func rulesReloaded(succeeded: Bool) {
        reloadCounter(succeeded ? "ok" : "failed").increment()
    }

    /// Counts a SIGHUP reload of Sources.yml and yuqing.yml that took effect or was refused.
    public func configReloaded(succeeded: Bool) {
        configReloadCounter(succeeded ? "ok" : "failed").increment()
    }

    /// Counts a store write that failed; `operation` is a short fixed word (`items`, `fetch_log`, `matches`).
    public func storeWriteFailed(_ operation: String) {
        registry.makeCounter(descriptor: Self.storeErrorsDescriptor, labels: [("operation", operation)]).increment()
    }

    /// The crawl loop's last turn, for `/healthz`.
    public var schedulerHeartbeat: SchedulerHeartbeat { heartbeat.withLock { $0 } }

    // MARK: Exposition

    /// The Prometheus text exposition of every metric, after asking the gauge providers.
    public func exposition() async -> String {
        let snapshot = providers.withLock { $0 }
        var samples: [GaugeSample] = []
        for provider in snapshot { samples += await provider() }
        var fresh: [String: Gauge] = [:]
        for sample in samples {
            let gauge = registry.makeGauge(
                descriptor: .init(metricName: sample.name, unitName: "", helpText: sample.help), labels: sample.labels)
            gauge.set(to: sample.value)
            fresh[Self.seriesKey(sample.name, sample.labels)] = gauge
        }
        let stale = providedGauges.withLock { previous in
            defer { previous = fresh }
            return previous.filter { fresh[$0.key] == nil }.map(\.value)
        }
        for gauge in stale { registry.unregisterGauge(gauge) }
        return registry.emitToString()
    }

    // MARK: Series

    // Computed: MetricNameDescriptor is not Sendable, so it cannot be a stored static.
    private static var matchesDescriptor: MetricNameDescriptor {
        .init(metricName: "yuqing_rule_matches", unitName: "total", helpText: "Rule matches recorded, by rule group.")
    }
    private static var storeErrorsDescriptor: MetricNameDescriptor {
        .init(metricName: "yuqing_store_write_errors", unitName: "total", helpText: "Store writes that failed, by operation.")
    }

    private func fetchCounter(_ outcome: FetchOutcome) -> Counter {
        registry.makeCounter(
            descriptor: .init(metricName: "yuqing_fetches", unitName: "total", helpText: "Polls finished, by outcome."),
            labels: [("outcome", outcome.rawValue)])
    }

    private func itemsCounter(_ kind: String) -> Counter {
        registry.makeCounter(
            descriptor: .init(metricName: "yuqing_items_stored", unitName: "total",
                              helpText: "Items stored, new or updated."),
            labels: [("kind", kind)])
    }

    private func configReloadCounter(_ result: String) -> Counter {
        registry.makeCounter(
            descriptor: .init(metricName: "yuqing_config_reloads", unitName: "total",
                              helpText: "Reloads of Sources.yml and yuqing.yml, by result (failed keeps the previous ones)."),
            labels: [("result", result)])
    }

    private func reloadCounter(_ result: String) -> Counter {
        registry.makeCounter(
            descriptor: .init(metricName: "yuqing_rule_reloads", unitName: "total",
                              helpText: "Rule reloads, by result (failed keeps the previous rules)."),
            labels: [("result", result)])
    }

    private static func seriesKey(_ name: String, _ labels: [(String, String)]) -> String {
        name + "{" + labels.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
    }
}
