import Foundation
import Testing
import YuqingCore
import YuqingExtract

@Suite("List pages")
struct ListPageTests {
    /// 2026-11-23 12:00 Beijing time, for dates written without a year.
    let now = utc(2026, 11, 23, 4)

    @Test("government 信息公开 list: truncated titles, relative links, dates, TRS pagination")
    func govList() throws {
        let selectors = ListSelectors(item: "ul.list li", date: "span.date", maxPages: 5)
        let extractor = try ListPageExtractor(selectors: selectors)
        let url = URL(string: "http://www.jiangling.gov.cn/zwgk/xxgk/index.html")!
        let page = try extractor.extract(Fixture.data("gov-list-gb2312.html"), url: url, referenceDate: now)
        try #require(page.entries.count == 4)
        let first = page.entries[0]
        // The link text is cut short ("…验收..."); the title attribute has the whole title.
        #expect(first.title == "关于王镕故居修缮工程竣工验收情况的公示")
        #expect(first.link?.absoluteString == "http://www.jiangling.gov.cn/zwgk/xxgk/202611/t20261120_3456789.html")
        #expect(first.published == utc(2026, 11, 19, 16))  // 2026-11-20 00:00 Beijing time
        #expect(page.entries[3].link?.absoluteString == "http://www.jiangling.gov.cn/art/2026/11/17/art_1234_99.html")
        #expect(page.entries.map(\.published) == [19, 18, 17, 16].map { utc(2026, 11, $0, 16) })
        // No next-page link in the HTML: TRS's createPageHTML(5, 0, "index", "html") gives it.
        #expect(page.nextPage?.absoluteString == "http://www.jiangling.gov.cn/zwgk/xxgk/index_1.html")
    }

    @Test("without a date selector the first date in the item's text is used")
    func dateFromItemText() throws {
        let extractor = try ListPageExtractor(selectors: ListSelectors(item: "ul.list > li"))
        let page = try extractor.extract(Fixture.data("gov-list-gb2312.html"),
                                         url: URL(string: "http://www.jiangling.gov.cn/zwgk/")!)
        #expect(page.entries.first?.published == utc(2026, 11, 19, 16))
        // max_pages 1: pagination is not looked for.
        #expect(page.nextPage == nil)
    }

