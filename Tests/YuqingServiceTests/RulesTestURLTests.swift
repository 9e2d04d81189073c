import Foundation
import Hummingbird
import Testing
import YuqingCore
import YuqingService

/// `yuqing rules test --url` fetches as the daemon does: robots.txt is obeyed.
@Suite struct RulesTestURLTests {
    static let article = """
        <html><head><meta charset="utf-8"><title>江临化工厂夜间偷排</title></head><body>
        <article><h1>江临化工厂夜间偷排</h1>
        <p>村民反映，某化工厂夜间偷排废水，河道出现大片死鱼，空气中有刺鼻异味。</p>
        <p>江临市生态环境局已派人调查取样，将依法处理并公布结果。</p></article></body></html>
        """

    @Test func aPageRobotsTxtDisallowsIsNotFetchedAndTheRefusalSaysWhy() async throws {
        let counter = RequestCounter()
        let router = Router()
        router.get("/robots.txt") { _, _ in PolitenessTests.text("User-agent: *\nDisallow: /private/\n") }
        router.get("/private/:name") { request, _ in
            counter.hit(request.uri.path)
            return PolitenessTests.html(Self.article)
        }
        router.get("/news/:name") { _, _ in PolitenessTests.html(Self.article) }
        try await withTemporaryDirectory { directory in
            try await withServer(router) { base in
                let refused = try await CommandLineTests.runAsync(
                    ["rules", "test", "化工厂 AND 偷排", "--url", "\(base.absoluteString)/private/1.html", "--config", directory.path])
                #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
                #expect(refused.stderr.contains("disallowed by \(base.absoluteString)/robots.txt"), "\(refused.stderr)")
                #expect(counter.count("/private/1.html") == 0)

                let allowed = try await CommandLineTests.runAsync(
                    ["rules", "test", "化工厂 AND 偷排", "--url", "\(base.absoluteString)/news/1.html", "--config", directory.path])
                #expect(allowed.status == 0, "\(allowed.stderr)")
                #expect(allowed.stdout.contains("1 of 1 items matched"), "\(allowed.stdout)")
            }
        }
    }
}
