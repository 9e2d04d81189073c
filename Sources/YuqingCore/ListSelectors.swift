import Foundation

/// Where the items of an HTML list page are (a government site's 信息公开 list, a portal's
/// column, a forum's thread list), as configured for a `kind: list` source.
///
/// Every selector is either CSS or XPath: a selector that starts with `/`, `(` or `./` is
/// XPath, anything else CSS. `item` is matched against the whole page; `link`, `title` and
/// `date` against each item; `nextPage` against the whole page.
public struct ListSelectors: Sendable, Hashable, Codable {
    /// One list entry (`ul.list li`, `tbody[id^=normalthread_]`).
    public var item: String
    /// The entry's link inside the item; nil means the item's first `a[href]`, or the item
    /// itself when it is an `<a>`.
    public var link: String?
    /// The entry's title inside the item; nil means the link's text (or its `title`
    /// attribute when the text is cut short with `…`).
    public var title: String?
    /// The entry's date inside the item; nil means the first date found in the item's text.
    public var date: String?
    /// The link to the next page of the list, matched against the whole page; nil means
    /// a link whose text is 下一页 / 下页 / next, or TRS's scripted `createPageHTML(…)`
    /// pagination, looked for only when `maxPages` > 1.
    public var nextPage: String?
    /// How many pages of the list one poll may read (the first page counts as one); see
    /// `ListPagination`.
    public var maxPages: Int

    /// Creates a selector set.
    public init(
        item: String,
        link: String? = nil,
        title: String? = nil,
        date: String? = nil,
        nextPage: String? = nil,
        maxPages: Int = 1
    ) {
        self.item = item
        self.link = link
        self.title = title
        self.date = date
        self.nextPage = nextPage
        self.maxPages = maxPages
    }

    /// The keys as written in `Sources.yml`.
    enum CodingKeys: String, CodingKey {
        case item, link, title, date
        case nextPage = "next_page"
        case maxPages = "max_pages"
    }

    /// Decodes a selector set; `max_pages` defaults to 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        item = try container.decode(String.self, forKey: .item)
        link = try container.decodeIfPresent(String.self, forKey: .link)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        date = try container.decodeIfPresent(String.self, forKey: .date)
        nextPage = try container.decodeIfPresent(String.self, forKey: .nextPage)
        maxPages = try container.decodeIfPresent(Int.self, forKey: .maxPages) ?? 1
    }
}
