import Foundation
import Hummingbird
import Logging
import Synchronization
import YuqingCore
import YuqingDemo
import YuqingFetch
import YuqingService
import YuqingStore

/// A clock the demo site reads, which a test moves by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// A fresh temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("yuqing-service-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// Runs `body` with a real HTTP server on 127.0.0.1 serving `router`, stopping it afterwards.
func withServer<T>(_ router: Router<BasicRequestContext>, _ body: (URL) async throws -> T) async throws -> T {
    let server = try await LocalHTTPServer.start(router: router)
    do {
        let result = try await body(server.baseURL)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// A logger that drops everything, so test output stays readable.
let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// A store at `directory` that knows `sources`, and a crawler over it with its own fetcher,
/// which the caller shuts down.
func newStoreAndCrawler(
    in directory: URL, sources: [Source]
) async throws -> (store: Store, fetcher: CurlFetcher, crawler: SourceCrawler) {
    let store = try Store(path: directory.appending(path: "y.sqlite").path)
    try await store.syncSources(sources, at: Date())
    let fetcher = try CurlFetcher()
    return (store, fetcher, SourceCrawler(fetcher: fetcher, store: store, logger: quietLogger))
}

/// A feed source pointing at `url`.
func feedSource(_ id: String, _ url: URL, channel: Channel = .news, interval: Duration = .seconds(600)) -> Source {
    Source(id: id, url: url, channel: channel, interval: interval)
}

/// Feeds that publish one item every `every`, each listing every item it has published (up to
/// 5,000), so an item stays visible however long a crash or a full disk kept the daemon away.
final class PublishingFeeds: Sendable {
    let start: Date
    let every: TimeInterval
    let feeds: Int
    /// Publishing stops here, so the final count is known.
    let stop: Mutex<Date?> = Mutex(nil)

    init(start: Date, every: TimeInterval, feeds: Int) {
        self.start = start
        self.every = every
        self.feeds = feeds
    }

    func published(feed: Int, at now: Date) -> Int {
        let end = stop.withLock { $0 }.map { min($0, now) } ?? now
        return max(0, Int(end.timeIntervalSince(start) / every) + 1)
    }

    func title(feed: Int, item: Int) -> String {
        item % 3 == 0 ? "江临市第\(feed)频道第\(item)条：化工厂排污引发投诉" : "江临市第\(feed)频道第\(item)条：社区活动"
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/feed/:n") { [self] _, context in
            let feed = Int(context.parameters.get("n") ?? "0") ?? 0
            let count = published(feed: feed, at: Date())
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>江临\(feed)</title>"
            for item in stride(from: count - 1, through: max(0, count - 5_000), by: -1) {
                xml += "<item><title>\(title(feed: feed, item: item))</title>"
                    + "<link>http://127.0.0.1/feed/\(feed)/\(item).html</link>"
                    + "<guid>feed-\(feed)-item-\(item)</guid></item>"
            }
            xml += "</channel></rss>"
            return Response(
                status: .ok, headers: [.contentType: "application/rss+xml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: xml)))
        }
        return router
    }
}
