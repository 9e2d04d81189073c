import Foundation
import Testing
import YuqingExtract

@Suite("Charsets")
struct CharsetTests {
    let parser = FeedParser()
    let url = URL(string: "http://news.example.cn/rss.xml")!

    @Test("label mapping", arguments: [
        ("gb2312", "GB18030"), ("GBK", "GB18030"), ("x-gbk", "GB18030"), ("cp936", "GB18030"),
        ("GB_2312-80", "GB18030"), ("gb18030", "GB18030"), ("\"gb2312\"", "GB18030"),
        ("big5", "BIG5-HKSCS"), ("Big5-HKSCS", "BIG5-HKSCS"),
        ("utf8", "UTF-8"), ("UTF-8", "UTF-8"), ("iso-8859-1", "WINDOWS-1252"), ("euc-jp", "EUC-JP"),
    ])
    func labels(_ label: String, _ expected: String) {
        #expect(CharsetSniffer.canonicalName(forLabel: label) == expected)
    }

    @Test("override beats BOM beats HTTP header beats declaration")
    func precedence() {
        let declared = Data(#"<?xml version="1.0" encoding="gb2312"?><rss/>"#.utf8)
        #expect(CharsetSniffer.decide(declared) == .init(encoding: "GB18030", origin: .xmlDeclaration, label: "gb2312"))
        #expect(CharsetSniffer.decide(declared, httpCharset: "text/xml; charset=UTF-8")
            == .init(encoding: "UTF-8", origin: .httpHeader, label: "UTF-8"))
        let withBOM = Data([0xEF, 0xBB, 0xBF]) + declared
        #expect(CharsetSniffer.decide(withBOM, httpCharset: "gbk")
            == .init(encoding: "UTF-8", origin: .byteOrderMark, label: "UTF-8", byteOrderMarkLength: 3))
        #expect(CharsetSniffer.decide(withBOM, httpCharset: "gbk", override: "big5")
            == .init(encoding: "BIG5-HKSCS", origin: .override, label: "big5", byteOrderMarkLength: 3))
        #expect(CharsetSniffer.decide(Data("<rss/>".utf8)) == .init(encoding: nil, origin: .none))
        #expect(CharsetSniffer.decide(Data("<rss>\u{6D4B}</rss>".utf8)).origin == .none)
    }

    @Test("undeclared bytes that are not UTF-8 are read as GB18030")
    func fallback() {
        let bytes = Data("<rss/>".utf8) + Data([0xD6, 0xD0, 0xCE, 0xC4])  // 中文 in GBK
        #expect(CharsetSniffer.decide(bytes) == .init(encoding: "GB18030", origin: .fallback))
    }

    @Test("charset from a header value", arguments: [
        ("text/xml; charset=gb2312", "gb2312"), ("application/rss+xml;charset=\"GBK\"", "GBK"),
        ("utf-8", "utf-8"), ("text/xml", nil),
    ] as [(String, String?)])
    func headerCharset(_ header: String, _ expected: String?) {
        #expect(CharsetSniffer.charsetLabel(fromHeader: header) == expected)
    }

    @Test("GBK bytes declared gb2312 decode completely (镕 喆 堃)")
    func gbkDeclaredGB2312() throws {
        let feed = try parser.parse(Fixture.data("gbk-declared-gb2312.xml"), url: url)
        #expect(feed.title == "地方新闻网")
        #expect(feed.entries.map(\.title) == ["王镕故居对外开放", "第二条：喆与堃"])
        #expect(feed.entries.first?.summary == "记者陶喆、王堃报道。")
        #expect(feed.entries.first?.link?.absoluteString == "http://news.example.cn/2026/11/20/zhu.html")
        #expect(feed.entries.first?.published == utc(2026, 11, 20, 0, 15, 30))
        #expect(feed.entries.last?.published == utc(2026, 11, 20, 1, 0))
    }

    @Test("UTF-8 bytes labelled gb2312 (in the declaration and the header) are read as UTF-8")
    func utf8MislabelledGB2312() throws {
        let xml = """
            <?xml version="1.0" encoding="gb2312"?>
            <rss version="2.0"><channel><title>江临论坛</title>
            <item><title>王镕故居对外开放，喆与堃</title><link>/t/1</link></item></channel></rss>
            """
        let data = Data(xml.utf8)
        #expect(CharsetSniffer.decide(data).encoding == "UTF-8")
        #expect(CharsetSniffer.decide(data, httpCharset: "text/xml; charset=gb2312").encoding == "UTF-8")
        let feed = try parser.parse(data, url: url, httpCharset: "gb2312")
        #expect(feed.entries.map(\.title) == ["王镕故居对外开放，喆与堃"])
        // Real GBK bytes with the same label still decode as GB18030.
        let gbk = try parser.parse(try Fixture.data("gbk-declared-gb2312.xml"), url: url)
        #expect(gbk.entries.first?.title == "王镕故居对外开放")
    }

    @Test("a charset only in the HTTP header is honoured")
    func headerOnly() throws {
        let data = try Fixture.data("gbk-header-only.xml")
        let feed = try parser.parse(data, url: url, httpCharset: "gbk")
        #expect(feed.entries.first?.title == "王镕故居对外开放")
        // Without the header the bytes are not UTF-8, so the GB18030 fallback reads them too.
        let sniffed = try parser.parse(data, url: url)
        #expect(sniffed.entries.first?.title == "王镕故居对外开放")
    }

    @Test("the source's override beats a wrong HTTP header")
    func overrideBeatsHeader() throws {
        let data = try Fixture.data("gbk-header-only.xml")
        let feed = try parser.parse(data, url: url, httpCharset: "utf-8", encodingOverride: "gbk")
        #expect(feed.entries.last?.title == "第二条：喆与堃")
    }

    @Test("an explicit encoding overrides the XML declaration inside libxml2")
    func explicitEncodingOverridesDeclaration() throws {
        // UTF-8 bytes that claim to be gb2312: the HTTP header is right, the declaration wrong.
        let xml = #"<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><item><title>镕喆堃</title></item></channel></rss>"#
        let feed = try parser.parse(Data(xml.utf8), url: url, httpCharset: "utf-8")
        #expect(feed.entries.first?.title == "镕喆堃")
    }

    @Test("UTF-8 feed with a BOM")
    func utf8BOM() throws {
        let xml = #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><item><title>带 BOM 的源</title></item></channel></rss>"#
        let feed = try parser.parse(Data([0xEF, 0xBB, 0xBF]) + Data(xml.utf8), url: url)
        #expect(feed.entries.first?.title == "带 BOM 的源")
    }

    @Test("UTF-16LE feed with a BOM")
    func utf16() throws {
        let feed = try parser.parse(Fixture.data("utf16le-bom.xml"), url: url)
        #expect(feed.title == "宽字节")
        #expect(feed.entries.first?.title == "UTF-16 条目")
    }

    @Test("Big5 declared big5 decodes (as Big5-HKSCS)")
    func big5() throws {
        let feed = try parser.parse(Fixture.data("big5.xml"), url: url)
        #expect(feed.title == "香港新聞")
        #expect(feed.entries.first?.title == "臺灣與香港的輿情報告")
        // 啱 and 嘅 exist only in the HKSCS extension: plain Big5 would lose them.
        #expect(feed.entries.first?.summary == "粵語：啱嘅")
    }
}
