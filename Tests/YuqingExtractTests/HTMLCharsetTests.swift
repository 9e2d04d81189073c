import Foundation
import Testing
import YuqingCore
import YuqingExtract

@Suite("HTML charsets")
struct HTMLCharsetTests {
    let articles = ArticleExtractor()
    let url = URL(string: "http://www.example.cn/zwgk/index.html")!

    @Test("meta after <title> and past the first kilobyte, gb2312 label with GBK-only characters")
    func metaLateGBK() throws {
        let data = try Fixture.data("gov-list-gb2312.html")
        let decision = CharsetSniffer.decideHTML(data)
        #expect(decision == .init(encoding: "GB18030", origin: .metaTag, label: "gb2312"))
        let extractor = try ListPageExtractor(selectors: ListSelectors(item: "ul.list li"))
        let page = try extractor.extract(data, url: url)
        #expect(page.title == "政府信息公开_江临市人民政府")
        // 镕, 喆 and 堃 are outside GB2312: decoded as GB18030 nothing is cut off.
        #expect(page.entries.map(\.title) == [
            "关于王镕故居修缮工程竣工验收情况的公示",
            "江临市2026年冬季供暖保障工作方案",
            "市人社局关于王喆等同志职务任免的通知",
            "李堃委员调研城区河道治理工作",
        ])
    }

    @Test("a charset only in the HTTP header")
    func headerOnly() throws {
        let data = try Fixture.data("article-gbk-header-only.html")
        #expect(CharsetSniffer.decideHTML(data, httpCharset: "text/html; charset=GBK")
            == .init(encoding: "GB18030", origin: .httpHeader, label: "GBK"))
        let article = try articles.extract(data, url: url, httpCharset: "text/html; charset=GBK")
        #expect(article.title == "镕喆堃三位市民获评“最美志愿者”")
        #expect(article.text.hasPrefix("本报讯（记者 王堃）11月20日"))
        // Without the header, the bytes are sniffed as GB18030 too.
        #expect(CharsetSniffer.decideHTML(data) == .init(encoding: "GB18030", origin: .sniffed))
        #expect(try articles.extract(data, url: url).title == "镕喆堃三位市民获评“最美志愿者”")
    }

    @Test("UTF-8 bytes labelled gb2312 are read as UTF-8")
    func utf8LabelledGB2312() throws {
        let data = try Fixture.data("utf8-labelled-gb2312.html")
        #expect(CharsetSniffer.decideHTML(data) == .init(encoding: "UTF-8", origin: .sniffed, label: "gb2312"))
        // The same holds when the HTTP header repeats the wrong label.
        #expect(CharsetSniffer.decideHTML(data, httpCharset: "gb2312").encoding == "UTF-8")
        let article = try articles.extract(data, url: url)
        #expect(article.title == "网站改版后仍标注 gb2312 的页面")
        #expect(article.text == "这个页面实际上是 UTF-8 编码，但模板里的 meta 仍然写着 gb2312，镕喆堃也能正确显示。")
    }

    @Test("a UTF-8 header on GBK bytes is skipped in favour of the page's meta")
    func wrongUTF8Header() throws {
        let data = try Fixture.data("gov-list-gb2312.html")
        #expect(CharsetSniffer.decideHTML(data, httpCharset: "text/html; charset=utf-8")
            == .init(encoding: "GB18030", origin: .metaTag, label: "gb2312"))
    }

    @Test("Big5 without any declaration")
    func big5Undeclared() throws {
        let data = try Fixture.data("big5-undeclared.html")
        #expect(CharsetSniffer.decideHTML(data) == .init(encoding: "BIG5-HKSCS", origin: .sniffed))
        let article = try articles.extract(data, url: url)
        #expect(article.title == "臺北市政府公布年度施政報告")
        #expect(article.text.hasPrefix("臺北市政府今天發布年度施政報告"))
        #expect(article.text.hasSuffix("讓這個城市更安全。"))
    }

    @Test("Big5-HKSCS (Cantonese characters) without any declaration")
    func hkscsUndeclared() throws {
        let data = try Fixture.data("big5hkscs-undeclared.html")
        #expect(CharsetSniffer.decideHTML(data).encoding == "BIG5-HKSCS")
        let article = try articles.extract(data, url: url)
        #expect(article.text.hasPrefix("啱啱睇完新聞，呢個政策真係幾好嘅"))
        #expect(article.text.contains("冇乜共識"))
    }

    @Test("a BOM beats the meta")
    func bomBeatsMeta() throws {
        let data = try Fixture.data("bom-beats-meta.html")
        #expect(CharsetSniffer.decideHTML(data)
            == .init(encoding: "UTF-8", origin: .byteOrderMark, label: "UTF-8", byteOrderMarkLength: 3))
        let article = try articles.extract(data, url: url)
        #expect(article.text == "字节顺序标记优先于 meta 声明。")
    }

    @Test("the source's override beats everything")
    func overrideWins() throws {
        let data = try Fixture.data("big5-undeclared.html")
        #expect(CharsetSniffer.decideHTML(data, httpCharset: "utf-8", override: "big5").origin == .override)
        let decision = CharsetSniffer.decideHTML(Data("<meta charset=utf-8><p>abc</p>".utf8), override: "gbk")
        #expect(decision == .init(encoding: "GB18030", origin: .override, label: "gbk"))
    }

    @Test("meta forms", arguments: [
        (#"<html><head><title>x</title><meta charset="GBK"></head>"#, "GBK"),
        (#"<head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=big5'>"#, "big5"),
        (#"<head><meta content="text/html;charset=gb2312" http-equiv="content-type"/>"#, "gb2312"),
        (#"<head><meta charset=gb18030>"#, "gb18030"),
        (#"<head><!-- <meta charset="big5"> --><meta charset="gbk">"#, "gbk"),
        (#"<head></head><body><meta charset="gbk">"#, nil),
        (#"<head><meta name="keywords" content="charset=gbk">"#, nil),
    ] as [(String, String?)])
    func metaForms(_ html: String, _ label: String?) {
        #expect(CharsetSniffer.decideHTML(Data(html.utf8)).label == label)
    }

    @Test("plain ASCII with nothing declared is UTF-8")
    func asciiDefault() {
        #expect(CharsetSniffer.decideHTML(Data("<p>hello</p>".utf8)) == .init(encoding: "UTF-8", origin: .none))
    }

    @Test("a wrong override decodes what it can and never fails loudly")
    func wrongOverride() throws {
        let data = try Fixture.data("article-gbk-header-only.html")
        // GBK bytes read as UTF-8: conversion errors stay inside libxml2 (nothing on stderr).
        let result = Result { try articles.extract(data, url: url, encodingOverride: "utf-8") }
        switch result {
        case .success(let article): #expect(!article.text.contains("镕喆堃"))
        case .failure(let error): #expect(error is ExtractError)
        }
    }
}
