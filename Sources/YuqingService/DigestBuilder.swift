import Foundation
import YuqingCore
import YuqingStore

/// Gathers a digest's `DigestData` from the store: counts and lists in SQL, hot terms with
/// Core's `HotTerms`, source health with `SourceHealth`.
///
/// Sentiment, stories and alerts come from the analysis columns and the alert outbox
/// (`Store+DigestSections.swift`).
public struct DigestBuilder: Sendable {
    /// The store read.
    public let store: Store
    /// The configured sources (names, channels, regions, intervals).
    public let sources: [Source]
    /// The zone periods are cut in.
    public let timeZone: TimeZone
    /// Items listed per rule group and severity in 负面与敏感信息.
    public var flaggedPerGroup = 8
    /// Stories listed in 热点事件.
    public var storyLimit = 10
    /// Hot terms listed.
    public var hotTermLimit = 20
    /// Most texts fed to hot-term discovery per period (sampled evenly).
    public var hotTermSample = 20_000

    /// Creates a builder.
    public init(store: Store, sources: [Source], timeZone: TimeZone) {
        self.store = store
        self.sources = sources
        self.timeZone = timeZone
    }

    /// The report of `period`, limited to `groups` (rule groups) and `regions` when non-empty.
    public func build(
        period: ReportPeriod, groups: [String] = [], regions: [String] = [], scheduleName: String? = nil,
        lateSince: Date? = nil, now: Date
    ) throws(StoreError) -> DigestData {
        let scoped = regions.isEmpty ? sources : sources.filter { regions.contains($0.region ?? "") }
        let sourceIDs: [String]? = regions.isEmpty ? nil : scoped.map(\.id)
        let previous = period.previous

        let current = try store.digestItemCounts(from: period.start, to: period.end, sourceIDs: sourceIDs)
        let before = try store.digestItemCounts(from: previous.start, to: previous.end, sourceIDs: sourceIDs)
        let overview = Self.overview(current: current, previous: before, sources: scoped)

        let days = try store.digestCounts(between: period.dayStarts + [period.end], sourceIDs: sourceIDs)
        let negative = try negativeCountsPerDay(period, sourceIDs: sourceIDs)
        let trend = zip(period.dayStarts, days).enumerated().map { index, pair in
            DigestData.Day(start: pair.0, items: pair.1, negative: negative?[index] ?? 0)
        }

        let flagged = try store.digestFlagged(
            from: period.start, to: period.end, groups: groups, sourceIDs: sourceIDs, perGroup: flaggedPerGroup)

        let currentTexts = try store.digestTexts(
            from: period.start, to: period.end, sourceIDs: sourceIDs, limit: hotTermSample)
        let previousTexts = try store.digestTexts(
            from: previous.start, to: previous.end, sourceIDs: sourceIDs, limit: hotTermSample)
        var configuration = HotTerms.Configuration()
        configuration.limit = hotTermLimit
        let hotTerms = HotTerms(configuration: configuration).rank(current: currentTexts, previous: previousTexts)

        return DigestData(
            period: period, generatedAt: now, scheduleName: scheduleName, groups: groups, regions: regions,
            lateSince: lateSince, overview: overview, trend: trend, sentimentAvailable: negative != nil,
            stories: try stories(period, groups: groups, sourceIDs: sourceIDs),
            flagged: flagged + (try negativeItems(period, groups: groups, sourceIDs: sourceIDs)),
            alerts: try alerts(period, groups: groups),
            hotTerms: hotTerms,
            health: try health(scoped, now: now)
        )
    }

    // MARK: - Sections from the analysis and the alert outbox

    /// Negative items per day of `period`.
    func negativeCountsPerDay(_ period: ReportPeriod, sourceIDs: [String]?) throws(StoreError) -> [Int]? {
        try store.digestNegativeCounts(between: period.dayStarts + [period.end], sourceIDs: sourceIDs)
    }

