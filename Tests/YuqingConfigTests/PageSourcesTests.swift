import Foundation
import Testing
import YuqingConfig
import YuqingCore
import YuqingExtract

/// Sources.yml keys of `kind: list` and `kind: forum`: selectors, thread_selectors, max_pages,
/// fetch_articles; each mistake pinned to its line and column.
@Suite struct PageSourcesTests {
    static func load(_ text: String) throws(ConfigErrors) -> [Source] {
        try ConfigLoader.loadSources(text: text, selectorChecker: PageSelectorChecker())
    }

    static func issues(_ text: String) -> [ConfigIssue] {
        do {
            _ = try load(text)
            return []
        } catch {
            return error.issues
        }
    }

    @Test func listSourceWithEveryKey() throws {
        let sources = try Self.load("""
            sources:
              - id: gov-xxgk
                name: 江临市人民政府 · 信息公开
                kind: list
                url: https://www.example.gov.cn/xxgk/index.html
                selectors:
                  item: ul.list li
                  link: a
                  title: a
                  date: span.date
                  next_page: //div[@class='page']/a[text()='下一页']
                max_pages: 3
                fetch_articles: false
            """)
        let source = try #require(sources.only)
        #expect(source.kind == .list)
        #expect(source.listSelectors == ListSelectors(
            item: "ul.list li", link: "a", title: "a", date: "span.date",
            nextPage: "//div[@class='page']/a[text()='下一页']", maxPages: 3))
        #expect(source.fetchArticles == false)
    }

    @Test func listSourceDefaultsAndMaxPagesFromDefaults() throws {
        let sources = try Self.load("""
            defaults:
              max_pages: 2
            sources:
              - id: a
                kind: list
                url: https://a.example.cn/
                selectors: {item: "ul.list li"}
              - id: b
                url: https://b.example.cn/rss.xml
            """)
        #expect(sources[0].listSelectors == ListSelectors(item: "ul.list li", maxPages: 2))
        #expect(sources[0].fetchArticles)
        // defaults' max_pages does not make a feed wrong.
        #expect(sources[1].listSelectors == nil)
    }

    @Test func forumSourceTakesDiscuzDefaults() throws {
        let source = try #require(try Self.load("""
            sources:
              - id: bbs
                kind: forum
                url: https://bbs.example.cn/forum-2-1.html
                channel: 论坛
            """).only)
        #expect(source.forumListSelectors == .discuz)
        #expect(source.forumListSelectors.item == "tbody[id^=normalthread_]")
        #expect(source.threadSelectors == .discuz)
    }

    @Test func forumSourceWithItsOwnSelectors() throws {
        let source = try #require(try Self.load("""
            sources:
              - id: bbs
                kind: forum
                url: https://bbs.example.cn/list.php
                selectors:
                  item: table.threads tr.row
                  replies: td.replies
                  last_post: td.last
                thread_selectors:
                  post: div.post
                  body: div.content
                max_pages: 2
            """).only)
        #expect(source.forumListSelectors == ForumListSelectors(
            item: "table.threads tr.row", link: nil, date: nil, replies: "td.replies", lastPost: "td.last",
            nextPage: nil, maxPages: 2))
        #expect(source.threadSelectors == ForumSelectors(post: "div.post", body: "div.content"))
    }

    @Test func aBrokenCSSSelectorPointsAtItsNodeAndNamesThePosition() throws {
        let issue = try #require(Self.issues("""
            sources:
              - id: gov-xxgk
                kind: list
                url: https://www.example.gov.cn/xxgk/
                selectors:
                  item: ul.list li
                  date: span:hover
            """).only)
        #expect((issue.line, issue.column) == (7, 13))
        #expect(issue.message.hasPrefix("bad selector 'selectors.date' in source 'gov-xxgk': selector 'span:hover': "))
        #expect(issue.message.contains("at position 5"))
    }

    @Test func aBrokenXPathAndABrokenThreadSelectorAreBothReported() throws {
        let issues = Self.issues("""
            sources:
              - id: bbs
                kind: forum
                url: https://bbs.example.cn/
                selectors:
                  item: "//tbody[starts-with(@id, 'normalthread_')"
                thread_selectors:
                  body: td.t_f >
            """)
        try #require(issues.map { [$0.line, $0.column] } == [[6, 13], [8, 13]])
        #expect(issues[0].message.contains("is not a valid XPath 1.0 expression"))
        #expect(issues[1].message.hasPrefix("bad selector 'thread_selectors.body' in source 'bbs': selector 'td.t_f >'"))
        #expect(issues[1].message.contains("position"))
    }

    @Test func aListSourceNeedsSelectorsAndAnItem() throws {
        let issues = Self.issues("""
            sources:
              - id: a
                kind: list
                url: https://a.example.cn/
              - id: b
                kind: list
                url: https://b.example.cn/
                selectors:
                  date: span.date
            """)
        try #require(issues.map { [$0.line, $0.column] } == [[2, 5], [9, 7]])
        #expect(issues[0].message.hasPrefix("missing 'selectors' in source 'a': a kind: list source needs at least"))
        #expect(issues[1].message.hasPrefix("missing 'item' in 'selectors' in source 'b'"))
    }

    @Test func selectorsOnAFeedAreAnError() throws {
        let issues = Self.issues("""
            sources:
              - id: news
                url: https://a.example.cn/rss.xml
                selectors:
                  item: li
                fetch_articles: true
            """)
        try #require(issues.map { [$0.line, $0.column] } == [[4, 5], [6, 5]])
        #expect(issues[0].message
            == "selectors only apply to kind: list or kind: forum, and source 'news' is kind: feed; remove 'selectors' or set the kind")
        #expect(issues[1].message.hasPrefix("fetch_articles only applies to kind: list"))
    }

    @Test func unknownSelectorKeyAndBadMaxPages() throws {
        let issues = Self.issues("""
            sources:
              - id: a
                kind: list
                url: https://a.example.cn/
                selectors:
                  item: li
                  dates: span
                max_pages: 0
            """)
        try #require(issues.map { [$0.line, $0.column] } == [[7, 7], [8, 16]])
        #expect(issues[0].message == "unknown key 'dates' in 'selectors' in source 'a'; did you mean 'date'?")
        #expect(issues[1].message == "'max_pages' in source 'a' must be at least 1, found 0")
    }

    @Test func selectorsCannotBeSharedThroughDefaults() throws {
        let issue = try #require(Self.issues("""
            defaults:
              selectors: {item: li}
            sources: []
            """).only)
        #expect((issue.line, issue.column) == (2, 3))
        #expect(issue.message == "'selectors' cannot be set in 'defaults': each source needs its own")
    }
}
