import Foundation
import Hummingbird
import Testing
import YuqingCore
import YuqingFetch
import YuqingService
import YuqingStore

/// Many polls finishing together are stored in shared batches (`PollWriter`): each poll's
/// report still tells its own story, and one poll whose write fails spoils no other.
@Suite struct BatchedPollTests {
    @Test func concurrentPollsEachGetTheirOwnItemsMatchesAndFetchRecord() async throws {
        let feeds = PublishingFeeds(start: Date().addingTimeInterval(-100), every: 10, feeds: 40)
        feeds.stop.withLock { $0 = Date() }
        try await withTemporaryDirectory { directory in
            try await withServer(feeds.router()) { base in
                let sources = (0 ..< feeds.feeds).map { feedSource("feed-\($0)", URL(string: "\(base.absoluteString)/feed/\($0)")!) }
                let store = try Store(path: directory.appending(path: "y.sqlite").path)
                try await store.syncSources(sources, at: Date())
                let rules = directory.appending(path: "Rules")
                try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
                try "# 环保\n排污\n".write(to: rules.appending(path: "环保.txt"), atomically: true, encoding: .utf8)
                let matcher = MatchPipeline(rules: try RuleBook(directory: rules), store: store, sources: sources,
                                            logger: quietLogger)
                let fetcher = try CurlFetcher()
                defer { fetcher.shutdown() }
                let crawler = SourceCrawler(fetcher: fetcher, store: store, matcher: matcher, logger: quietLogger)

                // All at once, so their writes queue up and are batched.
                let reports = await withTaskGroup(of: CrawlReport.self) { group in
                    for source in sources { group.addTask { await crawler.crawl(source) } }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                #expect(reports.count == sources.count)
                let published = feeds.published(feed: 0, at: Date())
                for report in reports {
                    #expect(report.record.outcome == .ok, "\(report.sourceID): \(report.record.errorDescription)")
                    #expect(report.inserted.count == published)
                    #expect(report.inserted.allSatisfy { $0.sourceID == report.sourceID })
                    #expect(report.record.itemsNew == published)
                    // Its matches are those of its own items containing the term, no more, no less.
                    let flagged = Set(report.inserted.filter { $0.title.contains("排污") }.map(\.id))
                    #expect(!flagged.isEmpty)
                    #expect(Set(report.matches.map(\.itemID)) == flagged)
                }
                #expect(try store.itemCount() == published * sources.count)
                #expect(try store.fetchLogCount() == sources.count)
                #expect(try store.itemsAwaitingRules(limit: 10).isEmpty)
                #expect(try store.itemsAwaitingAnalysis(limit: 10).isEmpty)
                for source in sources {
                    #expect(try await store.sourceState(id: source.id)?.totalFetches == 1)
                }

                // Again, nothing changed: every entry is known; one more record each.
                let again = await withTaskGroup(of: CrawlReport.self) { group in
                    for source in sources { group.addTask { await crawler.crawl(source) } }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                #expect(again.allSatisfy { $0.succeeded && $0.inserted.isEmpty && $0.matches.isEmpty })
                #expect(try store.itemCount() == published * sources.count)
                #expect(try store.fetchLogCount() == 2 * sources.count)
            }
        }
    }

    @Test func aPollWhoseWriteFailsSpoilsNoOtherPollOfItsBatch() async throws {
        let feeds = PublishingFeeds(start: Date().addingTimeInterval(-50), every: 10, feeds: 20)
        feeds.stop.withLock { $0 = Date() }
        try await withTemporaryDirectory { directory in
            try await withServer(feeds.router()) { base in
                let sources = (0 ..< feeds.feeds).map { feedSource("feed-\($0)", URL(string: "\(base.absoluteString)/feed/\($0)")!) }
                let store = try Store(path: directory.appending(path: "y.sqlite").path)
                // Odd sources are not in the store: their items cannot be saved (unknown source).
                try await store.syncSources(sources.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), at: Date())
                let fetcher = try CurlFetcher()
                defer { fetcher.shutdown() }
                let crawler = SourceCrawler(fetcher: fetcher, store: store, logger: quietLogger)
                let reports = await withTaskGroup(of: CrawlReport.self) { group in
                    for source in sources { group.addTask { await crawler.crawl(source) } }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                let published = feeds.published(feed: 0, at: Date())
                for report in reports {
                    let index = Int(report.sourceID.dropFirst("feed-".count))!
                    if index % 2 == 0 {
                        #expect(report.record.outcome == .ok, "\(report.sourceID): \(report.record.errorDescription)")
                        #expect(report.inserted.count == published)
                        #expect(report.storeWriteErrors.isEmpty)
                    } else {
                        #expect(!report.succeeded)
                        #expect(report.record.errorDescription.contains("storing items failed"))
                        #expect(report.record.errorDescription.contains(report.sourceID))
                        #expect(report.inserted.isEmpty)
                        #expect(report.storeWriteErrors.contains("items"))
                    }
                }
                #expect(try store.itemCount() == published * sources.count / 2)
                #expect(try store.fetchLogCount() == sources.count / 2)
            }
        }
    }
}
