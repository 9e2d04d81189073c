import Foundation

/// An item as the store keeps it: one entry of one source, stored once.
public struct StoredItem: Sendable, Hashable, Identifiable {
    /// The store's row id.
    public var id: Int64
    /// The source it came from.
    public var sourceID: String
    /// The dedup key within the source (see `ItemIdentity`).
    public var dedupKey: String
    /// Title as plain text.
    public var title: String
    /// The item's link, when it has one.
    public var url: URL?
    /// The feed's identifier, when it gave one.
    public var guid: String?
    /// Publication time the source gave, when readable.
    public var published: Date?
    /// Summary or body text.
    public var summary: String
    /// Author, when given.
    public var author: String?
    /// When Yuqing first stored it.
    public var firstSeen: Date
    /// When Yuqing last saw it changed.
    public var updatedAt: Date
    /// Its sentiment; nil until the item has been analysed (again, after an edit).
    public var sentiment: Sentiment?
    /// The row id of its story (`StoredStory`); nil until analysed.
    public var storyID: Int64?

    /// Creates a stored item value.
    public init(
        id: Int64, sourceID: String, dedupKey: String, title: String, url: URL?, guid: String?,
        published: Date?, summary: String, author: String?, firstSeen: Date, updatedAt: Date,
        sentiment: Sentiment? = nil, storyID: Int64? = nil
    ) {
        self.id = id
        self.sourceID = sourceID
        self.dedupKey = dedupKey
        self.title = title
        self.url = url
        self.guid = guid
        self.published = published
        self.summary = summary
        self.author = author
        self.firstSeen = firstSeen
        self.updatedAt = updatedAt
        self.sentiment = sentiment
        self.storyID = storyID
    }

    /// When the item appeared: its publication time, unless that is missing or later than
    /// when Yuqing first stored it. Stories date their items by it (who broke the story).
    public var appearedAt: Date {
        guard let published, published < firstSeen else { return firstSeen }
        return published
    }
}

/// What saving one fetch's entries did.
public struct SaveOutcome: Sendable, Hashable {
    /// Items stored for the first time.
    public var inserted: [StoredItem]
    /// Items already stored whose title or text changed and were updated.
    public var updated: [StoredItem]
    /// Entries already stored unchanged.
    public var unchanged: Int

    /// Creates an outcome.
    public init(inserted: [StoredItem] = [], updated: [StoredItem] = [], unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }
}
