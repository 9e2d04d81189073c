import Foundation
import Logging
import YuqingCore
import YuqingExtract
import YuqingStore

/// Reads a `kind: forum` source: the thread list already fetched (and its next pages up to
/// `max_pages`), then the page of every thread that is new or whose reply count or last-post
/// time on the list changed since it was last read.
///
/// A thread is one item, keyed by its normalized URL: title, the opening post's text, author
/// and time, then the replies as `【回复】author time: text` lines. A thread that gains replies
/// therefore changes its item's text and the store updates the item instead of adding one.
///
/// What the list showed at the last read is kept in the store as a `ThreadMark` (table
/// `forum_thread`), tied to the item's content hash, so an unchanged thread is not fetched again.
struct ForumSourceReader: Sendable {
    /// Fetches the follow-up pages.
    let fetcher: any PageFetcher
    /// Where marks and known threads are kept; nil on a dry run (every thread is fetched).
    let store: Store?
    /// The zone for dates written without one, and for reply times in the item text.
    let timeZone: TimeZone
    /// Logs failed follow-up pages, with the source in its metadata.
    let logger: Logger

    /// Replies kept in one item, and the most text an item may hold in UTF-8 bytes: a
    /// thread with thousands of replies should not become a megabyte item.
    static let replyLimit = 200
    static let textLimit = 100_000

    /// Reads `first` (the 2xx answer for `source.url`) and the threads it leads to.
    /// - Throws: `SelectorError` when the configured selectors cannot be used, `ExtractError`
    ///   when the first page is unreadable or shows no thread.
    func read(_ first: FetchResponse, of source: Source) async throws -> SourceReading {
        let listExtractor = try ForumListExtractor(selectors: source.forumListSelectors, defaultTimeZone: timeZone)
        let threadExtractor = try ForumThreadExtractor(selectors: source.threadSelectors, defaultTimeZone: timeZone)
        var reading = SourceReading(entries: [])

        let walk = try await PageFollowing.pages(
            from: first, of: source, maxPages: source.forumListSelectors.maxPages, what: "thread list page",
            fetcher: fetcher, logger: logger,
            extract: { try listExtractor.extract($0.body, url: $0.finalURL, httpCharset: $0.declaredCharset,
                                                 encodingOverride: source.encoding) },
            listPage: \.listPage)
        reading.complete = walk.complete
        var rows = walk.pages.flatMap(\.threads)
        // A thread is keyed by its URL, so the list's own link spellings (Discuz! adds the
        // board page it was listed on) must not make it a new item.
        var seen = Set<String>()
        rows = rows.compactMap { row in
            guard let link = row.entry.link else { return nil }
            var row = row
            let canonical = Self.canonicalThreadURL(link)
            row.entry.link = canonical
            row.entry.guid = URLNormalizer.normalize(canonical)
            return seen.insert(row.entry.guid!).inserted ? row : nil
        }

        let keys = rows.map { ItemIdentity.key(for: $0.entry) }
        let (stored, marks) = await lookUp(keys, of: source)
        var entries = rows.map(\.entry)
        var toFetch: [Int] = []
        for (index, row) in rows.enumerated() {
            let key = keys[index]
            if let item = stored[key], let mark = marks[key], mark.matches(replies: row.replies, lastPost: row.lastPost) {
                entries[index] = Self.storedVersion(of: row.entry, item)
            } else {
                toFetch.append(index)
            }
        }

        let fetcher = fetcher, logger = logger, zone = timeZone
        let built = await PageFollowing.map(toFetch.map { rows[$0] }) { row in
            await Self.read(row, source: source, fetcher: fetcher, extractor: threadExtractor, timeZone: zone, logger: logger)
        }
        var newMarks: [ThreadMark] = []
        for (index, entry) in zip(toFetch, built) {
            let row = rows[index]
            if let entry {
                entries[index] = entry
                newMarks.append(ThreadMark(entry: entry, replies: row.replies, lastPost: row.lastPost))
            } else {
                // Keep what is stored (or the list's title for a new thread); the next poll retries.
                if let item = stored[keys[index]] { entries[index] = Self.storedVersion(of: row.entry, item) }
                reading.complete = false
            }
        }
        if let store, !newMarks.isEmpty {
            do {
                try await store.recordThreadMarks(newMarks, sourceID: source.id, at: Date())
            } catch {
                // Harmless: without marks these threads are read again next time.
                logger.error("cannot record forum thread marks: \(error)")
            }
        }
        reading.entries = entries
        return reading
    }

