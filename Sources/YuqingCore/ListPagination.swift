import Foundation

/// Decides which page of an HTML list to read next during one poll: follows each page's
/// next-page link until `maxPages` pages have been read, a page repeats (sites whose last
/// page links to itself or back to the first), or a page has no next link.
public struct ListPagination: Sendable {
    /// The most pages one poll reads, the first included.
    public let maxPages: Int
    /// Pages read so far in this poll.
    public private(set) var pagesRead = 0
    private var seen: Set<String> = []

    /// Starts a poll at `firstPage`.
    public init(firstPage: URL, maxPages: Int) {
        self.maxPages = max(1, maxPages)
        seen.insert(Self.key(firstPage))
    }

    /// Records that a page was read and returns the page to read next, or nil to stop.
    public mutating func next(after page: ListPage) -> URL? {
        pagesRead += 1
        guard pagesRead < maxPages, let next = page.nextPage else { return nil }
        guard seen.insert(Self.key(next)).inserted else { return nil }
        return next
    }

    /// A URL without its fragment, for spotting repeats.
    private static func key(_ url: URL) -> String {
        let text = url.absoluteString
        return text.firstIndex(of: "#").map { String(text[..<$0]) } ?? text
    }
}
