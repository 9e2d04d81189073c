/// The polarity class of a text: what a 舆情 report counts as 负面 / 中性 / 正面.
public enum SentimentLabel: String, Sendable, Hashable, CaseIterable, Codable {
    /// 负面: complaints, accidents, accusations, criticism.
    case negative
    /// 中性: no clear polarity (or evidence that cancels out).
    case neutral
    /// 正面: praise, achievements, good news.
    case positive

    /// The label as Chinese reports print it: 负面, 中性, 正面.
    public var chineseLabel: String {
        switch self {
        case .negative: "负面"
        case .neutral: "中性"
        case .positive: "正面"
        }
    }
}
