import Foundation
import Synchronization
import Hummingbird
import NIOCore
import Testing
import YuqingCore
import YuqingDemo
import YuqingFetch
import YuqingService
import YuqingStore

/// fetch → extract → store through the real code: libcurl against a loopback HTTP
/// server, libxml2, and a SQLite file.
@Suite struct SourceCrawlerTests {
    @Test func storesTheDemoFeedsOnceAndGetsNewItemsAsTheyArePublished() async throws {
        let clock = ManualClock(Date())
        try await withDemoFeeds(initialCount: 8, clock: clock) { site, base, sources, store, fetcher in
            let crawler = SourceCrawler(fetcher: fetcher, store: store, logger: quietLogger)

            var firstNew = 0
            for source in sources {
                let report = await crawler.crawl(source)
                #expect(report.record.outcome == .ok, "\(source.id): \(report.record.errorDescription)")
                firstNew += report.inserted.count
            }
            #expect(firstNew == 8)
            #expect(try store.itemCount() == 8)

            // Nothing changed: every source answers 304 and nothing is stored twice.
            for source in sources {
                let report = await crawler.crawl(source)
                #expect(report.record.outcome == .notModified)
                #expect(report.inserted.isEmpty)
            }

            // Two more items are published; only they are new.
            clock.advance(by: 120)
            var secondNew: [StoredItem] = []
            for source in sources {
                secondNew += await crawler.crawl(source).inserted
            }
            #expect(secondNew.count == 2)
            #expect(try store.itemCount() == 10)
            #expect(Set(secondNew.map(\.title)) == Set([8, 9].map { site.timeline.entry($0).title }))

            // The forum is served as GBK bytes labelled gb2312: GBK-only characters survive.
            let forum = try store.recentItems(limit: 50, sourceID: "demo-forum")
            #expect(forum.contains { $0.author == "滨江业主王镕" })
            #expect(forum.contains { $0.author == "东片居民李堃" })
            // Relative links in the feeds are resolved against the feed URL.
            #expect(forum.allSatisfy { $0.url?.absoluteString.hasPrefix(base.absoluteString + "/articles/") == true })
        }
    }

    /// A restarted daemon's first poll is conditional: the validators come back from the store.
    @Test func aNewCrawlerOverTheSameStoreSendsTheStoredValidators() async throws {
        let clock = ManualClock(Date())
        try await withDemoFeeds(initialCount: 4, clock: clock) { _, _, sources, store, fetcher in
            let first = SourceCrawler(fetcher: fetcher, store: store, logger: quietLogger)
            for source in sources {
                #expect(await first.crawl(source).record.outcome == .ok)
            }
            let restarted = SourceCrawler(fetcher: fetcher, store: store, logger: quietLogger)
            for source in sources {
                #expect(await restarted.crawl(source).record.outcome == .notModified, "\(source.id)")
            }
            // A new item changes the feed: the full page comes back and the validators move on.
            clock.advance(by: 60)
            var outcomes: [FetchOutcome] = []
            for source in sources { outcomes.append(await restarted.crawl(source).record.outcome) }
            #expect(outcomes.contains(.ok))
            for source in sources {
                #expect(await restarted.crawl(source).record.outcome == .notModified, "\(source.id) after the change")
            }
        }
    }

    /// A feed without validators comes back in full on every poll: when its bytes are the ones
    /// read and stored last time, the poll is recorded as not modified and nothing is parsed.
    @Test func aFeedWhoseBodyIsUnchangedIsNotReadAgain() async throws {
        func rss(_ titles: [String]) -> String {
            let items = titles.map { "<item><title>\($0)</title><link>http://127.0.0.1/\($0)</link></item>" }
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>江临</title>"
                + items.joined() + "</channel></rss>"
        }
        let body = Mutex(rss(["江临市通报道路施工", "江临市发布天气预警"]))
        let router = Router()
        router.get("/feed") { _, _ in
            // No ETag, no Last-Modified: like many government sites.
            Response(status: .ok, headers: [.contentType: "application/rss+xml"],
                     body: .init(byteBuffer: ByteBuffer(string: body.withLock { $0 })))
        }
        try await withTemporaryDirectory { directory in
            try await withServer(router) { base in
                let source = feedSource("jl", base.appending(path: "feed"))
                let (store, fetcher, crawler) = try await newStoreAndCrawler(in: directory, sources: [source])
                defer { fetcher.shutdown() }

                let first = await crawler.crawl(source)
                #expect(first.record.outcome == .ok)
                #expect(first.inserted.count == 2)

                let same = await crawler.crawl(source)
                #expect(same.record.outcome == .notModified)
                #expect(same.record.status == 200)
                #expect(same.record.itemsFound == 0, "the body was not parsed")
                #expect(same.inserted.isEmpty && same.updated.isEmpty)
                // The stale-validator check (an unconditional fetch) compares the body the same way,
                // and a restarted crawler has the digest from the store.
                #expect(await crawler.crawl(source, sendValidators: false).record.outcome == .notModified)
                let restarted = SourceCrawler(fetcher: fetcher, store: store, logger: quietLogger)
                #expect(await restarted.crawl(source).record.outcome == .notModified)

                // One more item: the new body is read and only the new item stored.
                body.withLock { $0 = rss(["江临市通报道路施工", "江临市发布天气预警", "江临市启动防汛应急响应"]) }
                let changed = await restarted.crawl(source)
                #expect(changed.record.outcome == .ok)
                #expect(changed.inserted.map(\.title) == ["江临市启动防汛应急响应"])

                // A broken body fails and leaves the digest of the last body stored.
                let good = body.withLock { $0 }
                body.withLock { $0 = "<html><body>维护中</body></html>" }
                #expect(await restarted.crawl(source).record.outcome == .parseError)
                body.withLock { $0 = good }
                #expect(await restarted.crawl(source).record.outcome == .notModified)
                #expect(try store.itemCount() == 3)
            }
        }
    }

