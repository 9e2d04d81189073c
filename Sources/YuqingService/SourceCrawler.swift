import Foundation
import Logging
import YuqingCore
import YuqingExtract
import YuqingStore

/// Polls one source: conditional GET, extraction (feeds; list and forum pages with the pages
/// they lead to), storage, and a fetch-log record.
///
/// Items are stored before anything else looks at them; every failure (transport,
/// HTTP status, unparseable document, store error) ends in a fetch-log record with a
/// reason naming the source and URL, and never in a thrown error.
public struct SourceCrawler: Sendable {
    private let fetcher: any PageFetcher
    private let store: Store?
    private let parser: FeedParser
    private let matcher: MatchPipeline?
    private let logger: Logger
    /// Tests only: IP literals the redirect guard treats as public (see `AddressPolicy.treatedAsPublic`).
    var addressesTreatedAsPublic: Set<String> = []

    /// Creates a crawler over the given fetcher and store; without a store it is a dry
    /// run that fetches and parses but writes nothing.
    /// - Parameter matcher: matches newly stored and updated items against the rules.
    public init(
        fetcher: any PageFetcher, store: Store?, matcher: MatchPipeline? = nil,
        parser: FeedParser = FeedParser(), logger: Logger
    ) {
        self.fetcher = fetcher
        self.store = store
        self.matcher = matcher
        self.parser = parser
        self.logger = logger
    }

    /// Fetches and stores `source` once; never throws.
    /// - Parameter sendValidators: false omits `If-None-Match`/`If-Modified-Since` (see `PollSchedule.sendsNoValidators`).
    public func crawl(_ source: Source, sendValidators: Bool = true) async -> CrawlReport {
        // Every request made for this source, follow-ups included, carries its address and robots settings.
        let fetcher = SourceScopedFetcher(base: self.fetcher, source: source,
                                          treatedAsPublic: addressesTreatedAsPublic)
        let startedAt = Date()
        let began = ContinuousClock.now
        var logger = logger
        logger[metadataKey: "source"] = "\(source.id)"
        logger[metadataKey: "url"] = "\(source.url.absoluteString)"

        let previous = try? await store?.sourceState(id: source.id)
        let request = FetchRequest(
            url: source.url, headers: source.headers,
            etag: sendValidators ? previous?.etag : nil, lastModified: sendValidators ? previous?.lastModified : nil
        )

        var report = CrawlReport(
            sourceID: source.id,
            record: FetchRecord(sourceID: source.id, startedAt: startedAt, duration: .zero, status: nil, outcome: .transportError),
            entries: [], inserted: [], updated: [], matches: [], retryAfter: nil
        )
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
        } catch is HostWaitAbandoned {
            // The daemon is stopping and this poll never started: nothing to record, and
            // no failure to count against the source.
            report.abandoned = true
            return report
        } catch {
            report.record.error = "\(error)"
            return await finish(report, began: began, logger: logger)
        }
        report.record.status = response.status
        report.record.etag = response.headers["etag"]
        report.record.lastModified = response.headers["last-modified"]

        if response.isNotModified {
            report.record.outcome = .notModified
            // A 304 carries no body: keep the validators we sent if the server repeats none.
            report.record.etag = report.record.etag ?? previous?.etag
            report.record.lastModified = report.record.lastModified ?? previous?.lastModified
            return await finish(report, began: began, logger: logger)
        }
        guard (200 ..< 300).contains(response.status) else {
            report.record.outcome = .httpError
            report.record.error = "\(source.url.absoluteString): HTTP \(response.status)"
            if response.status == 429 || response.status == 503, let value = response.headers["retry-after"] {
                report.retryAfter = RetryAfter.parse(value, now: Date())
            }
            return await finish(report, began: began, logger: logger)
        }

        // The one step that depends on the kind: a feed is one document, a list or forum
        // leads to more pages (see ListSourceReader, ForumSourceReader).
        let reading: SourceReading
        do {
            switch source.kind {
            case .feed:
                let feed = try parser.parse(
                    response.body, url: response.finalURL,
                    httpCharset: response.declaredCharset, encodingOverride: source.encoding
                )
                reading = SourceReading(entries: feed.entries)
            case .list:
                reading = try await ListSourceReader(fetcher: fetcher, store: store, timeZone: parser.defaultTimeZone,
                                                     logger: logger).read(response, of: source)
            case .forum:
                reading = try await ForumSourceReader(fetcher: fetcher, store: store, timeZone: parser.defaultTimeZone,
                                                      logger: logger).read(response, of: source)
            }
        } catch {
            report.record.outcome = .parseError
            report.record.error = "\(response.finalURL.absoluteString): \(error)"
            return await finish(report, began: began, logger: logger)
        }
        if !reading.complete {
            // Some follow-up page failed: without validators the next poll is not a 304 and retries it.
            report.record.etag = nil
            report.record.lastModified = nil
        }
        report.entries = reading.entries.filter(ItemIdentity.isIdentifiable)
        report.record.itemsFound = report.entries.count
        report.record.outcome = .ok
        if let store {
            do {
                let outcome = try await store.save(report.entries, from: source.id, at: Date())
                report.inserted = outcome.inserted
                report.updated = outcome.updated
                report.record.itemsNew = outcome.inserted.count
                if let matcher {
                    report.matches = await matcher.process(outcome.inserted + outcome.updated)
                }
            } catch {
                // Not the source's fault, but the poll achieved nothing: retry like a failure.
                report.record.outcome = .transportError
                report.record.error = "storing items failed: \(error)"
                report.storeWriteErrors.append("items")
            }
        }
        return await finish(report, began: began, logger: logger)
    }

    private func finish(_ report: CrawlReport, began: ContinuousClock.Instant, logger: Logger) async -> CrawlReport {
        var report = report
        report.record.duration = ContinuousClock.now - began
        if let store {
            do {
                try await store.recordFetch(report.record)
            } catch {
                report.storeWriteErrors.append("fetch_log")
                logger.error("cannot record fetch: \(error)")
            }
        }
        let milliseconds = report.record.durationMilliseconds
        if report.succeeded {
            logger.info("polled", metadata: [
                "outcome": "\(report.record.outcome.rawValue)", "status": "\(report.record.status ?? 0)",
                "found": "\(report.record.itemsFound)", "new": "\(report.inserted.count)",
                "updated": "\(report.updated.count)", "ms": "\(milliseconds)",
            ])
        } else {
            logger.warning("poll failed: \(report.record.errorDescription)", metadata: [
                "outcome": "\(report.record.outcome.rawValue)", "ms": "\(milliseconds)",
            ])
        }
        return report
    }
}