    /// Stored items and valid marks among `keys`; none without a store or when it cannot answer.
    private func lookUp(_ keys: [String], of source: Source) async -> ([String: StoredItem], [String: ThreadMark]) {
        guard let store else { return ([:], [:]) }
        do {
            let items = try await store.storedItems(sourceID: source.id, dedupKeys: keys)
            let marks = try await store.threadMarks(sourceID: source.id, dedupKeys: keys)
            return (items, marks)
        } catch {
            logger.error("cannot look up known threads: \(error)")
            return ([:], [:])
        }
    }

    /// The entry for one thread from its page; nil (logged with the URL) when the page cannot
    /// be fetched or read.
    private static func read(
        _ row: ForumListThread, source: Source, fetcher: any PageFetcher, extractor: ForumThreadExtractor,
        timeZone: TimeZone, logger: Logger
    ) async -> FeedEntry? {
        guard let link = row.entry.link,
              let response = await PageFollowing.fetch(link, headers: source.headers, what: "thread page",
                                                       fetcher: fetcher, logger: logger) else { return nil }
        let thread: ForumThread
        do {
            thread = try extractor.extract(response.body, url: response.finalURL,
                                           httpCharset: response.declaredCharset, encodingOverride: source.encoding)
        } catch {
            logger.warning("thread page unreadable: \(error)", metadata: ["page": "\(link.absoluteString)"])
            return nil
        }
        var entry = row.entry
        if !thread.title.isEmpty { entry.title = thread.title }
        entry.author = thread.firstPost?.author ?? entry.author
        entry.published = thread.firstPost?.published ?? entry.published
        entry.summary = text(of: thread, timeZone: timeZone)
        return entry
    }

    /// The opening post, then one `【回复】author time: text` line per reply, bounded.
    static func text(of thread: ForumThread, timeZone: TimeZone) -> String {
        var text = thread.firstPost?.text ?? ""
        for reply in thread.replies.prefix(replyLimit) {
            let body = reply.text.split(whereSeparator: \.isNewline).joined(separator: " ")
            var head = "【回复】" + (reply.author ?? "匿名")
            if let time = reply.published { head += " " + format(time, timeZone: timeZone) }
            let line = head + ": " + body
            // Stop at a whole reply rather than cutting one in the middle.
            guard text.utf8.count + line.utf8.count + 1 <= textLimit else { break }
            text += (text.isEmpty ? "" : "\n") + line
        }
        return PageFollowing.bounded(text, limit: textLimit)
    }

    /// `2026-11-20 08:15` in `timeZone`.
    private static func format(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// One spelling per thread. Discuz! writes the board page a thread was listed on into its
    /// links (`thread-2001-1-3.html`, `viewthread&tid=2001&extra=page%3D3`), so the same
    /// thread would look new whenever it moved to another page of the list.
    static func canonicalThreadURL(_ url: URL) -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return url }
        let path = components.percentEncodedPath
        if let slash = path.lastIndex(of: "/") {
            let name = path[path.index(after: slash)...]
            let parts = name.split(separator: "-")
            if parts.count == 4, parts[0] == "thread", parts[3].hasSuffix(".html"),
               parts[1].allSatisfy(\.isNumber), parts[2].allSatisfy(\.isNumber) {
                components.percentEncodedPath = path[...slash] + "thread-\(parts[1])-1-1.html"
            }
        }
        if let items = components.queryItems, items.contains(where: { $0.name == "tid" }) {
            let kept = items.filter { $0.name != "extra" && $0.name != "page" }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        return components.url ?? url
    }

    /// An unchanged thread as stored, so the store counts it unchanged.
    private static func storedVersion(of entry: FeedEntry, _ stored: StoredItem) -> FeedEntry {
        var result = entry
        result.title = stored.title
        result.summary = stored.summary
        result.author = stored.author ?? entry.author
        result.published = stored.published ?? entry.published
        return result
    }
}
