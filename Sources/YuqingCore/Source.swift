import Foundation

/// One site or feed the crawler watches, as configured in `Sources.yml`.
public struct Source: Sendable, Hashable, Codable {
    /// Stable identifier chosen by the user (`gov-news`); items and health are keyed by it.
    public var id: String
    /// Human-readable name shown in reports (`某市人民政府网站 · 要闻`).
    public var name: String
    /// How the source is read.
    public var kind: SourceKind
    /// The address polled: a feed URL, or the first page of a list.
    public var url: URL
    /// How offices count their coverage: news portals, forums, Weibo, WeChat, other.
    public var channel: Channel
    /// Optional region the source belongs to (a city, a district), used by reports.
    public var region: String?
    /// Free tags for grouping in reports and rules.
    public var tags: [String]
    /// Time between two polls.
    public var interval: Duration
    /// Charset that overrides whatever the server declares (`gb18030`, `big5`), when set.
    public var encoding: String?
    /// Extra HTTP request headers sent with every fetch of this source.
    public var headers: [String: String]
    /// Whether the source is polled at all; disabled sources are kept in the store but skipped.
    public var enabled: Bool
    /// `kind: list`: where the items are on the list page and how many pages a poll reads;
    /// required for list sources, nil for the other kinds.
    public var listSelectors: ListSelectors?
    /// `kind: list`: whether each new item's page is fetched for its main text, author and time.
    public var fetchArticles: Bool
    /// `kind: forum`: where the threads are on the thread list (Discuz!'s layout by default).
    public var forumListSelectors: ForumListSelectors
    /// `kind: forum`: where the posts are on a thread page (Discuz!'s layout by default).
    public var threadSelectors: ForumSelectors
    /// `allow_private_addresses: true`: fetches may reach loopback, private and link-local
    /// addresses although the configured host is public (an intranet site behind a public name).
    public var allowsPrivateAddresses: Bool
    /// `robots: ignore` sets it to false: only for sites the office itself runs.
    public var obeysRobots: Bool

    /// Creates a source; only `id`, `kind` and `url` are required.
    public init(
        id: String,
        name: String? = nil,
        kind: SourceKind = .feed,
        url: URL,
        channel: Channel = .news,
        region: String? = nil,
        tags: [String] = [],
        interval: Duration = .seconds(600),
        encoding: String? = nil,
        headers: [String: String] = [:],
        enabled: Bool = true,
        listSelectors: ListSelectors? = nil,
        fetchArticles: Bool = true,
        forumListSelectors: ForumListSelectors = .discuz,
        threadSelectors: ForumSelectors = .discuz,
        allowsPrivateAddresses: Bool = false,
        obeysRobots: Bool = true
    ) {
        self.id = id
        self.name = name ?? id
        self.kind = kind
        self.url = url
        self.channel = channel
        self.region = region
        self.tags = tags
        self.interval = interval
        self.encoding = encoding
        self.headers = headers
        self.enabled = enabled
        self.listSelectors = listSelectors
        self.fetchArticles = fetchArticles
        self.forumListSelectors = forumListSelectors
        self.threadSelectors = threadSelectors
        self.allowsPrivateAddresses = allowsPrivateAddresses
        self.obeysRobots = obeysRobots
    }

    /// The keys of the encoded form.
    enum CodingKeys: String, CodingKey {
        case id, name, kind, url, channel, region, tags, interval, encoding, headers, enabled
        case listSelectors, fetchArticles, forumListSelectors, threadSelectors
        case allowsPrivateAddresses, obeysRobots
    }

    /// Decodes a source; the page-reading fields, added after the first release, take their
    /// defaults when absent so older encoded sources still decode.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(SourceKind.self, forKey: .kind)
        url = try c.decode(URL.self, forKey: .url)
        channel = try c.decode(Channel.self, forKey: .channel)
        region = try c.decodeIfPresent(String.self, forKey: .region)
        tags = try c.decode([String].self, forKey: .tags)
        interval = try c.decode(Duration.self, forKey: .interval)
        encoding = try c.decodeIfPresent(String.self, forKey: .encoding)
        headers = try c.decode([String: String].self, forKey: .headers)
        enabled = try c.decode(Bool.self, forKey: .enabled)
        listSelectors = try c.decodeIfPresent(ListSelectors.self, forKey: .listSelectors)
        fetchArticles = try c.decodeIfPresent(Bool.self, forKey: .fetchArticles) ?? true
        forumListSelectors = try c.decodeIfPresent(ForumListSelectors.self, forKey: .forumListSelectors) ?? .discuz
        threadSelectors = try c.decodeIfPresent(ForumSelectors.self, forKey: .threadSelectors) ?? .discuz
        allowsPrivateAddresses = try c.decodeIfPresent(Bool.self, forKey: .allowsPrivateAddresses) ?? false
        obeysRobots = try c.decodeIfPresent(Bool.self, forKey: .obeysRobots) ?? true
    }
}

/// How a source's pages are turned into items.
public enum SourceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An RSS, RDF, Atom or JSON feed.
    case feed
    /// An HTML list page whose items are found with selectors.
    case list
    /// A forum thread list (Discuz! and similar).
    case forum
}

/// The channel categories 舆情 offices count their coverage by.
public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
    /// 新闻网站: news portals and government sites.
    case news
    /// 论坛: forums and bulletin boards.
    case forum
    /// 微博: Weibo accounts, usually through a feed bridge.
    case weibo
    /// 微信: WeChat official accounts, usually through a feed bridge.
    case wechat
    /// 其他: anything else.
    case other

    /// The Chinese label used in reports (新闻网站, 论坛, 微博, 微信, 其他).
    public var chineseLabel: String {
        switch self {
        case .news: "新闻网站"
        case .forum: "论坛"
        case .weibo: "微博"
        case .wechat: "微信"
        case .other: "其他"
        }
    }
}