    @Test("portal column: <base href>, h3 links, dates in several spellings, next page link")
    func portalColumn() throws {
        let selectors = ListSelectors(item: "div.news-list > div.item", link: "h3 a", date: ".meta .time",
                                      nextPage: "div.pagination a.next", maxPages: 3)
        let extractor = try ListPageExtractor(selectors: selectors)
        let page = try extractor.extract(Fixture.data("portal-column.html"),
                                         url: URL(string: "https://www.jlnews.example.cn/local/index.html")!)
        #expect(page.title == "本地要闻_江临新闻网")
        #expect(page.entries.map(\.title) == [
            "江临地铁3号线全线贯通 明年6月试运营",
            "市场监管局：抽检冬季食品 合格率98.7%",
            "滨江区回应“小区停水”投诉：已完成管网抢修",
        ])  // the ad's javascript: link makes it no entry
        #expect(page.entries.map { $0.link?.absoluteString } == [
            "https://www.jlnews.example.cn/local/2026/11/20/c_1001.html",
            "https://www.jlnews.example.cn/local/2026/11/20/c_1002.html",
            "https://m.jlnews.example.cn/2026/11/19/c_0998.html",
        ])
        #expect(page.entries.map(\.published) == [utc(2026, 11, 20, 0, 15), utc(2026, 11, 19, 23, 30),
                                                  utc(2026, 11, 19, 13, 40)])
        #expect(page.nextPage?.absoluteString == "https://www.jlnews.example.cn/local/index_2.html")
    }

    @Test("the next page is found by its 下一页 text when no selector is given")
    func nextByText() throws {
        let extractor = try ListPageExtractor(selectors: ListSelectors(item: "div.item", link: "h3 a", maxPages: 2))
        let page = try extractor.extract(Fixture.data("portal-column.html"),
                                         url: URL(string: "https://www.jlnews.example.cn/local/")!)
        #expect(page.nextPage?.absoluteString == "https://www.jlnews.example.cn/local/index_2.html")
        #expect(page.entries.count == 3)
    }

    @Test("Discuz! thread list: normal threads only, xst titles, dates kept in title attributes")
    func discuzList() throws {
        let selectors = ListSelectors(item: "tbody[id^=normalthread_]", link: "a.s.xst", date: "td.by em",
                                      nextPage: "div.pg a.nxt", maxPages: 3)
        let extractor = try ListPageExtractor(selectors: selectors)
        let page = try extractor.extract(Fixture.data("discuz-list-gbk.html"),
                                         url: URL(string: "http://bbs.example.cn/forum-2-1.html")!, referenceDate: now)
        #expect(page.entries.map(\.title) == ["滨江小区停水三天了，物业一直不给说法", "请问喆园路什么时候能修好？"])
        #expect(page.entries.map { $0.link?.absoluteString } == [
            "http://bbs.example.cn/thread-2001-1-1.html", "http://bbs.example.cn/thread-2002-1-1.html",
        ])
        // "3 天前" is shown; the date is in the span's title.
        #expect(page.entries[0].published == utc(2026, 11, 19, 16))
        #expect(page.entries[1].published == utc(2026, 11, 19, 13, 7))
        #expect(page.nextPage?.absoluteString == "http://bbs.example.cn/forum-2-2.html")
    }

    @Test("Discuz! list with XPath selectors")
    func xpathSelectors() throws {
        let selectors = ListSelectors(item: "//tbody[starts-with(@id, 'normalthread_')]",
                                      link: ".//a[contains(@class, 'xst')]")
        let page = try ListPageExtractor(selectors: selectors)
            .extract(Fixture.data("discuz-list-gbk.html"), url: URL(string: "http://bbs.example.cn/forum-2-1.html")!)
        #expect(page.entries.count == 2)
    }

    @Test("an item selector that matches nothing names the selector, the URL and what to check")
    func noMatch() throws {
        let extractor = try ListPageExtractor(selectors: ListSelectors(item: "ul.news li"))
        let url = URL(string: "http://www.jiangling.gov.cn/zwgk/")!
        #expect(throws: ExtractError.selectorMatchedNothing(selector: "ul.news li", url: url)) {
            _ = try extractor.extract(Fixture.data("gov-list-gb2312.html"), url: url)
        }
        #expect(ExtractError.selectorMatchedNothing(selector: "ul.list li", url: url).description
            == "selector 'ul.list li' matched nothing on http://www.jiangling.gov.cn/zwgk/: check the page structure or the selector")
    }

    @Test("a broken selector is refused when the extractor is made")
    func brokenSelector() {
        #expect(throws: SelectorError.self) {
            _ = try ListPageExtractor(selectors: ListSelectors(item: "ul.list li", date: "span:hover"))
        }
    }

    @Test("a JSON body is not an HTML page")
    func jsonBody() throws {
        let extractor = try ListPageExtractor(selectors: ListSelectors(item: "li"))
        #expect {
            _ = try extractor.extract(Fixture.data("error.json"), url: URL(string: "http://x.example.cn/")!)
        } throws: { error in
            guard case ExtractError.notHTML(let reason) = error else { return false }
            return reason.contains("JSON")
        }
    }

    @Test("selectors decode from Sources.yml keys")
    func decoding() throws {
        let json = #"{"item": "ul.list li", "date": "span", "next_page": "a.next", "max_pages": 3}"#
        let selectors = try JSONDecoder().decode(ListSelectors.self, from: Data(json.utf8))
        #expect(selectors == ListSelectors(item: "ul.list li", date: "span", nextPage: "a.next", maxPages: 3))
        let minimal = try JSONDecoder().decode(ListSelectors.self, from: Data(#"{"item": "li"}"#.utf8))
        #expect(minimal.maxPages == 1)
    }
}

@Suite("Dates in text")
struct DateInTextTests {
    @Test("dates inside running text", arguments: [
        ("发布时间：2026-11-20 08:15", utc(2026, 11, 20, 0, 15)),
        ("来源：江临日报 2026年11月20日", utc(2026, 11, 19, 16)),
        ("[2026/11/20]", utc(2026, 11, 19, 16)),
        ("2026.11.20", utc(2026, 11, 19, 16)),
        ("发表于 2026-11-20 21:40:05", utc(2026, 11, 20, 13, 40, 5)),
        ("２０２６－１１－２０", utc(2026, 11, 19, 16)),
        ("2026年11月20日 08时15分", utc(2026, 11, 20, 0, 15)),
        // English pages (in the page's zone, Beijing time by default).
        ("Published November 20, 2026", utc(2026, 11, 19, 16)),
        ("By Jane Doe | Nov. 20, 2026 8:15 PM", utc(2026, 11, 20, 12, 15)),
        ("Updated: 20 Nov 2026, 08:15", utc(2026, 11, 20, 0, 15)),
        ("Posted on September 3rd, 2026 at 12:05 am", utc(2026, 9, 2, 16, 5)),
        ("20-Nov-2026", utc(2026, 11, 19, 16)),
        ("SEPT 1 2026", utc(2026, 8, 31, 16)),
    ])
    func found(_ text: String, _ expected: Date) {
        #expect(DateInText.find(in: text) == expected)
    }

    @Test("no date", arguments: [
        "热线 12345", "共 2026 条", "20261120123", "2026-13-40",
        // Runs of digits longer than Int can hold (fuzz-html crashed on these with an overflow).
        String(repeating: "9", count: 40), "2026-11-" + String(repeating: "8", count: 40),
        "2026年" + String(repeating: "7", count: 30) + "月1日",
        // Month words that are not dates, or dates without a year.
        "Mayday 20, 2026", "may 2026", "November 20", "Nov 200, 2026", "Decembers 3, 2026", "November 31, 2026",
        String(repeating: "November ", count: 2_000),
    ])
    func notFound(_ text: String) {
        #expect(DateInText.find(in: text) == nil)
    }

    @Test("month and day without a year take the reference date's year, or the one before")
    func monthDay() {
        let now = utc(2026, 1, 5)
        #expect(DateInText.find(in: "01-03", referenceDate: now) == utc(2026, 1, 2, 16))
        #expect(DateInText.find(in: "12-30", referenceDate: now) == utc(2025, 12, 29, 16))
        #expect(DateInText.find(in: "11月20日", referenceDate: now) == utc(2025, 11, 19, 16))
        #expect(DateInText.find(in: "12-30") == nil)
    }
}

@Suite("List pagination")
struct ListPaginationTests {
    let first = URL(string: "http://www.example.cn/list/index.html")!

    func page(_ next: String?) -> ListPage {
        ListPage(entries: [], nextPage: next.flatMap { URL(string: $0) })
    }

    @Test("follows next links up to max_pages")
    func maxPages() {
        var pagination = ListPagination(firstPage: first, maxPages: 3)
        #expect(pagination.next(after: page("http://www.example.cn/list/index_1.html"))?.lastPathComponent == "index_1.html")
        #expect(pagination.next(after: page("http://www.example.cn/list/index_2.html"))?.lastPathComponent == "index_2.html")
        #expect(pagination.next(after: page("http://www.example.cn/list/index_3.html")) == nil)
        #expect(pagination.pagesRead == 3)
    }

    @Test("stops on a repeated page or a missing link")
    func repeats() {
        var pagination = ListPagination(firstPage: first, maxPages: 10)
        #expect(pagination.next(after: page("http://www.example.cn/list/index.html#top")) == nil)
        var other = ListPagination(firstPage: first, maxPages: 10)
        #expect(other.next(after: page(nil)) == nil)
    }
}
