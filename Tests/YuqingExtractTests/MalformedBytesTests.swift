import Foundation
import Testing
import YuqingCore
import YuqingExtract

/// Bytes that are not what their label says: invalid GBK sequences, an image served as HTML.
@Suite struct MalformedBytesTests {
    let url = URL(string: "https://www.example.gov.cn/news/1.html")!

    /// GB18030 bytes of `text`.
    func gbk(_ text: String) -> Data {
        text.data(using: String.Encoding(rawValue: 0x8000_0632))!
    }

    @Test func aGBKFeedWithInvalidBytesKeepsEveryItem() throws {
        var data = gbk("<?xml version=\"1.0\" encoding=\"gbk\"?><rss version=\"2.0\"><channel><title>江临</title>"
            + "<item><title>第一条：河道治理</title><link>https://www.example.gov.cn/1</link></item>"
            + "<item><title>第二条：")
        data.append(contentsOf: [0xFF, 0xFE, 0x81, 0x20])  // not GBK: 0xFF never starts a character
        data.append(gbk("坏字节之后</title><link>https://www.example.gov.cn/2</link></item>"
            + "<item><title>第三条：镕喆堃</title><link>https://www.example.gov.cn/3</link></item></channel></rss>"))
        let feed = try FeedParser().parse(data, url: url, httpCharset: "gbk")
        #expect(feed.entries.map(\.link?.absoluteString) == [
            "https://www.example.gov.cn/1", "https://www.example.gov.cn/2", "https://www.example.gov.cn/3",
        ])
        #expect(feed.entries.first?.title == "第一条：河道治理")
        #expect(feed.entries.last?.title == "第三条：镕喆堃")
        // The damaged title keeps the text on both sides of the bad bytes.
        let damaged = feed.entries[1].title
        #expect(damaged.hasPrefix("第二条：") && damaged.hasSuffix("坏字节之后"), "\(damaged)")
    }

    @Test func aGBKPageWithInvalidBytesKeepsTheTextAfterThem() throws {
        var data = gbk("<html><head><meta charset=\"gbk\"><title>江临市政府</title></head><body><div class=\"article\"><p>"
            + String(repeating: "江临市今日召开新闻发布会，介绍河道治理进展情况。", count: 6) + "</p><p>")
        data.append(contentsOf: [0xFF, 0x81, 0xFF])
        data.append(gbk(String(repeating: "发布会后，记者走访了沿河三个社区，居民反映水质明显改善。", count: 6) + "</p></div></body></html>"))
        let article = try ArticleExtractor().extract(data, url: url)
        #expect(article.text.contains("居民反映水质明显改善"), "text after the invalid bytes survives")
        #expect(article.text.contains("介绍河道治理进展情况"))
    }

    @Test func anImageServedAsHTMLIsAClearFailure() throws {
        // A PNG header and binary noise, as a misconfigured server sends with Content-Type text/html.
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
        var random = SplitMix64(seed: 7)
        png.append(contentsOf: (0 ..< 20_000).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        #expect(throws: ExtractError.self) { try ArticleExtractor().extract(png, url: url, httpCharset: "utf-8") }
        #expect(throws: ExtractError.self) { try FeedParser().parse(png, url: url) }
    }
}
