import Foundation

/// Where the parts of a forum thread page are. The defaults fit Discuz! X2–X3.5, the
/// software behind most Chinese local forums; every selector is CSS or XPath (XPath when it
/// starts with `/`, `(` or `./`).
public struct ForumSelectors: Sendable, Hashable, Codable {
    /// One post, matched against the page.
    public var post: String
    /// The poster's name inside a post.
    public var author: String
    /// The posting time inside a post (its text, or a `title` attribute inside it).
    public var time: String
    /// The message body inside a post.
    public var body: String
    /// The thread's subject, matched against the page; `<title>` when it matches nothing.
    public var title: String

    /// Discuz!'s layout: `div#postlist > div[id^=post_]`, `td.t_f`, `em[id^=authorposton]`.
    public static let discuz = ForumSelectors()

    /// Creates a selector set; each argument defaults to Discuz!'s.
    public init(
        post: String = "div#postlist > div[id^=post_]",
        author: String = "td.pls .authi a.xw1",
        time: String = "em[id^=authorposton]",
        body: String = "td.t_f",
        title: String = "#thread_subject"
    ) {
        self.post = post
        self.author = author
        self.time = time
        self.body = body
        self.title = title
    }

    /// The keys as written in `Sources.yml`.
    enum CodingKeys: String, CodingKey {
        case post, author, time, body, title
    }

    /// Decodes a selector set; missing keys take Discuz!'s defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ForumSelectors.discuz
        post = try container.decodeIfPresent(String.self, forKey: .post) ?? defaults.post
        author = try container.decodeIfPresent(String.self, forKey: .author) ?? defaults.author
        time = try container.decodeIfPresent(String.self, forKey: .time) ?? defaults.time
        body = try container.decodeIfPresent(String.self, forKey: .body) ?? defaults.body
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? defaults.title
    }
}
