import Foundation

/// A story (reprints of one text across sites) as the store keeps it: the row of table `story`.
public struct StoredStory: Sendable, Hashable, Identifiable {
    /// The story's row id (never reused).
    public var id: Int64
    /// Headline of the item that started the story.
    public var title: String
    /// The earliest item (by appearance date: its publication time, or when Yuqing first
    /// stored it if that is earlier or unknown).
    public var firstItemID: Int64
    /// The source of the earliest item: who broke the story.
    public var firstSourceID: String
    /// Appearance date of the earliest item.
    public var firstSeen: Date
    /// Appearance date of the latest item.
    public var lastSeen: Date
    /// Number of items in the story.
    public var itemCount: Int
    /// Number of distinct sources (sites) that carried it.
    public var siteCount: Int

    /// Creates a story value.
    public init(id: Int64, title: String, firstItemID: Int64, firstSourceID: String, firstSeen: Date, lastSeen: Date,
                itemCount: Int, siteCount: Int) {
        self.id = id
        self.title = title
        self.firstItemID = firstItemID
        self.firstSourceID = firstSourceID
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.itemCount = itemCount
        self.siteCount = siteCount
    }
}
