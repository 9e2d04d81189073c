import Foundation

/// A story (a cluster of near-duplicate items) as the clusterer counts it (its headline is in
/// the store's `story` row).
public struct StoryStats: Sendable, Hashable {
    /// The story's id, stable for the clusterer's lifetime (ids are never reused).
    public var id: Int
    /// Number of items in the story.
    public var itemCount: Int
    /// Distinct sources that carried it.
    public var sourceCount: Int
    /// Date of the earliest item.
    public var firstSeen: Date
    /// Source of the earliest item (who broke the story).
    public var firstSource: String
    /// Date of the latest item.
    public var lastSeen: Date

    /// Creates stats.
    public init(id: Int, itemCount: Int, sourceCount: Int, firstSeen: Date, firstSource: String, lastSeen: Date) {
        self.id = id
        self.itemCount = itemCount
        self.sourceCount = sourceCount
        self.firstSeen = firstSeen
        self.firstSource = firstSource
        self.lastSeen = lastSeen
    }
}
