import Foundation

/// Everything an alert says, gathered before rendering. Text taken from crawled pages
/// (titles, summaries, source names of feeds) is raw here; the renderer escapes it.
public struct AlertFacts: Sendable, Hashable {
    /// The matched item, for `new` and `update` alerts.
    public struct Item: Sendable, Hashable {
        /// The item's row id.
        public var id: Int64
        /// Title as crawled.
        public var title: String
        /// Summary or body text as crawled.
        public var summary: String
        /// The item's link.
        public var url: URL?
        /// The source's name.
        public var sourceName: String
        /// The source's channel (新闻网站, 论坛, …).
        public var channel: Channel
        /// Publication time, when the source gave one.
        public var published: Date?
        /// When Yuqing first stored it.
        public var found: Date
        /// Where the rule's terms are (offsets into title and summary).
        public var highlights: [Highlight]
        /// The item's sentiment, when analysed.
        public var sentiment: Sentiment?

        /// Creates item facts.
        public init(id: Int64, title: String, summary: String, url: URL?, sourceName: String, channel: Channel,
                    published: Date?, found: Date, highlights: [Highlight], sentiment: Sentiment? = nil) {
            self.id = id
            self.title = title
            self.summary = summary
            self.url = url
            self.sourceName = sourceName
            self.channel = channel
            self.published = published
            self.found = found
            self.highlights = highlights
            self.sentiment = sentiment
        }
    }

    /// How far a story has spread, when known.
    public struct StorySize: Sendable, Hashable {
        /// Items in the story.
        public var items: Int
        /// Distinct sources carrying it.
        public var sites: Int

        /// Creates a size.
        public init(items: Int, sites: Int) {
            self.items = items
            self.sites = sites
        }
    }

    /// One alert held in quiet hours, as a line of the morning summary.
    public struct HeldLine: Sendable, Hashable, Codable {
        /// The rule's name.
        public var ruleName: String
        /// The rule's severity.
        public var severity: RuleSeverity
        /// The alert's title as crawled (or the volume rule's wording).
        public var title: String
        /// The link, when there is one.
        public var link: URL?
        /// When the alert was raised.
        public var raisedAt: Date

        /// Creates a line.
        public init(ruleName: String, severity: RuleSeverity, title: String, link: URL?, raisedAt: Date) {
            self.ruleName = ruleName
            self.severity = severity
            self.title = title
            self.link = link
            self.raisedAt = raisedAt
        }
    }

    /// What kind of alert.
    public var kind: AlertKind
    /// The rule's name (empty for summaries).
    public var ruleName: String
    /// The rule's group.
    public var group: String
    /// The severity (for summaries, the highest held).
    public var severity: RuleSeverity
    /// When the alert was raised.
    public var raisedAt: Date
    /// The item, for `new` and `update`.
    public var item: Item?
    /// The story's size, when known.
    public var story: StorySize?
    /// For `update`: matching items since the last alert of the story.
    public var newItems: Int?
    /// For `volume`.
    public var volume: VolumeAlert?
    /// For `summary`: the held alerts, oldest first.
    public var held: [HeldLine]

    /// Creates facts.
    public init(kind: AlertKind, ruleName: String, group: String, severity: RuleSeverity, raisedAt: Date,
                item: Item? = nil, story: StorySize? = nil, newItems: Int? = nil, volume: VolumeAlert? = nil,
                held: [HeldLine] = []) {
        self.kind = kind
        self.ruleName = ruleName
        self.group = group
        self.severity = severity
        self.raisedAt = raisedAt
        self.item = item
        self.story = story
        self.newItems = newItems
        self.volume = volume
        self.held = held
    }
}
