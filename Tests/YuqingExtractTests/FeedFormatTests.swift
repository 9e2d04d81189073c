import Foundation
import Testing
import YuqingCore
import YuqingExtract

@Suite("FeedParser formats")
struct FeedFormatTests {
    let parser = FeedParser()

    @Test("RSS 2.0 Chinese news feed: CDATA, entities, relative links, HTML descriptions")
    func rss2Chinese() throws {
        let feed = try parser.parse(Fixture.data("rss2-chinese.xml"),
                                    url: URL(string: "https://news.example.cn/rss/yaowen.xml")!)
        #expect(feed.format == "rss2")
        #expect(feed.title == "示例日报 · 要闻")
        try #require(feed.entries.count == 5)

        let first = feed.entries[0]
        #expect(first.title == "市政府召开新闻发布会 通报“12345”热线办理情况")
        #expect(first.link?.absoluteString == "https://news.example.cn/2026/11/20/c_1001.htm")
        #expect(first.guid == "news-1001")
        #expect(first.published == utc(2026, 11, 20, 0, 15, 30))
        // Paragraphs survive as lines, &nbsp; and &hellip; are decoded, script is dropped;
        // description wins over content:encoded.
        #expect(first.summary == "11月20日上午，市政府新闻办召开发布会。\n热线共受理诉求 3.2万件…")
        #expect(first.author == "张三")

        let second = feed.entries[1]
        #expect(second.title == "水务集团回应 \"停水\" 投诉 & 整改")
        #expect(second.link?.absoluteString == "https://news.example.cn/rss/2026/11/20/c_1002.htm?from=rss&id=2")
        #expect(second.guid == nil)
        #expect(second.published == utc(2026, 11, 20, 2, 5))  // CST is +08:00
        #expect(second.summary == "第一段\n第二行\n第二段 — 完")
        #expect(second.author == "李四")

        let third = feed.entries[2]
        #expect(third.title == "多余的 空白 与 换行")
        // No <link>: the permalink guid stands in.
        #expect(third.link?.absoluteString == "https://news.example.cn/2026/11/20/c_1003.htm")
        #expect(third.guid == "https://news.example.cn/2026/11/20/c_1003.htm")
        #expect(third.published == utc(2026, 11, 20, 4, 0))
        #expect(third.summary == "纯文本摘要，没有标签。")
        #expect(third.author == nil)

        let fourth = feed.entries[3]
        #expect(fourth.title == "只有正文没有标题的微博条目，第一行用作标题")
        #expect(fourth.summary == "只有正文没有标题的微博条目，第一行用作标题\n第二段")
        #expect(fourth.published == utc(2026, 11, 20, 4, 0))

        let fifth = feed.entries[4]
        #expect(fifth.title == "坏日期与坏链接")
        #expect(fifth.link == nil)
        #expect(fifth.published == nil)
        #expect(fifth.summary == "")
    }

    @Test("Atom 1.0: xml:base, relative links, html/xhtml/text constructs, inherited author")
    func atom1() throws {
        let feed = try parser.parse(Fixture.data("atom1.xml"), url: URL(string: "https://feeds.example.org/zh.xml")!)
        #expect(feed.format == "atom1")
        #expect(feed.title == "舆情观察 & 评论")
        try #require(feed.entries.count == 3)

        let first = feed.entries[0]
        #expect(first.title == "网民热议 “限行”")
        #expect(first.link?.absoluteString == "https://blog.example.org/zh/posts/2026/11/traffic.html")
        #expect(first.guid == "tag:blog.example.org,2026:post-1")
        #expect(first.published == utc(2026, 11, 20, 0, 15, 30, 0.25))  // published beats updated
        #expect(first.summary == "第一段。\n第二段。")  // summary beats content
        #expect(first.author == "王五")

        let second = feed.entries[1]
        #expect(second.title == "纯文本标题 <不是标签>")  // type="text" is not HTML
        #expect(second.link?.absoluteString == "https://blog.example.org/other/item-2")
        #expect(second.published == utc(2026, 11, 20))
        #expect(second.summary == "段落一\n段落二")
        #expect(second.author == "编辑部")  // from the feed

        let third = feed.entries[2]
        #expect(third.link?.absoluteString == "https://blog.example.org/zh/en/three.html")
        #expect(third.published == utc(2026, 11, 20, 4, 59, 59))
        #expect(third.summary == "纯文本 摘要")
    }

    @Test("RSS 1.0 (RDF): namespaced items, rdf:about as guid, dc:date")
    func rdf() throws {
        let feed = try parser.parse(Fixture.data("rdf.xml"), url: URL(string: "http://forum.example.cn/rss.rdf")!)
        #expect(feed.format == "rdf")
        #expect(feed.title == "示例论坛 最新帖子")
        try #require(feed.entries.count == 2)
        #expect(feed.entries[0].title == "关于小区物业的投诉")
        #expect(feed.entries[0].link?.absoluteString == "http://forum.example.cn/t/1")
        #expect(feed.entries[0].guid == "http://forum.example.cn/t/1")
        #expect(feed.entries[0].summary == "物业费上涨 30%")
        #expect(feed.entries[0].author == "业主甲")
        #expect(feed.entries[0].published == utc(2026, 11, 20, 0, 15, 30))
        #expect(feed.entries[1].link?.absoluteString == "http://forum.example.cn/t/2")
        #expect(feed.entries[1].guid == "http://forum.example.cn/t/2")
        #expect(feed.entries[1].published == utc(2026, 11, 19, 16))
    }

