/// The analysis of one stored item: its sentiment and its story.
public struct ItemAnalysis: Sendable, Hashable {
    /// The item's row id.
    public var itemID: Int64
    /// The item's sentiment.
    public var sentiment: Sentiment
    /// The story it belongs to.
    public var story: StoryPlacement

    /// Creates an analysis.
    public init(itemID: Int64, sentiment: Sentiment, story: StoryPlacement) {
        self.itemID = itemID
        self.sentiment = sentiment
        self.story = story
    }
}
