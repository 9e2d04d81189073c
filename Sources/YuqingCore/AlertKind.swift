/// What an alert is about.
public enum AlertKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The first match of a rule in a story.
    case new
    /// A story already alerted has spread (more items, more sites).
    case update
    /// A volume or spike rule fired.
    case volume
    /// The morning summary of alerts held during quiet hours.
    case summary

    /// 新预警, 事态更新, 数量预警, 夜间汇总.
    public var chineseLabel: String {
        switch self {
        case .new: "新预警"
        case .update: "事态更新"
        case .volume: "数量预警"
        case .summary: "夜间汇总"
        }
    }

    /// The `WebhookMessage.kind` for this alert.
    public var webhookKind: String {
        switch self {
        case .new: "alert"
        case .update: "alert-update"
        case .volume: "volume"
        case .summary: "alert-summary"
        }
    }
}