    @Test("Atom 0.3: issued/modified, escaped and base64 content")
    func atom03() throws {
        let feed = try parser.parse(Fixture.data("atom03.xml"), url: URL(string: "http://old.example.cn/atom.xml")!)
        #expect(feed.format == "atom03")
        #expect(feed.title == "旧式 Atom 0.3 源")
        try #require(feed.entries.count == 2)
        #expect(feed.entries[0].title == "Atom 0.3 条目")
        #expect(feed.entries[0].link?.absoluteString == "http://old.example.cn/2026/11/20/1.html")
        #expect(feed.entries[0].guid == "tag:old.example.cn,2026:1")
        #expect(feed.entries[0].published == utc(2026, 11, 20, 8, 15, 30))  // issued beats modified
        #expect(feed.entries[0].summary == "转义的 HTML 摘要")
        #expect(feed.entries[0].author == "老站长")
        #expect(feed.entries[1].link?.absoluteString == "http://old.example.cn/2026/11/20/2.html")
        #expect(feed.entries[1].published == utc(2026, 11, 20, 1, 2, 3))
        #expect(feed.entries[1].summary == "Base64 编码的正文")
    }

    @Test("RSS 0.91 declared ISO-8859-1")
    func rss091() throws {
        let feed = try parser.parse(Fixture.data("rss091.xml"), url: URL(string: "http://wire.example.com/rss")!)
        #expect(feed.format == "rss09x")
        #expect(feed.title == "Old Wire")
        #expect(feed.entries.map(\.title) == ["Café opens"])
        #expect(feed.entries.first?.link?.absoluteString == "http://wire.example.com/cafe")
        #expect(feed.entries.first?.published == nil)
    }

    @Test("a minimal feed with missing fields does not crash")
    func missingFields() throws {
        let xml = #"<rss version="2.0"><channel><item/><item><title/></item></channel></rss>"#
        let feed = try parser.parse(Data(xml.utf8), url: URL(string: "http://x.example.cn/")!)
        #expect(feed.title == nil)
        #expect(feed.entries == [FeedEntry(title: ""), FeedEntry(title: "")])
    }

    @Test("the default zone for zoneless dates is configurable")
    func defaultZone() throws {
        let xml = #"<rss version="2.0"><channel><item><title>t</title><pubDate>2026-11-20 08:15</pubDate></item></channel></rss>"#
        let inUTC = FeedParser(defaultTimeZone: TimeZone(identifier: "UTC")!)
        let feed = try inUTC.parse(Data(xml.utf8), url: URL(string: "http://x.example.cn/")!)
        #expect(feed.entries.first?.published == utc(2026, 11, 20, 8, 15))
    }

    @Test("control characters CMSs leave in titles are dropped, not fatal")
    func controlCharacters() throws {
        let xml = "<rss version=\"2.0\"><channel><item><title>标题\u{0B}含\u{08}控制符</title></item><item><title>第二条</title></item></channel></rss>"
        let feed = try parser.parse(Data(xml.utf8), url: URL(string: "http://x.example.cn/")!)
        #expect(feed.entries.map(\.title) == ["标题含控制符", "第二条"])
    }

    @Test("undeclared HTML entities in sloppy XML are decoded")
    func undeclaredEntities() throws {
        let xml = "<rss version=\"2.0\"><channel><item><title>甲&nbsp;乙&mdash;丙</title></item></channel></rss>"
        let feed = try parser.parse(Data(xml.utf8), url: URL(string: "http://x.example.cn/")!)
        #expect(feed.entries.first?.title == "甲 乙—丙")
    }

    @Test("a document's own internal entities expand one level")
    func internalEntities() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [ <!ENTITY site "示例网"> <!ENTITY nested "&site;&site;"> ]>
            <rss version="2.0"><channel><title>&site;</title>
            <item><title>来自&site;的消息</title><description>x&nested;y</description></item>
            </channel></rss>
            """
        let feed = try parser.parse(Data(xml.utf8), url: URL(string: "http://x.example.cn/")!)
        #expect(feed.title == "示例网")
        #expect(feed.entries.first?.title == "来自示例网的消息")
        // A reference inside an entity is not followed: that is how entity bombs grow.
        #expect(feed.entries.first?.summary == "xy")
    }

    @Test("entity repair leaves CDATA alone: Atom plain text keeps a literal &nbsp;")
    func cdataUntouched() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="text"><![CDATA[a &nbsp; b]]></title>
            <summary>c&nbsp;d</summary></entry></feed>
            """
        let feed = try parser.parse(Data(xml.utf8), url: URL(string: "http://x.example.cn/")!)
        #expect(feed.entries.first?.title == "a &nbsp; b")
        #expect(feed.entries.first?.summary == "c d")
    }
}
