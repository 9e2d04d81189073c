import Foundation
import YuqingCore

/// What a forum's thread list showed for one thread when its page was last read, and which
/// version of the item that read produced (see `Store.threadMarks(sourceID:dedupKeys:)`).
public struct ThreadMark: Sendable, Hashable {
    /// The item's dedup key within its source (`ItemIdentity.key(for:)`).
    public var dedupKey: String
    /// The reply count the list showed, when it showed one.
    public var replies: Int?
    /// The last-post time the list showed (`ForumListThread.lastPost`).
    public var lastPost: String?
    /// The content hash of the item built from that read.
    var contentHash: String

    /// The mark for `entry`, built from a thread page read when the list showed `replies`
    /// and `lastPost`.
    public init(entry: FeedEntry, replies: Int?, lastPost: String?) {
        dedupKey = ItemIdentity.key(for: entry)
        self.replies = replies
        self.lastPost = lastPost
        contentHash = ContentHash.of(title: entry.title, summary: entry.summary)
    }

    init(dedupKey: String, replies: Int?, lastPost: String?, contentHash: String) {
        self.dedupKey = dedupKey
        self.replies = replies
        self.lastPost = lastPost
        self.contentHash = contentHash
    }

    /// Whether the list still shows what it showed when the thread was read.
    public func matches(replies: Int?, lastPost: String?) -> Bool {
        self.replies == replies && self.lastPost == lastPost
    }
}
