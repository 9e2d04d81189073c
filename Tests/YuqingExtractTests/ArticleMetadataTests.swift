import Foundation
import Testing
import YuqingCore
import YuqingExtract

/// Publication time and author from schema.org JSON-LD, meta tags and English bylines, and
/// what hostile or broken metadata must not do (fail the page, or take long).
@Suite("Article metadata")
struct ArticleMetadataTests {
    let extractor = ArticleExtractor()
    let url = URL(string: "https://www.jlrb.example.cn/city/2026/11/20/a7.html")!

    /// A news page with `head` extra markup and a body long enough to be the article.
    func page(head: String, byline: String = "") -> Data {
        Data("""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>江临化工园区整改通报_江临日报</title>\(head)</head>
            <body><nav><a href="/">首页</a> <a href="/city">城市</a></nav>
            <article><h1>江临化工园区整改通报</h1>\(byline)
            <p>11月19日，江临市生态环境局通报了对某化工厂的检查结果，责令其限期整改废水排放问题。</p>
            <p>通报称，该厂夜间排放的废水化学需氧量超标，周边村民此前多次向12345热线反映河道异味。</p>
            <p>市生态环境局表示，将在整改期满后组织复查，并向社会公开复查结果，欢迎群众继续监督。</p>
            </article><footer>版权所有 江临日报社</footer></body></html>
            """.utf8)
    }

    @Test("JSON-LD NewsArticle in an @graph: datePublished and every author, ahead of a vaguer meta date")
    func linkedDataGraph() throws {
        let article = try extractor.extract(page(head: """
            <meta name="date" content="2026-11-01">
            <script type="application/ld+json">
            {"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "@id": "https://www.jlrb.example.cn/#site", "name": "江临日报"},
              {"@type": ["NewsArticle"], "headline": "江临化工园区整改通报",
               "datePublished": "2026-11-20T09:30:00+08:00", "dateModified": "2026-11-21T10:00:00+08:00",
               "author": [{"@type": "Person", "name": "张三"}, {"@type": "Person", "name": " 李四 "}, "张三"]}
            ]}
            </script>
            """), url: url)
        #expect(article.published == utc(2026, 11, 20, 1, 30))
        #expect(article.author == "张三, 李四")
        #expect(article.text.hasPrefix("11月19日，江临市生态环境局通报"))
    }

    @Test("an English news page: JSON-LD @graph with an @id author, a breadcrumb script first, a raw line break in a string")
    func englishNewsFixture() throws {
        let url = URL(string: "https://en.jlrb.example.cn/city/2026/11/20/plant.html")!
        let article = try extractor.extract(Fixture.data("article-jsonld.html"), url: url)
        #expect(article.title == "Jiangling chemical plant ordered to stop night-time discharges")
        #expect(article.published == utc(2026, 11, 20, 10, 45))
        #expect(article.author == "Li Na, Wang Wei")
        #expect(article.source == "Jiangling Daily")
        #expect(article.text.hasPrefix("The Jiangling environment bureau on Friday ordered"))
        #expect(article.text.hasSuffix("inspects its treatment equipment."))
        for noise in ["Related", "River clean-up", "All rights reserved", "Business"] {
            #expect(!article.text.contains(noise), "\(noise) leaked into the text")
        }
    }

    @Test("JSON-LD author as an @id reference (as WordPress SEO plugins write it), type names in any case")
    func linkedDataReference() throws {
        let article = try extractor.extract(page(head: """
            <script type="application/ld+json">[
              {"@type": "Person", "@id": "https://blog.example.com/#/person/1", "name": "Jane Doe"},
              {"@type": "blogposting", "datePublished": "November 20, 2026",
               "author": {"@id": "https://blog.example.com/#/person/1"}}
            ]</script>
            """), url: url)
        #expect(article.published == utc(2026, 11, 19, 16))
        #expect(article.author == "Jane Doe")
    }

    @Test("CMS JSON-LD with raw line breaks inside a string still reads")
    func linkedDataWithRawNewlines() throws {
        let article = try extractor.extract(page(head: """
            <script type="application/ld+json">
            {"@context": "http://schema.org", "@type": "Article", "description": "第一行
            第二行", "datePublished": "2026-11-20 09:30", "author": {"@type": "Organization", "name": "江临日报社"}}
            </script>
            """), url: url)
        #expect(article.published == utc(2026, 11, 20, 1, 30))
        #expect(article.author == "江临日报社")
    }

