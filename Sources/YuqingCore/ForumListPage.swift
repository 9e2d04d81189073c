import Foundation

/// What a forum thread-list reader found on one page of a board.
public struct ForumListPage: Sendable, Hashable {
    /// The page's own title (`<title>`), when it has one.
    public var title: String?
    /// The thread rows, in document order.
    public var threads: [ForumListThread]
    /// The next page of the board, resolved to an absolute URL; nil on the last page.
    public var nextPage: URL?

    /// Creates a thread-list result.
    public init(title: String? = nil, threads: [ForumListThread], nextPage: URL? = nil) {
        self.title = title
        self.threads = threads
        self.nextPage = nextPage
    }

    /// The page as a plain list page, for `ListPagination`.
    public var listPage: ListPage {
        ListPage(title: title, entries: threads.map(\.entry), nextPage: nextPage)
    }
}

/// One row of a forum's thread list.
public struct ForumListThread: Sendable, Hashable {
    /// Title, link and start date of the thread, as the list shows them.
    public var entry: FeedEntry
    /// The reply count shown on the list, when found.
    public var replies: Int?
    /// The last post's time as shown: the date read from it in ISO 8601 when one was readable,
    /// else its text (`刚刚`, `3 分钟前`); nil when the row has none.
    public var lastPost: String?

    /// Creates a row.
    public init(entry: FeedEntry, replies: Int? = nil, lastPost: String? = nil) {
        self.entry = entry
        self.replies = replies
        self.lastPost = lastPost
    }
}
