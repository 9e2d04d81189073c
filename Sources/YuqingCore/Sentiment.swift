/// The sentiment of one item: a label and a score in [-1, 1] (negative below zero).
public struct Sentiment: Sendable, Hashable, Codable {
    /// The polarity class.
    public var label: SentimentLabel
    /// -1 (very negative) … 0 (neutral) … 1 (very positive).
    public var score: Double

    /// Creates a sentiment; `score` is clamped to [-1, 1].
    public init(label: SentimentLabel, score: Double) {
        self.label = label
        self.score = min(1, max(-1, score))
    }

    /// 负面, 中性 or 正面.
    public var chineseLabel: String { label.chineseLabel }

    /// A text with no sentiment evidence at all.
    public static let neutral = Sentiment(label: .neutral, score: 0)
}
