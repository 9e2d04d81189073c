import Foundation
import Logging
import YuqingCore

/// Fetching the pages a list or forum source leads to: the next pages of a list, and the
/// article or thread page behind each entry. Shared by `ListSourceReader` and `ForumSourceReader`.
enum PageFollowing {
    /// Follow-up pages fetched at once for one source: enough to finish a poll quickly,
    /// few enough not to hammer a small government server.
    static let concurrency = 4

    /// Fetches `url` with the source's headers (never conditional: only the first page has
    /// validators). Returns nil, after logging why with the URL, when no 2xx answer came.
    static func fetch(_ url: URL, headers: [String: String], what: String,
                      fetcher: any PageFetcher, logger: Logger) async -> FetchResponse? {
        do {
            let response = try await fetcher.fetch(FetchRequest(url: url, headers: headers, keepAlive: true))
            guard (200 ..< 300).contains(response.status) else {
                logger.warning("\(what) failed: HTTP \(response.status)", metadata: ["page": "\(url.absoluteString)"])
                return nil
            }
            return response
        } catch {
            logger.warning("\(what) failed: \(error)", metadata: ["page": "\(url.absoluteString)"])
            return nil
        }
    }

    /// Reads the first page and its next pages, up to `maxPages`. The first page's errors are
    /// thrown (the source is unreadable); a later page that fails ends the walk with
    /// `complete` false, keeping the pages read so far, so the next poll retries.
    static func pages<Page>(
        from first: FetchResponse, of source: Source, maxPages: Int, what: String,
        fetcher: any PageFetcher, logger: Logger,
        extract: (FetchResponse) throws -> Page, listPage: (Page) -> ListPage
    ) async throws -> (pages: [Page], complete: Bool) {
        var page = try extract(first)
        var pages = [page]
        var pagination = ListPagination(firstPage: first.finalURL, maxPages: maxPages)
        while let next = pagination.next(after: listPage(page)) {
            guard let response = await fetch(next, headers: source.headers, what: what, fetcher: fetcher, logger: logger) else {
                return (pages, false)
            }
            do {
                page = try extract(response)
                pages.append(page)
            } catch {
                logger.warning("\(what) unreadable: \(error)", metadata: ["page": "\(next.absoluteString)"])
                return (pages, false)
            }
        }
        return (pages, true)
    }

    /// Runs `work` on every element of `items`, at most `concurrency` at once, and returns the
    /// results in the order of `items`.
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ work: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        guard !items.isEmpty else { return [] }
        return await withTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: items.count)
            var next = 0
            func start() {
                let index = next
                let item = items[index]
                group.addTask {
                    // Await first, then build the tuple: with Swift 6.3 at -O a tuple whose index
                    // is written before the suspension and whose result after it can come back
                    // with the wrong index (swiftlang/swift#91911; seen here in `yuqing bench fetch`).
                    let result = await work(item)
                    return (index, result)
                }
                next += 1
            }
            while next < min(concurrency, items.count) { start() }
            for await (index, result) in group {
                results[index] = result
                if next < items.count { start() }
            }
            return results.map { $0! }
        }
    }

    /// At most `limit` UTF-8 bytes of `text`, cut at a line break when one is near, so a
    /// giant page cannot bloat the store.
    static func bounded(_ text: String, limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var cut = text.utf8.index(text.utf8.startIndex, offsetBy: limit)
        // Step back to a character boundary, then to the last line break if it is close.
        while cut > text.startIndex, text.utf8[cut] & 0xC0 == 0x80 { cut = text.utf8.index(before: cut) }
        let prefix = text[..<cut]
        if let newline = prefix.lastIndex(of: "\n"), prefix.distance(from: newline, to: prefix.endIndex) < 2_000 {
            return String(prefix[..<newline]) + "\n…"
        }
        return String(prefix) + "…"
    }
}
