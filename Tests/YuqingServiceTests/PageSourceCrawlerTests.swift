import Foundation
import Hummingbird
import NIOCore
import Synchronization
import Testing
import YuqingCore
import YuqingDemo
import YuqingFetch
import YuqingService
import YuqingStore

/// Counts the requests a test server answers, by path.
final class RequestCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func hit(_ path: String) { counts.withLock { $0[path, default: 0] += 1 } }

    /// Requests whose path starts with `prefix`.
    func count(_ prefix: String) -> Int {
        counts.withLock { $0.filter { $0.key.hasPrefix(prefix) }.values.reduce(0, +) }
    }
}

/// A `PageFetcher` that records every URL it fetches, around the real libcurl fetcher.
final class RecordingFetcher: PageFetcher {
    let inner: CurlFetcher
    private let paths = Mutex<[String]>([])

    init(_ inner: CurlFetcher) { self.inner = inner }

    func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        paths.withLock { $0.append(request.url.path) }
        return try await inner.fetch(request)
    }

    /// Paths fetched so far that start with `prefix`; `reset` forgets them.
    func fetched(_ prefix: String) -> [String] { paths.withLock { $0.filter { $0.hasPrefix(prefix) } } }
    func reset() { paths.withLock { $0.removeAll() } }
}

private func html(_ text: String) -> Response {
    Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
             body: .init(byteBuffer: ByteBuffer(string: text)))
}

/// `kind: list` and `kind: forum` through the real crawler: libcurl against a loopback server,
/// libxml2, and a SQLite file.
@Suite struct PageSourceCrawlerTests {
    /// A two-page 信息公开 list of five notices; notice 3's page is gone (404).
    static func govRouter(_ counter: RequestCounter) -> Router<BasicRequestContext> {
        let router = Router()
        @Sendable func list(_ numbers: ClosedRange<Int>, next: String?) -> String {
            let items = numbers.map {
                "<li><a href=\"art/\($0).html\">通知公告第\($0)号</a><span class=\"date\">2026-11-\(10 + $0)</span></li>"
            }.joined()
            let pager = next.map { "<a class=\"next\" href=\"\($0)\">下一页</a>" } ?? ""
            return "<html><head><title>信息公开</title></head><body><div class=\"nav\"><a href=\"/\">首页</a></div>"
                + "<ul class=\"list\">\(items)</ul><div class=\"page\">\(pager)</div></body></html>"
        }
        router.get("/xxgk/index.html") { request, _ in
            counter.hit(request.uri.path)
            return html(list(1 ... 3, next: "index_1.html"))
        }
        router.get("/xxgk/index_1.html") { request, _ in
            counter.hit(request.uri.path)
            return html(list(4 ... 5, next: nil))
        }
        router.get("/xxgk/art/:name") { request, context in
            counter.hit(request.uri.path)
            let name = context.parameters.get("name") ?? ""
            guard let number = Int(name.dropLast(5)), number != 3 else { return Response(status: .notFound) }
            return html("""
                <html><head><title>通知公告第\(number)号_江临市人民政府</title></head><body>
                <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xxgk/">信息公开</a></li><li><a href="#">政务服务</a></li></ul></div>
                <div class="article"><h1>通知公告第\(number)号</h1>
                <div class="info">发布时间：2026-11-\(10 + number) 09:30　来源：市人民政府办公室</div>
                <div class="content"><p>第\(number)号公告正文：全市各单位要认真贯彻落实有关部署，切实做好冬季安全生产和民生保障工作。</p>
                <p>各区县要加强值班值守，发现问题及时报告，确保群众安全温暖过冬。</p></div></div>
                <div class="related"><h3>相关链接</h3><ul><li><a href="1.html">通知公告第1号</a></li><li><a href="2.html">通知公告第2号</a></li></ul></div>
                <div class="footer">主办：江临市人民政府办公室　版权所有　ICP备00000000号</div>
                </body></html>
                """)
        }
        return router
    }

