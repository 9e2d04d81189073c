import Foundation

/// Where the threads are on a forum's thread list (a board's `forum-2-1.html`), as configured
/// for a `kind: forum` source. The defaults fit Discuz! X2–X3.5.
///
/// Besides what a list page has (link, title, date), each row carries the reply count and the
/// last-post time: the crawler compares them with the previous poll to decide which thread
/// pages to fetch again. Every selector is CSS or XPath (XPath when it starts with `/`, `(` or
/// `./`); `item` and `nextPage` are matched against the page, the others inside each row.
public struct ForumListSelectors: Sendable, Hashable, Codable {
    /// One thread row (Discuz!: `tbody[id^=normalthread_]`, which leaves out sticky threads).
    public var item: String
    /// The thread's link inside the row.
    public var link: String?
    /// The thread's title inside the row; nil means the link's text.
    public var title: String?
    /// When the thread was started, inside the row.
    public var date: String?
    /// The reply count inside the row (the first number in its text).
    public var replies: String?
    /// The last post's time inside the row (its text, or a `title` attribute inside it).
    public var lastPost: String?
    /// The link to the next page of the thread list.
    public var nextPage: String?
    /// How many pages of the thread list one poll may read.
    public var maxPages: Int

    /// Discuz!'s thread list: `tbody[id^=normalthread_]` rows, `a.s.xst` titles, `td.num a.xi2`
    /// reply counts, the last `td.by` for the last post.
    public static let discuz = ForumListSelectors()

    /// Creates a selector set; each argument defaults to Discuz!'s.
    public init(
        item: String = "tbody[id^=normalthread_]",
        link: String? = "a.s.xst",
        title: String? = nil,
        date: String? = "td.by em",
        replies: String? = "td.num a.xi2",
        lastPost: String? = "td.num + td.by em",
        nextPage: String? = "div.pg a.nxt",
        maxPages: Int = 1
    ) {
        self.item = item
        self.link = link
        self.title = title
        self.date = date
        self.replies = replies
        self.lastPost = lastPost
        self.nextPage = nextPage
        self.maxPages = maxPages
    }

    /// The part a plain list-page reader understands.
    public var list: ListSelectors {
        ListSelectors(item: item, link: link, title: title, date: date, nextPage: nextPage, maxPages: maxPages)
    }

    /// The keys as written in `Sources.yml`.
    enum CodingKeys: String, CodingKey {
        case item, link, title, date, replies
        case lastPost = "last_post"
        case nextPage = "next_page"
        case maxPages = "max_pages"
    }

    /// Decodes a selector set; missing keys take Discuz!'s defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ForumListSelectors.discuz
        item = try container.decodeIfPresent(String.self, forKey: .item) ?? defaults.item
        link = try container.decodeIfPresent(String.self, forKey: .link) ?? defaults.link
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? defaults.title
        date = try container.decodeIfPresent(String.self, forKey: .date) ?? defaults.date
        replies = try container.decodeIfPresent(String.self, forKey: .replies) ?? defaults.replies
        lastPost = try container.decodeIfPresent(String.self, forKey: .lastPost) ?? defaults.lastPost
        nextPage = try container.decodeIfPresent(String.self, forKey: .nextPage) ?? defaults.nextPage
        maxPages = try container.decodeIfPresent(Int.self, forKey: .maxPages) ?? defaults.maxPages
    }
}