    @Test func recordsHTTPAndParseFailuresWithTheirReason() async throws {
        let router = Router()
        router.get("/gone") { _, _ in Response(status: .notFound) }
        router.get("/busy") { _, _ in Response(status: .serviceUnavailable, headers: [.retryAfter: "120"]) }
        router.get("/login") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: "<html><body><form>请登录</form></body></html>")))
        }
        try await withTemporaryDirectory { directory in
            try await withServer(router) { base in
                let gone = feedSource("gone", base.appending(path: "gone"))
                let busy = feedSource("busy", base.appending(path: "busy"))
                let login = feedSource("login", base.appending(path: "login"), channel: .weibo)
                let (store, fetcher, crawler) = try await newStoreAndCrawler(in: directory, sources: [gone, busy, login])
                defer { fetcher.shutdown() }

                let goneReport = await crawler.crawl(gone)
                #expect(goneReport.record.outcome == .httpError)
                #expect(goneReport.record.status == 404)
                #expect(goneReport.record.errorDescription.contains(gone.url.absoluteString))

                let busyReport = await crawler.crawl(busy)
                #expect(busyReport.retryAfter == .seconds(120))

                // A feed bridge answering with a login page is a failing source, not an empty one.
                let loginReport = await crawler.crawl(login)
                #expect(loginReport.record.outcome == .parseError)
                #expect(loginReport.record.errorDescription.contains(login.url.absoluteString))
                #expect(loginReport.record.errorDescription.contains("html"))

                _ = await crawler.crawl(gone)
                let state = try #require(try await store.sourceState(id: "gone"))
                #expect(state.consecutiveFailures == 2)
                #expect(state.lastError?.contains("404") == true)
                #expect(try store.itemCount() == 0)
            }
        }
    }

    @Test func aDryRunStoresNothing() async throws {
        let site = DemoSite(catalog: try DemoCatalog.bundled())
        try await withServer(site.router()) { base in
            let fetcher = try CurlFetcher()
            defer { fetcher.shutdown() }
            let crawler = SourceCrawler(fetcher: fetcher, store: nil, logger: quietLogger)
            let report = await crawler.crawl(feedSource("demo-gov", URL(string: base.absoluteString + "/gov/rss.xml")!))
            #expect(report.record.outcome == .ok)
            #expect(!report.entries.isEmpty)
            #expect(report.inserted.isEmpty)
        }
    }
}

/// The bundled demo site's feeds on a loopback server (its clock is `clock`, `initialCount` items
/// published), synced as sources into a fresh store, with a libcurl fetcher.
private func withDemoFeeds(
    initialCount: Int, clock: ManualClock,
    _ body: (DemoSite, URL, [Source], Store, CurlFetcher) async throws -> Void
) async throws {
    let site = DemoSite(catalog: try DemoCatalog.bundled(), interval: .seconds(60), initialCount: initialCount,
                        start: clock.now, now: { clock.now })
    try await withTemporaryDirectory { directory in
        try await withServer(site.router()) { base in
            let sources = site.catalog.feeds.map {
                feedSource("demo-\($0.id)", URL(string: base.absoluteString + $0.path)!)
            }
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            try await store.syncSources(sources, at: Date())
            let fetcher = try CurlFetcher()
            defer { fetcher.shutdown() }
            try await body(site, base, sources, store, fetcher)
        }
    }
}
