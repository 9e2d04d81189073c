import Foundation
import Hummingbird
import NIOCore
import Testing
import YuqingCore
import YuqingDemo
import YuqingFetch
@testable import YuqingService

/// The redirect guard through the crawler: the first request and every follow-up page of a
/// source carry its address policy. A list on 127.0.0.2 plays a public site; a canary on
/// 127.0.0.1 plays the machine's own services and counts every request that reaches it.
@Suite struct SourceAddressGuardTests {
    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Test func followUpPagesOfAPublicSourceNeverReachInternalAddresses() async throws {
        let counter = RequestCounter()
        let canaryRouter = Router()
        canaryRouter.get("/canary/:name") { request, _ in
            counter.hit(request.uri.path)
            return Self.html("<html><body><p>internal</p></body></html>")
        }
        try await withServer(canaryRouter) { canary in
            let site = Router()
            site.get("/list.html") { _, _ in
                Self.html("""
                    <html><body><ul class="list">
                    <li><a href="\(canary.absoluteString)/canary/1.html">链接到内网的文章</a></li>
                    <li><a href="/bounce/2.html">跳转到内网的文章</a></li>
                    </ul></body></html>
                    """)
            }
            site.get("/bounce/:name") { _, _ in
                Response(status: .found, headers: [.location: "\(canary.absoluteString)/canary/2.html"])
            }
            site.get("/bounce-feed") { _, _ in
                Response(status: .found, headers: [.location: "\(canary.absoluteString)/canary/feed.xml"])
            }
            let curl = try CurlFetcher()
            defer { curl.shutdown() }
            // Nothing below throws, so the server is always stopped at the end.
            let server = try await LocalHTTPServer.start(router: site, host: "127.0.0.2")
            var crawler = SourceCrawler(fetcher: curl, store: nil, logger: quietLogger)
            crawler.addressesTreatedAsPublic = ["127.0.0.2"]

            let list = Source(id: "portal", kind: .list, url: server.baseURL.appending(path: "list.html"),
                              listSelectors: ListSelectors(item: "ul.list li"))
            let report = await crawler.crawl(list)
            #expect(report.record.outcome == .ok, "\(report.record.errorDescription)")
            #expect(report.record.itemsFound == 2)

            let feed = feedSource("bounced", server.baseURL.appending(path: "bounce-feed"))
            let bounced = await crawler.crawl(feed)
            #expect(!bounced.succeeded)
            #expect(bounced.record.errorDescription.contains("allow_private_addresses"))
            #expect(counter.count("/canary/") == 0)

            // The same source with the opt-in reaches the canary.
            var trusted = feed
            trusted.allowsPrivateAddresses = true
            _ = await crawler.crawl(trusted)
            #expect(counter.count("/canary/feed.xml") == 1)
            // …and so do the list's follow-up pages, which proves the zero above was the guard's doing.
            var trustedList = list
            trustedList.allowsPrivateAddresses = true
            _ = await crawler.crawl(trustedList)
            #expect(counter.count("/canary/1.html") == 1)
            #expect(counter.count("/canary/2.html") == 1)
            await server.stop()
        }
    }
}
