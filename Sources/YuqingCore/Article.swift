import Foundation

/// The readable content of one article page: a news story, a government notice.
public struct Article: Sendable, Hashable {
    /// The headline, without the site name a `<title>` usually carries.
    public var title: String
    /// The page's URL (after redirects).
    public var url: URL
    /// Publication time, when the page gives a readable one.
    public var published: Date?
    /// The author (作者), when named.
    public var author: String?
    /// The publishing outlet or office (来源), when named.
    public var source: String?
    /// The main text; paragraphs are separated by `\n`.
    public var text: String

    /// Creates an article.
    public init(title: String, url: URL, published: Date? = nil, author: String? = nil,
                source: String? = nil, text: String) {
        self.title = title
        self.url = url
        self.published = published
        self.author = author
        self.source = source
        self.text = text
    }
}
