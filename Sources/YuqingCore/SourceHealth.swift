import Foundation

/// How a source is doing, as `yuqing sources`, `yuqing status` and the digest's
/// 站点监测 section report it.
public struct SourceHealth: Sendable, Hashable {
    /// The verdict.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Fetched successfully and publishing about as often as usual.
        case healthy
        /// The latest fetches failed (see `reason`).
        case failing
        /// Reachable, but no new item for much longer than the source usually goes quiet.
        case stale
        /// Configured but not fetched yet.
        case pending
        /// `enabled: false` in Sources.yml.
        case disabled

        /// The Chinese label used in reports (正常, 异常, 停更, 待抓取, 已停用).
        public var chineseLabel: String {
            switch self {
            case .healthy: "正常"
            case .failing: "异常"
            case .stale: "停更"
            case .pending: "待抓取"
            case .disabled: "已停用"
            }
        }
    }

    /// The source.
    public var sourceID: String
    /// The verdict.
    public var status: Status
    /// New items a day over the observation window (0 when unknown).
    public var itemsPerDay: Double
    /// Time since the last new item, when one was ever seen.
    public var quietFor: Duration?
    /// Why it is failing or stale, in one line.
    public var reason: String?

    /// Creates a health value.
    public init(sourceID: String, status: Status, itemsPerDay: Double, quietFor: Duration?, reason: String?) {
        self.sourceID = sourceID
        self.status = status
        self.itemsPerDay = itemsPerDay
        self.quietFor = quietFor
        self.reason = reason
    }

    /// Judges one source.
    ///
    /// A source is stale when its quiet time exceeds the longest of: four typical gaps
    /// between its items (so a site that posts daily may skip a weekend), two poll
    /// intervals, and six hours.
    /// - Parameters:
    ///   - recentItems: items first seen within `window` before `now`.
    ///   - trackedSince: when the source was first configured (shortens the window for new sources).
    public static func assess(
        source: Source,
        state: SourceState?,
        recentItems: Int,
        window: Duration = .seconds(30 * 86_400),
        trackedSince: Date,
        now: Date
    ) -> SourceHealth {
        let observed = max(3_600, min(window.seconds, now.timeIntervalSince(trackedSince)))
        let perDay = Double(recentItems) / observed * 86_400
        let quiet = state?.lastNewItemAt.map { Duration.seconds(max(0, now.timeIntervalSince($0))) }
        func health(_ status: Status, _ reason: String? = nil) -> SourceHealth {
            SourceHealth(sourceID: source.id, status: status, itemsPerDay: perDay, quietFor: quiet, reason: reason)
        }

        guard source.enabled else { return health(.disabled) }
        guard let state, state.lastFetchAt != nil else { return health(.pending) }
        if state.consecutiveFailures > 0 {
            return health(.failing, "\(state.consecutiveFailures) 次连续失败: \(state.lastError ?? "unknown error")")
        }
        if let quiet, perDay > 0 {
            let typicalGap = 86_400 / perDay
            let limit = max(4 * typicalGap, 2 * source.interval.seconds, 6 * 3_600)
            if quiet.seconds > limit {
                return health(.stale, "已 \(DurationText.format(.seconds(Int64(quiet.seconds)))) 无更新，平时约每 \(DurationText.format(.seconds(max(1, Int64(typicalGap))))) 一条")
            }
        }
        return health(.healthy)
    }
}
