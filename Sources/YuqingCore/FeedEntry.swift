import Foundation

/// One entry as an extractor found it in a fetched document, before it is stored.
public struct FeedEntry: Sendable, Hashable {
    /// The entry's title as plain text (markup removed, entities decoded, whitespace collapsed).
    public var title: String
    /// The entry's link, resolved against the document's URL; nil when the entry has none.
    public var link: URL?
    /// The feed's own identifier for the entry (RSS `guid`, Atom `id`), when present.
    public var guid: String?
    /// Publication (or, failing that, update) time in UTC, when the entry gives a readable one.
    public var published: Date?
    /// Summary or content as plain text.
    public var summary: String
    /// Author name, when given.
    public var author: String?

    /// Creates an entry.
    public init(
        title: String,
        link: URL? = nil,
        guid: String? = nil,
        published: Date? = nil,
        summary: String = "",
        author: String? = nil
    ) {
        self.title = title
        self.link = link
        self.guid = guid
        self.published = published
        self.summary = summary
        self.author = author
    }
}

/// What an extractor found in one fetched document.
public struct ExtractedFeed: Sendable, Hashable {
    /// The feed's or page's own title, when it has one.
    public var title: String?
    /// The format that was recognised (`rss2`, `atom1`, …), for logs and diagnostics.
    public var format: String
    /// The entries, in document order.
    public var entries: [FeedEntry]

    /// Creates an extraction result.
    public init(title: String?, format: String, entries: [FeedEntry]) {
        self.title = title
        self.format = format
        self.entries = entries
    }
}
