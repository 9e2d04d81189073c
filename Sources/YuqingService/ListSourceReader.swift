import Foundation
import Logging
import YuqingCore
import YuqingExtract
import YuqingStore

/// Reads a `kind: list` source: the list page already fetched, its next pages up to
/// `max_pages`, then the article page of every entry not stored yet.
///
/// Known entries are passed on with their stored text, so the store sees them unchanged and
/// their article pages are never fetched again. One article failing does not fail the
/// source: its entry keeps what the list showed and the failure is logged with its URL.
struct ListSourceReader: Sendable {
    /// Fetches the follow-up pages.
    let fetcher: any PageFetcher
    /// Where known entries are looked up; nil on a dry run (every article is fetched).
    let store: Store?
    /// The zone for dates written without one.
    let timeZone: TimeZone
    /// Logs failed follow-up pages, with the source in its metadata.
    let logger: Logger

    /// The most text kept from one article page, in UTF-8 bytes.
    static let articleLimit = 100_000

    /// Reads `first` (the 2xx answer for `source.url`) and what it leads to.
    /// - Throws: `SourceReadError` when the source has no selectors, `SelectorError` when they
    ///   cannot be used, `ExtractError` when the first page is unreadable or its item selector
    ///   matches nothing.
    func read(_ first: FetchResponse, of source: Source) async throws -> SourceReading {
        guard let selectors = source.listSelectors else { throw SourceReadError.missingListSelectors(sourceID: source.id) }
        let extractor = try ListPageExtractor(selectors: selectors, defaultTimeZone: timeZone)
        var reading = SourceReading(entries: [])

        // A later page failing loses only its entries: they are read on a later poll.
        let walk = try await PageFollowing.pages(
            from: first, of: source, maxPages: selectors.maxPages, what: "list page", fetcher: fetcher, logger: logger,
            extract: { try extractor.extract($0.body, url: $0.finalURL, httpCharset: $0.declaredCharset,
                                             encodingOverride: source.encoding) },
            listPage: { $0 })
        reading.complete = walk.complete
        var entries = walk.pages.flatMap(\.entries)
        entries = Self.firstOfEachKey(entries)

        let known = await knownItems(entries, of: source)
        var toFetch: [(index: Int, entry: FeedEntry)] = []
        for (index, entry) in entries.enumerated() {
            if let stored = known[ItemIdentity.key(for: entry)] {
                entries[index] = Self.storedVersion(of: entry, stored)
            } else if source.fetchArticles, entry.link != nil {
                toFetch.append((index, entry))
            }
        }
        let fetcher = fetcher, logger = logger, articles = ArticleExtractor(defaultTimeZone: timeZone)
        let filled = await PageFollowing.map(toFetch.map(\.entry)) { entry in
            await Self.withArticle(entry, source: source, fetcher: fetcher, extractor: articles, logger: logger)
        }
        for (slot, entry) in zip(toFetch, filled) { entries[slot.index] = entry }
        reading.entries = entries
        return reading
    }

    /// Stored items among `entries`; none when there is no store or it cannot answer (then
    /// every article is fetched, and saving will report the store's trouble).
    private func knownItems(_ entries: [FeedEntry], of source: Source) async -> [String: StoredItem] {
        guard let store else { return [:] }
        do {
            return try await store.storedItems(sourceID: source.id, dedupKeys: entries.map(ItemIdentity.key(for:)))
        } catch {
            logger.error("cannot look up known items: \(error)")
            return [:]
        }
    }

    /// `entry` with its article page's text, author and time; `entry` unchanged when the
    /// page cannot be fetched or read.
    private static func withArticle(
        _ entry: FeedEntry, source: Source, fetcher: any PageFetcher, extractor: ArticleExtractor, logger: Logger
    ) async -> FeedEntry {
        guard let link = entry.link,
              let response = await PageFollowing.fetch(link, headers: source.headers, what: "article page",
                                                       fetcher: fetcher, logger: logger) else { return entry }
        let article: Article
        do {
            article = try extractor.extract(response.body, url: response.finalURL,
                                            httpCharset: response.declaredCharset, encodingOverride: source.encoding)
        } catch {
            logger.warning("article page unreadable: \(error)", metadata: ["page": "\(link.absoluteString)"])
            return entry
        }
        var result = entry
        result.summary = PageFollowing.bounded(article.text, limit: articleLimit)
        result.author = article.author ?? entry.author
        result.published = published(list: entry.published, article: article.published)
        if Self.looksCutShort(entry.title), !article.title.isEmpty { result.title = article.title }
        return result
    }

    /// The article's time when the list has none. When both have one, the article's wins if
    /// it falls within a day and a half of the list's (lists often show only the day, the
    /// article the minute); otherwise the list's is kept, as the article's may be a stray
    /// date from its text or sidebar.
    static func published(list: Date?, article: Date?) -> Date? {
        guard let article else { return list }
        guard let list else { return article }
        return abs(article.timeIntervalSince(list)) <= 36 * 3600 ? article : list
    }

    /// A list title cut short with an ellipsis (`关于做好…`), which the article's headline replaces.
    private static func looksCutShort(_ title: String) -> Bool {
        title.hasSuffix("…") || title.hasSuffix("...") || title.hasSuffix("..")
    }

    /// A known entry as stored: its saved text makes the store count it unchanged, instead of
    /// overwriting the article text with the list's empty summary.
    private static func storedVersion(of entry: FeedEntry, _ stored: StoredItem) -> FeedEntry {
        var result = entry
        result.title = stored.title
        result.summary = stored.summary
        result.author = stored.author ?? entry.author
        result.published = stored.published ?? entry.published
        return result
    }

    /// Lists repeat pinned entries on every page: keep each key's first entry.
    static func firstOfEachKey(_ entries: [FeedEntry]) -> [FeedEntry] {
        var seen = Set<String>()
        return entries.filter { seen.insert(ItemIdentity.key(for: $0)).inserted }
    }
}