    @Test func aListOfTwoPagesIsStoredOnceWithArticleTextAndArticlesAreFetchedOnce() async throws {
        let counter = RequestCounter()
        try await withTemporaryDirectory { directory in
            try await withServer(Self.govRouter(counter)) { base in
                let source = Source(
                    id: "gov-xxgk", kind: .list, url: base.appending(path: "xxgk/index.html"),
                    listSelectors: ListSelectors(item: "ul.list li", date: "span.date", nextPage: "a.next", maxPages: 3))
                let (store, fetcher, crawler) = try await newStoreAndCrawler(in: directory, sources: [source])
                defer { fetcher.shutdown() }

                let first = await crawler.crawl(source)
                #expect(first.record.outcome == .ok, "\(first.record.errorDescription)")
                #expect(first.inserted.count == 5)
                #expect(counter.count("/xxgk/index") == 2)
                #expect(counter.count("/xxgk/art/") == 5)
                let items = try store.recentItems(limit: 10, sourceID: "gov-xxgk")
                #expect(items.count == 5)
                for item in items where item.title != "通知公告第3号" {
                    #expect(item.summary.contains("公告正文"), "\(item.title): \(item.summary)")
                    #expect(item.summary.contains("确保群众安全温暖过冬"))
                    // Navigation, related links and footer are not the article.
                    #expect(!item.summary.contains("政务服务"))
                    #expect(!item.summary.contains("相关链接"))
                    #expect(!item.summary.contains("版权所有"))
                    // The article's minute beats the list's day.
                    #expect(item.published.map { Int($0.timeIntervalSince1970) % 86_400 } == 3_600 + 30 * 60)
                }
                // The notice whose page is gone is kept with what the list showed.
                let gone = try #require(items.first { $0.title == "通知公告第3号" })
                #expect(gone.summary.isEmpty)
                #expect(gone.url?.absoluteString == base.absoluteString + "/xxgk/art/3.html")

                // A second poll reads the list again but fetches no article page, not even the 404.
                let second = await crawler.crawl(source)
                #expect(second.record.outcome == .ok)
                #expect(second.record.itemsFound == 5)
                #expect(second.inserted.isEmpty && second.updated.isEmpty)
                #expect(counter.count("/xxgk/index") == 4)
                #expect(counter.count("/xxgk/art/") == 5)
                #expect(try store.itemCount(sourceID: "gov-xxgk") == 5)
            }
        }
    }

    @Test func aListWhoseItemSelectorMatchesNothingIsAParseErrorNamingSelectorAndURL() async throws {
        try await withTemporaryDirectory { directory in
            try await withServer(Self.govRouter(RequestCounter())) { base in
                let url = base.appending(path: "xxgk/index.html")
                let source = Source(id: "moved", kind: .list, url: url, listSelectors: ListSelectors(item: "div.news-list li"))
                let store = try Store(path: directory.appending(path: "y.sqlite").path)
                try await store.syncSources([source], at: Date())
                let fetcher = try CurlFetcher()
                defer { fetcher.shutdown() }
                let report = await SourceCrawler(fetcher: fetcher, store: store, logger: quietLogger).crawl(source)
                #expect(report.record.outcome == .parseError)
                #expect(report.record.errorDescription.contains("'div.news-list li' matched nothing on \(url.absoluteString)"))
            }
        }
    }

    @Test func aForumThreadThatGainsRepliesIsUpdatedAndUnchangedThreadsAreNotFetchedAgain() async throws {
        let clock = ManualClock(Date())
        let site = DemoSite(catalog: try DemoCatalog.bundled(), interval: .seconds(60), initialCount: 8,
                            start: clock.now, now: { clock.now })
        try await withTemporaryDirectory { directory in
            try await withServer(site.router()) { base in
                let source = Source(id: "bbs", kind: .forum, url: URL(string: base.absoluteString + DemoSite.forumBoardPath)!,
                                    channel: .forum)
                let store = try Store(path: directory.appending(path: "y.sqlite").path)
                try await store.syncSources([source], at: Date())
                let curl = try CurlFetcher()
                defer { curl.shutdown() }
                let fetcher = RecordingFetcher(curl)
                let crawler = SourceCrawler(fetcher: fetcher, store: store, logger: quietLogger)

                // Two threads (items 2 and 5 of the timeline), each with its replies so far.
                let first = await crawler.crawl(source)
                #expect(first.record.outcome == .ok, "\(first.record.errorDescription)")
                #expect(first.inserted.count == 2)
                #expect(fetcher.fetched("/bbs/thread-").count == 2)
                let items = try store.recentItems(limit: 10, sourceID: "bbs")
                // GBK bytes decode right: 镕, 堃 and 喆 exist only in GBK, not in GB2312.
                let thread2 = try #require(items.first { $0.author == "滨江业主王镕" })
                #expect(thread2.title == "滨江路小区晚上又有刺鼻气味，孩子咳嗽了一晚上")
                #expect(thread2.summary.hasPrefix("连续一周了，晚上十点以后窗户都不敢开"))
                #expect(thread2.summary.contains("【回复】路过的喆 "))
                #expect(items.contains { $0.author == "东片居民李堃" })
                // The sticky 版规 thread is not an item.
                #expect(!items.contains { $0.title.contains("版规") })

                // Item 8, a new thread, is posted: only it is fetched.
                clock.advance(by: 60)
                fetcher.reset()
                let second = await crawler.crawl(source)
                #expect(second.inserted.map(\.title) == ["鑫盛理财暴雷了？投了二十万，现在群里都联系不上人"])
                #expect(second.updated.isEmpty)
                #expect(fetcher.fetched("/bbs/thread-") == ["/bbs/thread-8-1-1.html"])
                let posted = try #require(second.inserted.first)
                #expect(!posted.summary.contains("【回复】"))

                // It gains a reply: its item is updated in place, the other threads are left alone.
                clock.advance(by: 60)
                fetcher.reset()
                let third = await crawler.crawl(source)
                #expect(third.inserted.isEmpty)
                #expect(third.updated.map(\.id) == [posted.id])
                #expect(third.updated.first?.summary.contains("【回复】") == true)
                #expect(fetcher.fetched("/bbs/thread-") == ["/bbs/thread-8-1-1.html"])
                #expect(try store.itemCount(sourceID: "bbs") == 3)

                // Nothing changed on the board: the conditional GET is answered 304.
                fetcher.reset()
                let fourth = await crawler.crawl(source)
                #expect(fourth.record.outcome == .notModified)
                #expect(fetcher.fetched("/bbs/thread-").isEmpty)
            }
        }
    }

