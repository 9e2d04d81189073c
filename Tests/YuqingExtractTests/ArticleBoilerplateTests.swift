import Foundation
import Testing
import YuqingCore
import YuqingExtract

/// Pages shaped like the ones the extraction benchmark (`Benchmarks/extraction`) got wrong.
@Suite("Article text: boilerplate and wrappers")
struct ArticleBoilerplateTests {
    let extractor = ArticleExtractor()
    let url = URL(string: "http://news.example.cn/2026/11/20/a1.html")!

    private func extract(_ body: String) throws -> Article {
        try extractor.extract(Data("<html><head><title>江临新闻</title></head><body>\(body)</body></html>".utf8), url: url)
    }

    @Test("boilerplate nested in boilerplate is dropped without touching freed nodes")
    func nestedBoilerplate() throws {
        // fuzz-html found the pruner reading a freed node's parent here (the input is replayed
        // from Fuzz/regressions/html/prune-nested-boilerplate-use-after-free.html); the text
        // must come out whole with every nested box gone.
        let article = try extract("""
            <div class="share"><nav><ul class="links"><li><script>var x = 1;</script>
            <div class="qrcode"><style>.a{}</style><span class="share">分享到</span></div></li></ul></nav></div>
            <div class="content"><p>江临市今年新建改建农村公路三百公里，全市行政村全部通上双车道硬化路。</p>
            <div class="related"><aside><p class="tags">相关阅读</p></aside></div></div>
            """)
        #expect(article.text == "江临市今年新建改建农村公路三百公里，全市行政村全部通上双车道硬化路。")
    }

    @Test("a page-wide wrapper whose class names navigation still yields the article")
    func wrapperWithNavigationClass() throws {
        let article = try extract("""
            <div id="outer" class="site-ltr site-int-nav"><div class="g-group">
            <div class="story-columns"><p>江临市今年新建改建农村公路三百公里，全市行政村全部通上双车道硬化路。</p>
            <p>市交通运输局表示，明年将继续推进农村公路提档升级，重点解决断头路问题。</p></div>
            </div></div>
            """)
        #expect(article.text == """
            江临市今年新建改建农村公路三百公里，全市行政村全部通上双车道硬化路。
            市交通运输局表示，明年将继续推进农村公路提档升级，重点解决断头路问题。
            """)
    }

    @Test("a short article beats a longer teaser card whose text sits inside a link")
    func teaserCardInsideLink() throws {
        let article = try extract("""
            <div class="left"><div class="art"><p>江临站今日起调整部分列车运行时刻，旅客出行前请留意车站公告。</p></div></div>
            <div class="right"><ul class="live"><li><a href="/live/1"><div class="tw-text"><div class="item">
            午间快评：指数高开低走，板块红盘居多，表现强势的是边缘计算、数字孪生、超清视频、物联网等，绿盘的是猪肉、港口；\
            个股涨多跌少，涨停集中在科技股，技术上看，超跌反弹依旧是主力，此外就是趋势股，中期主线继续关注，操作上不追高就好。
            </div></div></a></li></ul></div>
            """)
        #expect(article.text == "江临站今日起调整部分列车运行时刻，旅客出行前请留意车站公告。")
    }

    @Test("a disclaimer box is not the article, even when it is longer")
    func disclaimerDropped() throws {
        let article = try extract("""
            <div class="art_box"><p>据江临日报消息，江临化工新厂区今日通过环保验收，预计下月投产。</p></div>
            <div class="statement"><p>【免责声明】本文仅代表作者本人观点，与本网无关。本网对文中陈述、观点判断保持中立，\
            不对所包含内容的准确性、可靠性或完整性提供任何明示或暗示的保证，请读者仅作参考，并自行承担全部责任。</p></div>
            """)
        #expect(article.text == "据江临日报消息，江临化工新厂区今日通过环保验收，预计下月投产。")
    }
}