    /// 热点事件: the period's biggest stories.
    func stories(_ period: ReportPeriod, groups: [String], sourceIDs: [String]?) throws(StoreError) -> [DigestData.Story] {
        try store.digestStories(from: period.start, to: period.end, groups: groups, sourceIDs: sourceIDs, limit: storyLimit)
    }

    /// 负面与敏感信息 beyond rule matches: negative items no rule flagged, as one group "负面信息".
    /// A digest limited to rule groups lists only what those groups flagged.
    func negativeItems(_ period: ReportPeriod, groups: [String], sourceIDs: [String]?) throws(StoreError) -> [DigestData.FlaggedGroup] {
        guard groups.isEmpty else { return [] }
        let negative = try store.digestNegativeItems(
            from: period.start, to: period.end, sourceIDs: sourceIDs, limit: flaggedPerGroup)
        guard negative.count > 0 else { return [] }
        return [DigestData.FlaggedGroup(group: Self.negativeGroup, severity: .low, count: negative.count, items: negative.items)]
    }

    /// 预警情况: alerts raised in the period.
    func alerts(_ period: ReportPeriod, groups: [String]) throws(StoreError) -> DigestData.Alerts? {
        try store.digestAlerts(from: period.start, to: period.end, groups: groups)
    }

    /// The group name negative items without a rule match are listed under.
    static let negativeGroup = "负面信息"

    // MARK: - Sections from what the store has

    static func overview(current: [String: Int], previous: [String: Int], sources: [Source]) -> DigestData.Overview {
        let byID = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var channels: [Channel: (Int, Int)] = [:]
        var regions: [String: (Int, Int)] = [:]
        for (id, count) in current {
            guard let source = byID[id] else { continue }
            channels[source.channel, default: (0, 0)].0 += count
            regions[source.region ?? "", default: (0, 0)].0 += count
        }
        for (id, count) in previous {
            guard let source = byID[id] else { continue }
            channels[source.channel, default: (0, 0)].1 += count
            regions[source.region ?? "", default: (0, 0)].1 += count
        }
        // Every channel an office counts is listed, even at zero; regions only when they have items.
        let configuredChannels = Set(sources.map(\.channel))
        return DigestData.Overview(
            total: current.filter { byID[$0.key] != nil }.values.reduce(0, +),
            previousTotal: previous.filter { byID[$0.key] != nil }.values.reduce(0, +),
            channels: Channel.allCases.filter { configuredChannels.contains($0) || channels[$0] != nil }.map { channel in
                DigestData.Count(label: channel.rawValue, count: channels[channel]?.0 ?? 0, previous: channels[channel]?.1 ?? 0)
            },
            regions: regions.map { DigestData.Count(label: $0.key, count: $0.value.0, previous: $0.value.1) }
                .sorted { ($0.count, $1.label) > ($1.count, $0.label) },
            sourcesCovered: current.keys.filter { byID[$0] != nil && current[$0]! > 0 }.count,
            sourcesConfigured: sources.filter(\.enabled).count
        )
    }

    func health(_ sources: [Source], now: Date) throws(StoreError) -> DigestData.Health {
        let states = Dictionary(try store.allSourceStates().map { ($0.sourceID, $0) }, uniquingKeysWith: { first, _ in first })
        let recent = try store.digestItemCounts(from: now.addingTimeInterval(-30 * 86_400), to: .distantFuture,
                                                sourceIDs: sources.map(\.id))
        let records = Dictionary(try store.sources().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var health = DigestData.Health()
        for source in sources where source.enabled {
            let verdict = SourceHealth.assess(
                source: source, state: states[source.id], recentItems: recent[source.id] ?? 0,
                trackedSince: records[source.id]?.firstConfiguredAt ?? now, now: now)
            health.monitored += 1
            switch verdict.status {
            case .failing:
                health.failing.append(.init(name: source.name, url: source.url, reason: verdict.reason ?? ""))
            case .stale:
                health.reachable += 1
                health.stale.append(.init(name: source.name, url: source.url, reason: verdict.reason ?? ""))
            case .healthy:
                health.reachable += 1
            case .pending, .disabled:
                break
            }
        }
        return health
    }
}
