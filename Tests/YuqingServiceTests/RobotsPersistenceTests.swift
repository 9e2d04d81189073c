import Foundation
import Hummingbird
import NIOCore
import Testing
import YuqingCore
import YuqingFetch
import YuqingService
import YuqingStore

/// robots.txt answers kept in the store: a restarted daemon obeys them without asking every
/// site again, and never past their lifetime.
@Suite struct RobotsPersistenceTests {
    static func router(counter: RequestCounter) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/robots.txt") { request, _ in
            counter.hit(request.uri.path)
            return PolitenessTests.text("User-agent: *\nDisallow: /private/\n")
        }
        router.get("/open/feed.xml") { request, _ in
            counter.hit(request.uri.path)
            return PolitenessTests.rss(["公开通知"])
        }
        router.get("/private/feed.xml") { request, _ in
            counter.hit(request.uri.path)
            return PolitenessTests.rss(["内部通知"])
        }
        return router
    }

    /// Waits until the store holds the robots.txt of `base` (answers are written in the background).
    /// The stored answer for `base`'s site once one fetched after `newerThan` is there (the
    /// store is written after the fetch returns), or whatever is stored after 2 s.
    static func waitForStoredRobots(_ store: Store, base: URL, newerThan: Date = .distantPast) async throws -> StoredRobots? {
        let site = base.appending(path: "robots.txt").absoluteString.lowercased()
        for _ in 0 ..< 200 {
            if let stored = try await store.robots(site: site, notBefore: .distantPast), stored.fetchedAt > newerThan { return stored }
            try await Task.sleep(for: .milliseconds(10))
        }
        return try await store.robots(site: site, notBefore: .distantPast)
    }

    @Test func aRestartedCrawlerReusesTheStoredRobotsTxtAndStillObeysIt() async throws {
        let counter = RequestCounter()
        try await withTemporaryDirectory { directory in
            try await withServer(Self.router(counter: counter)) { base in
                let store = try Store(path: directory.appending(path: "y.sqlite").path)
                let curl = try CurlFetcher()
                defer { curl.shutdown() }
                let first = PoliteFetcher(base: curl, settings: PolitenessTests.fast, store: store)
                _ = try await first.fetch(FetchRequest(url: base.appending(path: "open/feed.xml")))
                #expect(counter.count("/robots.txt") == 1)
                let stored = try await Self.waitForStoredRobots(store, base: base)
                #expect(stored?.status == 200)

                // A new fetcher over the same store, as after a restart: robots.txt is not asked again…
                let restarted = PoliteFetcher(base: curl, settings: PolitenessTests.fast, store: store)
                _ = try await restarted.fetch(FetchRequest(url: base.appending(path: "open/feed.xml")))
                #expect(counter.count("/open/") == 2)
                // …and its rules still hold.
                await #expect(throws: RobotsRefusal.self) {
                    try await restarted.fetch(FetchRequest(url: base.appending(path: "private/feed.xml")))
                }
                #expect(counter.count("/private/") == 0)
                #expect(counter.count("/robots.txt") == 1)
            }
        }
    }

    @Test func aStoredRobotsTxtOlderThanADayIsFetchedAgain() async throws {
        let counter = RequestCounter()
        try await withTemporaryDirectory { directory in
            try await withServer(Self.router(counter: counter)) { base in
                let store = try Store(path: directory.appending(path: "y.sqlite").path)
                let site = base.appending(path: "robots.txt").absoluteString.lowercased()
                // An answer from 25 hours ago that allowed everything.
                let old = Date().addingTimeInterval(-25 * 3_600)
                try await store.saveRobots([StoredRobots(site: site, status: 404, body: Data(), fetchedAt: old)],
                                           expiredBefore: .distantPast)
                let curl = try CurlFetcher()
                defer { curl.shutdown() }
                let fetcher = PoliteFetcher(base: curl, settings: PolitenessTests.fast, store: store)
                await #expect(throws: RobotsRefusal.self) {
                    try await fetcher.fetch(FetchRequest(url: base.appending(path: "private/feed.xml")))
                }
                #expect(counter.count("/robots.txt") == 1)
                // The stale answer is there from the start: wait for the one fetched now.
                // (1 s past it: stored times are rounded to the millisecond, possibly up.)
                let stored = try await Self.waitForStoredRobots(store, base: base, newerThan: old.addingTimeInterval(1))
                #expect(stored?.status == 200)
                #expect(stored.map { $0.fetchedAt > old } == true)
            }
        }
    }
}
