import Foundation

/// What a list-page extractor found on one page of an HTML list.
public struct ListPage: Sendable, Hashable {
    /// The page's own title (`<title>`), when it has one.
    public var title: String?
    /// The entries, in document order.
    public var entries: [FeedEntry]
    /// The next page of the list, resolved to an absolute URL; nil on the last page.
    public var nextPage: URL?

    /// Creates a list-page result.
    public init(title: String? = nil, entries: [FeedEntry], nextPage: URL? = nil) {
        self.title = title
        self.entries = entries
        self.nextPage = nextPage
    }
}
