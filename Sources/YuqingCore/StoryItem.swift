import Foundation

/// What the story clusterer needs to know about one stored item.
public struct StoryItem: Sendable, Hashable {
    /// The item's identity in the store (any stable string).
    public var id: String
    /// The source it came from (`Source.id`), to count distinct sources per story.
    public var source: String
    /// The headline as published (site suffixes such as `_新浪新闻` are fine).
    public var title: String
    /// The body text (may be empty: forum titles, feed entries without content).
    public var body: String
    /// When the item was published or first seen.
    public var date: Date

    /// Creates an item.
    public init(id: String, source: String, title: String, body: String, date: Date) {
        self.id = id
        self.source = source
        self.title = title
        self.body = body
        self.date = date
    }
}
