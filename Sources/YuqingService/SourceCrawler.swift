import Foundation
import Logging
import YuqingCore
import YuqingExtract
import YuqingStore

/// Polls one source: conditional GET, extraction (feeds; list and forum pages with the pages
/// they lead to), storage, and a fetch-log record.
///
/// Items are stored before anything else looks at them, by a `PollWriter` that commits the
/// results of polls finishing together in one batch; every failure (transport,
/// HTTP status, unparseable document, store error) ends in a fetch-log record with a
/// reason naming the source and URL, and never in a thrown error.
public struct SourceCrawler: Sendable {
    private let fetcher: any PageFetcher
    private let store: Store?
    private let parser: FeedParser
    /// Writes the polls' results in batches (nil on a dry run).
    private let writer: PollWriter?
    /// The validators each poll sends, kept in memory (nil on a dry run).
    private let states: SourceStateCache?
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
        self.parser = parser
        self.logger = logger
        writer = store.map { PollWriter(store: $0, matcher: matcher, logger: logger) }
        states = store.map(SourceStateCache.init)
    }

    /// A poll that has fetched and read its source and waits to be stored (see `finish(_:)`).
    public struct FetchedPoll: Sendable {
        /// The report so far: the fetch record without its duration, the entries read.
        public var report: CrawlReport
        /// The entries to store; nil when there are none to store (a 304, a failure, an abandoned poll).
        var entries: [FeedEntry]?
        var began: ContinuousClock.Instant
        var logger: Logger
    }

    /// Fetches and stores `source` once; never throws.
    /// - Parameter sendValidators: false omits `If-None-Match`/`If-Modified-Since` (see `PollSchedule.sendsNoValidators`).
    /// `skipUnchanged: false` reads a feed even when its body is the one read last time.
    public func crawl(_ source: Source, sendValidators: Bool = true, skipUnchanged: Bool = true) async -> CrawlReport {
        await finish(await fetch(source, sendValidators: sendValidators, skipUnchanged: skipUnchanged))
    }

    /// The first half of `crawl(_:sendValidators:)`: fetches and reads `source` (the fetch
    /// slot's work); `finish(_:)` does the rest. Never throws.
    public func fetch(_ source: Source, sendValidators: Bool = true, skipUnchanged: Bool = true) async -> FetchedPoll {
        // Every request made for this source, follow-ups included, carries its address and robots settings.
        let fetcher = SourceScopedFetcher(base: self.fetcher, source: source,
                                          treatedAsPublic: addressesTreatedAsPublic)
        let startedAt = Date()
        let began = ContinuousClock.now
        var logger = logger
        logger[metadataKey: "source"] = "\(source.id)"
        logger[metadataKey: "url"] = "\(source.url.absoluteString)"

        let previous = await states?.state(of: source.id)
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
            return FetchedPoll(report: report, began: began, logger: logger)
        } catch {
            report.record.error = "\(error)"
            return FetchedPoll(report: report, began: began, logger: logger)
        }
        report.record.status = response.status
        report.record.etag = response.headers["etag"]
        report.record.lastModified = response.headers["last-modified"]

        if response.isNotModified {
            report.record.outcome = .notModified
            // A 304 carries no body: keep the validators we sent if the server repeats none.
            report.record.etag = report.record.etag ?? previous?.etag
            report.record.lastModified = report.record.lastModified ?? previous?.lastModified
            return FetchedPoll(report: report, began: began, logger: logger)
        }
        guard (200 ..< 300).contains(response.status) else {
            report.record.outcome = .httpError
            report.record.error = "\(source.url.absoluteString): HTTP \(response.status)"
            if response.status == 429 || response.status == 503, let value = response.headers["retry-after"] {
                report.retryAfter = RetryAfter.parse(value, now: Date())
            }
            return FetchedPoll(report: report, began: began, logger: logger)
        }

        // A feed whose body is the one read and stored last time holds nothing new: no need to
        // parse it and look every entry up again. (A list or forum page leads to other pages,
        // which may have changed, so those are always read.)
        if source.kind == .feed {
            let digest = BodyDigest.of(body: response.body, url: response.finalURL,
                                       declaredCharset: response.declaredCharset, encodingOverride: source.encoding)
            report.record.bodyDigest = digest
            if skipUnchanged, let previous, digest == previous.bodyDigest {
                report.record.outcome = .notModified
                return FetchedPoll(report: report, began: began, logger: logger)
            }
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
            return FetchedPoll(report: report, began: began, logger: logger)
        }
        if !reading.complete {
            // Some follow-up page failed: without validators the next poll is not a 304 and retries it.
            report.record.etag = nil
            report.record.lastModified = nil
            report.record.bodyDigest = nil
        }
        report.entries = reading.entries.filter(ItemIdentity.isIdentifiable)
        report.record.itemsFound = report.entries.count
        report.record.outcome = .ok
        return FetchedPoll(report: report, entries: report.entries, began: began, logger: logger)
    }

    /// The second half of `crawl(_:sendValidators:)`: writes the poll's items, their analysis
    /// and rule matches and its fetch record with the writer's next batch, logs the poll and
    /// returns its report. An abandoned poll is returned as it is, with nothing recorded.
    public func finish(_ poll: FetchedPoll) async -> CrawlReport {
        await finish([poll])[0]
    }

    /// `finish(_:)` for many polls with one wait: their reports, in the order given.
    public func finish(_ polls: [FetchedPoll]) async -> [CrawlReport] {
        let kept = polls.indices.filter { !polls[$0].report.abandoned }
        var reports = polls.map(\.report)
        if let writer {
            let written = await writer.write(kept.map { index in
                PollWriter.Pending(entries: polls[index].entries, record: polls[index].report.record, began: polls[index].began)
            })
            for (index, written) in zip(kept, written) {
                reports[index].record = written.record
                reports[index].inserted = written.inserted
                reports[index].updated = written.updated
                reports[index].matches = written.matches
                reports[index].storeWriteErrors += written.storeWriteErrors
                states?.recorded(written.record, stored: !written.storeWriteErrors.contains("fetch_log"))
            }
        } else {
            for index in kept { reports[index].record.duration = ContinuousClock.now - polls[index].began }
        }
        for index in kept { Self.log(reports[index], to: polls[index].logger) }
        return reports
    }

    private static func log(_ report: CrawlReport, to logger: Logger) {
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
    }
}
