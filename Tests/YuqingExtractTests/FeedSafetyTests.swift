import Foundation
import Testing
import YuqingCore
import YuqingExtract

@Suite("FeedParser on hostile and wrong input")
struct FeedSafetyTests {
    let parser = FeedParser()
    let url = URL(string: "https://feeds.example.cn/feed.xml")!

    /// Every text a parse produced, for "this must not appear anywhere" checks.
    private func allText(_ feed: ExtractedFeed) -> [String] {
        [feed.title ?? ""] + feed.entries.flatMap {
            [$0.title, $0.summary, $0.guid ?? "", $0.author ?? "", $0.link?.absoluteString ?? ""]
        }
    }

    @Test("billion laughs finishes quickly and expands nothing without bound")
    func billionLaughs() throws {
        let data = try Fixture.data("billion-laughs.xml")
        let clock = ContinuousClock()
        var outcome: Result<ExtractedFeed, ExtractError>?
        let elapsed = clock.measure {
            outcome = Result { () throws(ExtractError) in try parser.parse(data, url: url) }
        }
        #expect(elapsed < .seconds(2))
        // libxml2 may stop at the entity loop or recover; either way nothing big comes out.
        if case .success(let feed) = outcome {
            #expect(allText(feed).allSatisfy { $0.utf8.count < 10_000 })
        }
    }

    @Test("external entities and DTDs are never read (XXE)")
    func externalEntities() throws {
        let secret = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let feed = try parser.parse(Fixture.data("xxe.xml"), url: url)
        #expect(feed.entries.first?.title == "beforeafter")
        #expect(feed.entries.first?.link?.absoluteString == "http://xxe.example.com/1")
        if !secret.isEmpty {
            #expect(allText(feed).allSatisfy { !$0.contains(secret) })
        }
    }

    @Test("an HTML login page is not a feed")
    func loginPage() throws {
        #expect(throws: ExtractError.notAFeed(rootElement: "html")) {
            try parser.parse(Fixture.data("login.html"), url: url)
        }
        let message = ExtractError.notAFeed(rootElement: "html").description
        #expect(message.contains("not a feed: root element <html>"))
    }

    @Test("an HTML page too broken for the XML parser is still reported as HTML")
    func brokenHTML() {
        let html = "<!DOCTYPE html>\n<p>Service unavailable<br>"
        #expect(throws: ExtractError.notAFeed(rootElement: "html")) {
            try parser.parse(Data(html.utf8), url: url)
        }
    }

    @Test("other XML is not a feed either, and says what it is")
    func otherXML() {
        let xml = #"<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>"#
        #expect(throws: ExtractError.notAFeed(rootElement: "Error")) {
            try parser.parse(Data(xml.utf8), url: url)
        }
    }

    @Test("a JSON error body is not XML")
    func jsonBody() throws {
        let data = try Fixture.data("error.json")
        #expect {
            try parser.parse(data, url: url)
        } throws: { error in
            guard case ExtractError.notXML(let reason) = error else { return false }
            return reason.contains("JSON") && reason.contains("access denied")
        }
    }

    @Test("plain text is not XML")
    func plainText() {
        #expect {
            try parser.parse(Data("Service Temporarily Unavailable".utf8), url: url)
        } throws: { error in
            guard case ExtractError.notXML(let reason) = error else { return false }
            return reason.contains("Service Temporarily Unavailable")
        }
    }

    @Test("an empty or blank body", arguments: ["", "   \n\t ", "\u{FEFF}"])
    func emptyBody(_ body: String) {
        #expect(throws: ExtractError.empty) {
            try parser.parse(Data(body.utf8), url: url)
        }
    }

    @Test("a truncated feed keeps the complete items")
    func truncated() throws {
        let feed = try parser.parse(Fixture.data("truncated.xml"), url: url)
        #expect(feed.title == "截断的源")
        try #require(feed.entries.count >= 2)
        #expect(feed.entries[0].title == "完整的第一条")
        #expect(feed.entries[0].published == utc(2026, 11, 20, 8, 15, 30))
        #expect(feed.entries[1].link?.absoluteString == "http://cut.example.cn/2")
    }

    @Test("an unknown encoding label is reported with the label")
    func unsupportedEncoding() {
        let xml = #"<?xml version="1.0" encoding="x-no-such-charset"?><rss version="2.0"/>"#
        #expect(throws: ExtractError.unsupportedEncoding(label: "x-no-such-charset")) {
            try parser.parse(Data(xml.utf8), url: url)
        }
    }

    @Test("error messages say what was found and what to check")
    func messages() {
        #expect(ExtractError.empty.description.contains("empty body"))
        #expect(ExtractError.notXML(reason: "the body is JSON").description
            == "not XML: the body is JSON; check that the URL still points at a feed and not at a page or an API error")
        #expect(ExtractError.unsupportedEncoding(label: "x-foo").description.contains("encoding override"))
    }
}

@Suite("FeedParser under concurrency")
struct FeedConcurrencyTests {
    @Test("parses from many tasks at once with the same results")
    func concurrentParses() async throws {
        let data = try Fixture.data("rss2-chinese.xml")
        let url = URL(string: "https://news.example.cn/rss/yaowen.xml")!
        let expected = try FeedParser().parse(data, url: url)
        let results = await withTaskGroup(of: ExtractedFeed?.self) { group in
            for _ in 0..<32 {
                group.addTask { try? FeedParser().parse(data, url: url) }
            }
            return await group.reduce(into: [ExtractedFeed?]()) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == expected })
    }
}