    @Test("broken, hostile or irrelevant JSON-LD is ignored and the metas are used", arguments: [
        #"{"@type": "NewsArticle", "datePublished": "#,
        #"{"@type": "NewsArticle", "datePublished": 20261120, "author": {"name": 42}}"#,
        #"{"@type": "Product", "datePublished": "2020-01-01", "author": "某商家"}"#,
        #"{"@type": "NewsArticle", "datePublished": "yesterday", "author": "https://www.example.cn/u/1"}"#,
        String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
        String(repeating: #"{"a":"#, count: 60) + "1" + String(repeating: "}", count: 60),
        #"{"@type": "NewsArticle", "description": ""# + String(repeating: "长", count: 100_000) + #"", "datePublished": "2020-01-01"}"#,
        "<!-- not json -->", "",
    ])
    func badLinkedData(_ script: String) throws {
        let started = ContinuousClock.now
        let article = try extractor.extract(page(head: """
            <meta property="article:published_time" content="2026-11-20T09:30:00+08:00">
            <meta name="author" content="王五">
            <script type="application/ld+json">\(script)</script>
            """), url: url)
        #expect(article.published == utc(2026, 11, 20, 1, 30))
        #expect(article.author == "王五")
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test("meta tags", arguments: [
        (#"<meta name="publishdate" content="2026-11-20">"#, utc(2026, 11, 19, 16)),
        (#"<meta name="pubdate" content="2026-11-20 09:30:00">"#, utc(2026, 11, 20, 1, 30)),
        (#"<meta property="og:published_time" content="2026-11-20T01:30:00Z">"#, utc(2026, 11, 20, 1, 30)),
        (#"<meta name="parsely-pub-date" content="2026-11-20T01:30:00Z">"#, utc(2026, 11, 20, 1, 30)),
        (#"<META NAME="PubDate" CONTENT="Fri, 20 Nov 2026 09:30:00 +0800">"#, utc(2026, 11, 20, 1, 30)),
        // Parse.ly's page object, single-quoted because its JSON holds double quotes.
        (#"<meta name='parsely-page' content='{"title": "Plant fined", "pub_date": "2026-11-20T01:30:00Z", "author": "Desk"}'>"#,
         utc(2026, 11, 20, 1, 30)),
    ])
    func metaDates(_ meta: String, _ expected: Date) throws {
        #expect(try extractor.extract(page(head: meta), url: url).published == expected)
    }

    @Test("an English byline and <time pubdate> without datetime give the date; byl gives the author")
    func englishByline() throws {
        let byline = try extractor.extract(page(head: #"<meta name="byl" content="By Jane Doe">"#,
                                                byline: "<p class=\"meta\">By Jane Doe | Published Nov. 20, 2026 8:15 PM</p>"),
                                           url: url)
        #expect(byline.published == utc(2026, 11, 20, 12, 15))
        #expect(byline.author == "Jane Doe")

        let time = try extractor.extract(page(head: "", byline: "<p><time pubdate>20 November 2026</time></p>"), url: url)
        #expect(time.published == utc(2026, 11, 19, 16))
    }

    @Test("a page that prints the headline twice (desktop and mobile headers) has its date under the second copy")
    func bylineUnderTheSecondHeadline() throws {
        let html = """
            <html><head><meta charset="utf-8"><title>江临化工园区整改通报-江临日报</title></head><body>
            <div class="pc-header"><h1>江临化工园区整改通报</h1><div>字体：</div><div>小</div><div>中</div><div>大</div>
            <div>分享到：</div><div>微信</div><div>微博</div><div>客户端</div></div>
            <div class="m-header"><h1>江临化工园区整改通报</h1><div class="info">2026-11-20 09:30:15</div></div>
            <div class="content">
            <p>11月19日，江临市生态环境局通报了对某化工厂的检查结果，责令其限期整改废水排放问题。</p>
            <p>通报称，该厂夜间排放的废水化学需氧量超标，周边村民此前多次向12345热线反映河道异味。</p>
            </div></body></html>
            """
        let article = try extractor.extract(Data(html.utf8), url: url)
        #expect(article.published == utc(2026, 11, 20, 1, 30, 15))
    }

    @Test("an element named for the publication time gives the date when nothing else does; other dates do not")
    func namedPublicationTimeElement() throws {
        // The named element is far below the headline (no byline window reaches it), and a
        // sidebar line with another date comes first in the page.
        let paragraphs = (1 ... 7).map { "<p>第\($0)段：江临市生态环境局通报了对某化工厂的检查结果，责令其限期整改废水排放问题，周边村民多次反映。</p>" }
        func html(_ tail: String) -> Data {
            Data("""
                <html><head><meta charset="utf-8"><title>江临化工园区整改通报_江临日报</title></head><body>
                <aside><span class="views">2026-10-01 阅读 300</span></aside>
                <article><h1>江临化工园区整改通报</h1>\(paragraphs.joined())\(tail)</article></body></html>
                """.utf8)
        }
        #expect(try extractor.extract(html(""), url: url).published == nil, "the sidebar date is not taken for the article's")
        let article = try extractor.extract(html("<dl><dd class=\"cmnc-publish\">2026/11/20 9:30</dd></dl>"), url: url)
        #expect(article.published == utc(2026, 11, 20, 1, 30))
    }
}
