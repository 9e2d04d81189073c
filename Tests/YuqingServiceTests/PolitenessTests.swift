import Foundation
import Hummingbird
import NIOCore
import Synchronization
import Testing
import YuqingCore
import YuqingDemo
import YuqingFetch
import YuqingService

/// robots.txt and per-host limits through the real crawler: libcurl against a loopback server.
@Suite struct PolitenessTests {
    /// Settings with no per-host delay, so these tests stay fast unless they test the delay.
    static let fast = CrawlSettings(perHostConcurrency: 4, perHostDelay: .zero)

    static func rss(_ titles: [String], base: String = "") -> Response {
        let items = titles.enumerated().map { index, title in
            "<item><title>\(title)</title><link>\(base)/news/\(index).html</link></item>"
        }.joined()
        let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title>\(items)</channel></rss>"
        return Response(status: .ok, headers: [.contentType: "application/rss+xml; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func router(robots: @escaping @Sendable () -> Response, counter: RequestCounter) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/robots.txt") { request, _ in
            counter.hit(request.uri.path)
            return robots()
        }
        router.get("/private/feed.xml") { request, _ in
            counter.hit(request.uri.path)
            return rss(["内部通知"])
        }
        router.get("/open/feed.xml") { request, _ in
            counter.hit(request.uri.path)
            return rss(["公开通知"])
        }
        router.get("/xxgk/index.html") { request, _ in
            counter.hit(request.uri.path)
            let items = (1 ... 3).map { "<li><a href=\"art/\($0).html\">通知公告第\($0)号</a></li>" }.joined()
            return html("<html><body><ul class=\"list\">\(items)</ul></body></html>")
        }
        router.get("/xxgk/art/:name") { request, _ in
            counter.hit(request.uri.path)
            return html("<html><body><div class=\"content\"><p>正文</p></div></body></html>")
        }
        return router
    }

    static func text(_ body: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    @Test func aDisallowedSourceIsAFailureNamingRobotsTxtAndTheURLAndIsNeverRequested() async throws {
        let counter = RequestCounter()
        let router = Self.router(robots: { Self.text("User-agent: *\nDisallow: /private/\n") }, counter: counter)
        try await withServer(router) { base in
            let curl = try CurlFetcher()
            defer { curl.shutdown() }
            let crawler = SourceCrawler(fetcher: PoliteFetcher(base: curl, settings: Self.fast), store: nil, logger: quietLogger)
            let url = base.appending(path: "private/feed.xml")
            let report = await crawler.crawl(feedSource("private", url))
            #expect(!report.succeeded)
            #expect(report.record.errorDescription.contains("\(base.absoluteString)/robots.txt"))
            #expect(report.record.errorDescription.contains(url.absoluteString))
            #expect(report.record.errorDescription.contains("robots: ignore"))
            #expect(counter.count("/private/") == 0)

            let open = await crawler.crawl(feedSource("open", base.appending(path: "open/feed.xml")))
            #expect(open.record.outcome == .ok, "\(open.record.errorDescription)")
            // robots.txt was read once for the site and cached.
            #expect(counter.count("/robots.txt") == 1)

            // `robots: ignore`, for the office's own sites.
            var own = feedSource("own", url)
            own.obeysRobots = false
            let ignored = await crawler.crawl(own)
            #expect(ignored.record.outcome == .ok, "\(ignored.record.errorDescription)")
            #expect(counter.count("/private/") == 1)
        }
    }

    @Test func aMissingRobotsTxtAllowsEverythingAndABrokenOneRefusesForAWhile() async throws {
        let counter = RequestCounter()
        let missing = Self.router(robots: { Response(status: .notFound) }, counter: counter)
        try await withServer(missing) { base in
            let curl = try CurlFetcher()
            defer { curl.shutdown() }
            let crawler = SourceCrawler(fetcher: PoliteFetcher(base: curl, settings: Self.fast), store: nil, logger: quietLogger)
            let report = await crawler.crawl(feedSource("p", base.appending(path: "private/feed.xml")))
            #expect(report.record.outcome == .ok, "\(report.record.errorDescription)")
        }
        let broken = Self.router(robots: { Response(status: .serviceUnavailable) }, counter: counter)
        try await withServer(broken) { base in
            let curl = try CurlFetcher()
            defer { curl.shutdown() }
            let crawler = SourceCrawler(fetcher: PoliteFetcher(base: curl, settings: Self.fast), store: nil, logger: quietLogger)
            let report = await crawler.crawl(feedSource("o", base.appending(path: "open/feed.xml")))
            #expect(!report.succeeded)
            #expect(report.record.errorDescription.contains("robots.txt answered HTTP 503"))
            #expect(counter.count("/open/") == 0)
        }
    }

    @Test func followUpPagesObeyRobotsTxt() async throws {
        let counter = RequestCounter()
        let router = Self.router(robots: { Self.text("User-agent: *\nDisallow: /xxgk/art/\n") }, counter: counter)
        try await withServer(router) { base in
            let curl = try CurlFetcher()
            defer { curl.shutdown() }
            let crawler = SourceCrawler(fetcher: PoliteFetcher(base: curl, settings: Self.fast), store: nil, logger: quietLogger)
            let source = Source(id: "gov", kind: .list, url: base.appending(path: "xxgk/index.html"),
                                listSelectors: ListSelectors(item: "ul.list li"))
            let report = await crawler.crawl(source)
            #expect(report.record.outcome == .ok, "\(report.record.errorDescription)")
            #expect(report.record.itemsFound == 3)
            #expect(counter.count("/xxgk/index.html") == 1)
            #expect(counter.count("/xxgk/art/") == 0)
        }
    }

    /// Records when each request arrives and how many overlap.
    final class Arrivals: Sendable {
        private let state = Mutex<(times: [ContinuousClock.Instant], starts: [ContinuousClock.Instant], active: Int, peak: Int)>(
            ([], [], 0, 0))
        func begin() { state.withLock { $0.times.append(.now); $0.active += 1; $0.peak = max($0.peak, $0.active) } }
        func end() { state.withLock { $0.active -= 1 } }
        func started() { state.withLock { $0.starts.append(.now) } }
        /// When requests reached the server.
        var times: [ContinuousClock.Instant] { state.withLock { $0.times } }
        /// When the polite fetcher let page requests go (what its spacing controls; arrivals at
        /// a loaded test server jitter by tens of milliseconds).
        var starts: [ContinuousClock.Instant] { state.withLock { $0.starts } }
        var peak: Int { state.withLock { $0.peak } }
    }

    /// Notes when each page request leaves the polite fetcher for libcurl.
    struct StartRecorder: PageFetcher {
        let base: any PageFetcher
        let arrivals: Arrivals
        func fetch(_ request: FetchRequest) async throws -> FetchResponse {
            if request.url.path.hasPrefix("/page/") { arrivals.started() }
            return try await base.fetch(request)
        }
    }

    func measure(robots: String, settings: CrawlSettings, requests: Int) async throws -> Arrivals {
        let arrivals = Arrivals()
        let router = Router()
        router.get("/robots.txt") { _, _ in Self.text(robots) }
        router.get("/page/:i") { _, _ in
            arrivals.begin()
            try await Task.sleep(for: .milliseconds(50))
            arrivals.end()
            return Self.text("ok")
        }
        try await withServer(router) { base in
            let curl = try CurlFetcher()
            defer { curl.shutdown() }
            let polite = PoliteFetcher(base: StartRecorder(base: curl, arrivals: arrivals), settings: settings)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0 ..< requests {
                    group.addTask { _ = try await polite.fetch(FetchRequest(url: base.appending(path: "page/\(i)"))) }
                }
                try await group.waitForAll()
            }
        }
        return arrivals
    }

    static func gaps(_ times: [ContinuousClock.Instant]) -> [Duration] {
        let sorted = times.sorted()
        return zip(sorted, sorted.dropFirst()).map { $1 - $0 }
    }

    @Test func requestsToOneHostAreLimitedAndSpaced() async throws {
        let arrivals = try await measure(
            robots: "", settings: CrawlSettings(perHostConcurrency: 1, perHostDelay: .milliseconds(150)), requests: 4)
        #expect(arrivals.times.count == 4)
        #expect(arrivals.peak == 1)
        // The gate spaces request starts 150 ms apart. Without it they would go ~55 ms apart
        // (one at a time, each taking the server's 50 ms).
        #expect(Self.gaps(arrivals.starts).allSatisfy { $0 >= .milliseconds(145) }, "\(Self.gaps(arrivals.starts))")
    }

    @Test func concurrencyWithoutDelayOverlapsUpToTheLimit() async throws {
        let arrivals = try await measure(robots: "", settings: CrawlSettings(perHostConcurrency: 2, perHostDelay: .zero), requests: 6)
        #expect(arrivals.times.count == 6)
        #expect(arrivals.peak <= 2)
    }

    @Test func crawlDelayRaisesTheSpacing() async throws {
        let arrivals = try await measure(
            robots: "User-agent: *\nCrawl-delay: 0.3\n", settings: CrawlSettings(perHostConcurrency: 4, perHostDelay: .zero),
            requests: 3)
        #expect(arrivals.starts.count == 3)
        #expect(Self.gaps(arrivals.starts).allSatisfy { $0 >= .milliseconds(295) }, "\(Self.gaps(arrivals.starts))")
    }
}