    @Test func aThreadPageThatFailsIsRetriedOnTheNextPoll() async throws {
        let counter = RequestCounter()
        let broken = Mutex(true)
        let router = Router()
        router.get("/forum-2-1.html") { request, _ in
            // Same body every time, with a validator: only a dropped validator makes the second poll read it.
            if request.headers[.ifNoneMatch] == "\"v1\"" { return Response(status: .notModified) }
            var response = html("""
                <html><body><table>
                <tbody id="normalthread_7"><tr><th><a href="thread-7-1-2.html" class="s xst">路灯坏了一个月</a></th>
                <td class="by"><em><span>2026-11-20 08:00</span></em></td><td class="num"><a class="xi2">0</a></td>
                <td class="by"><em><span title="2026-11-20 08:00">1 天前</span></em></td></tr></tbody>
                </table></body></html>
                """)
            response.headers[.eTag] = "\"v1\""
            return response
        }
        router.get("/thread-7-1-1.html") { request, _ in
            counter.hit(request.uri.path)
            if broken.withLock({ $0 }) { return Response(status: .internalServerError) }
            return html("""
                <html><body><span id="thread_subject">路灯坏了一个月</span><div id="postlist">
                <div id="post_1"><table><tr><td class="pls"><div class="authi"><a class="xw1">夜归人</a></div></td>
                <td class="plc"><em id="authorposton1">发表于 2026-11-20 08:00</em><table><tr><td class="t_f">北门路灯坏了一个月没人修。</td></tr></table></td></tr></table></div>
                </div></body></html>
                """)
        }
        try await withTemporaryDirectory { directory in
            try await withServer(router) { base in
                let source = Source(id: "bbs", kind: .forum, url: base.appending(path: "forum-2-1.html"))
                let (store, fetcher, crawler) = try await newStoreAndCrawler(in: directory, sources: [source])
                defer { fetcher.shutdown() }

                let first = await crawler.crawl(source)
                #expect(first.record.outcome == .ok)
                // The list's link names board page 2; the thread is fetched by its canonical URL.
                #expect(counter.count("/thread-7-1-1.html") == 1)
                #expect(first.inserted.first?.title == "路灯坏了一个月")
                #expect(first.inserted.first?.summary.isEmpty == true)
                #expect(first.record.etag == nil)

                broken.withLock { $0 = false }
                let second = await crawler.crawl(source)
                #expect(second.record.outcome == .ok)
                #expect(counter.count("/thread-7-1-1.html") == 2)
                #expect(second.updated.first?.summary == "北门路灯坏了一个月没人修。")
                #expect(second.updated.first?.author == "夜归人")
                #expect(try store.itemCount(sourceID: "bbs") == 1)

                // Read now, and the list still shows the same: answered 304, nothing fetched.
                let third = await crawler.crawl(source)
                #expect(third.record.outcome == .notModified)
                #expect(counter.count("/thread-7-1-1.html") == 2)
            }
        }
    }
}
