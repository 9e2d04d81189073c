/// What the rule engine sees of an item: its text and where it came from.
public struct MatchableItem: Sendable, Hashable {
    /// The headline.
    public var title: String
    /// Summary or article text.
    public var body: String
    /// The id of the source it came from (`gov-news`).
    public var sourceID: String
    /// The source's channel.
    public var channel: Channel
    /// The source's region, when configured.
    public var region: String?
    /// The item's sentiment, once analysed; `negative_only` rules match only `.negative`.
    public var sentiment: SentimentLabel?

    /// Creates an item.
    public init(title: String, body: String = "", sourceID: String = "", channel: Channel = .news, region: String? = nil,
                sentiment: SentimentLabel? = nil) {
        self.title = title
        self.body = body
        self.sourceID = sourceID
        self.channel = channel
        self.region = region
        self.sentiment = sentiment
    }

    /// The text of one field.
    public func text(of field: ItemField) -> String {
        switch field {
        case .title: title
        case .body: body
        }
    }
}
