import Foundation
import Testing
import YuqingCore

@Suite struct RobotsPolicyTests {
    let agent = "Yuqing/0.1 (+public-sentiment monitor)"

    func allows(_ text: String, _ path: String, agent: String? = nil) -> Bool {
        RobotsPolicy(parsing: text).allows(URL(string: "http://www.example.cn" + path)!, userAgent: agent ?? self.agent)
    }

    @Test func longestMatchWinsAndAllowWinsTies() {
        let text = """
        User-agent: *
        Disallow: /news/
        Allow: /news/public/
        Disallow: /page
        Allow: /page
        """
        #expect(!allows(text, "/news/a.html"))
        #expect(allows(text, "/news/public/a.html"))
        #expect(allows(text, "/page.html"))
        #expect(allows(text, "/other"))
    }

    @Test func wildcardsAndEndAnchor() {
        let text = """
        user-agent: *
        disallow: /*.php$
        disallow: /search*q=
        disallow: /$
        """
        #expect(!allows(text, "/index.php"))
        #expect(allows(text, "/index.php?id=1"))
        #expect(!allows(text, "/search/all?q=舆情"))
        #expect(!allows(text, "/"))
        #expect(allows(text, "/a"))
    }

    @Test func ourGroupBeatsTheStarGroupAndGroupsMerge() {
        let text = """
        User-agent: *
        Disallow: /

        User-agent: Baiduspider
        User-agent: yuqing
        Disallow: /private
        Crawl-delay: 5

        User-agent: YUQING
        Disallow: /tmp
        """
        #expect(allows(text, "/news"))
        #expect(!allows(text, "/private/x"))
        #expect(!allows(text, "/tmp/x"))
        #expect(!allows(text, "/news", agent: "OtherBot/2"))
        #expect(RobotsPolicy(parsing: text).crawlDelay(for: agent) == .seconds(5))
        #expect(RobotsPolicy(parsing: text).crawlDelay(for: "OtherBot") == nil)
    }

    @Test func emptyDisallowAndCommentsAndNoGroups() {
        #expect(allows("User-agent: *\nDisallow:\n", "/anything"))
        #expect(allows("# nothing here\n", "/anything"))
        #expect(!allows("User-agent: * # all\nDisallow: /a # no\n", "/a/b"))
        #expect(allows("Disallow: /\n", "/x"))
    }

    @Test func chinesePathsMatchTheirEncodedForm() {
        let text = "User-agent: *\nDisallow: /新闻/\n"
        #expect(!allows(text, "/%E6%96%B0%E9%97%BB/1.html"))
        #expect(!allows(text, "/%e6%96%b0%e9%97%bb/1.html"))
    }

    @Test func robotsTxtItselfIsAlwaysAllowed() {
        #expect(allows("User-agent: *\nDisallow: /\n", "/robots.txt"))
        #expect(!RobotsPolicy.disallowAll.allows(URL(string: "http://x.cn/a")!, userAgent: agent))
    }

    @Test func statusDecidesTheVerdict() {
        let ok = RobotsVerdict.answered(status: 200, body: Data("User-agent: *\nDisallow: /\n".utf8))
        #expect(!ok.policy.allows(URL(string: "http://x.cn/a")!, userAgent: agent))
        #expect(ok.lifetime == RobotsVerdict.normalLifetime)
        let missing = RobotsVerdict.answered(status: 404, body: Data())
        #expect(missing.policy == .allowAll)
        let broken = RobotsVerdict.answered(status: 503, body: Data())
        #expect(broken.policy == .disallowAll)
        #expect(broken.lifetime == RobotsVerdict.unreachableLifetime)
        #expect(broken.unreachableReason?.contains("503") == true)
        #expect(RobotsVerdict.answered(status: 429, body: Data()).policy == .disallowAll)
    }

    @Test func hostileInputStaysFast() {
        let pattern = String(repeating: "*a", count: 200)
        let text = "User-agent: *\nDisallow: /\(pattern)b\n"
        let path = "/" + String(repeating: "a", count: 2_000)
        #expect(allows(text, path))
    }
}
