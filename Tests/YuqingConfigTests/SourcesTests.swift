import Foundation
import Testing
import YuqingConfig
import YuqingCore

/// Sources.yml: values, defaults, and one test per kind of mistake, each pinned to its line and column.
@Suite struct SourcesTests {
    // MARK: Values

    @Test func fullSourceIsRead() throws {
        let sources = try ConfigLoader.loadSources(text: """
            sources:
              - id: gov-news
                name: 某市人民政府 · 要闻
                kind: list
                url: https://www.example.gov.cn/rss.xml
                channel: forum
                region: 某市
                tags: [政府, 要闻]
                interval: 1h30m
                encoding: gbk
                headers: {Referer: "https://www.example.gov.cn/"}
                enabled: false
                selectors: {item: ul.list li}
            """)
        #expect(sources == [
            Source(
                id: "gov-news", name: "某市人民政府 · 要闻", kind: .list,
                url: URL(string: "https://www.example.gov.cn/rss.xml")!, channel: .forum, region: "某市",
                tags: ["政府", "要闻"], interval: .seconds(5_400), encoding: "gbk",
                headers: ["Referer": "https://www.example.gov.cn/"], enabled: false,
                listSelectors: ListSelectors(item: "ul.list li")
            ),
        ])
    }

    @Test func minimalSourceGetsBuiltInDefaults() throws {
        let crawl = CrawlSettings(defaultInterval: .seconds(900))
        let sources = try ConfigLoader.loadSources(text: TestSupport.oneSource, defaults: crawl)
        let source = try #require(sources.first)
        #expect(source.name == "gov-news")
        #expect(source.kind == .feed)
        #expect(source.channel == .news)
        #expect(source.region == nil)
        #expect(source.tags.isEmpty)
        #expect(source.interval == .seconds(900))
        #expect(source.headers.isEmpty)
        #expect(source.enabled)
    }

    @Test func defaultsApplyAndSourcesOverrideThem() throws {
        let sources = try ConfigLoader.loadSources(text: """
            defaults:
              interval: 10m
              channel: 论坛
              region: 某市
              tags: [默认]
              headers: {Referer: "https://a.example.cn/", X-Team: desk}
            sources:
              - id: a
                url: https://a.example.cn/rss
              - id: b
                url: https://b.example.cn/rss
                interval: 2h
                channel: news
                region: 某区
                tags: [自有]
                headers: {referer: "https://b.example.cn/"}
            """)
        #expect(sources.count == 2)
        #expect(sources[0].interval == .seconds(600))
        #expect(sources[0].channel == .forum)
        #expect(sources[0].region == "某市")
        #expect(sources[0].tags == ["默认"])
        #expect(sources[0].headers == ["Referer": "https://a.example.cn/", "X-Team": "desk"])
        #expect(sources[1].interval == .seconds(7_200))
        #expect(sources[1].channel == .news)
        #expect(sources[1].region == "某区")
        #expect(sources[1].tags == ["自有"])
        // Header names are case-insensitive: the source's `referer` replaces the default `Referer`.
        #expect(sources[1].headers == ["referer": "https://b.example.cn/", "X-Team": "desk"])
    }

    @Test(arguments: [
        ("新闻", Channel.news), ("论坛", .forum), ("微博", .weibo), ("微信", .wechat), ("其他", .other),
        ("新闻网站", .news), ("News", .news), ("wechat", .wechat),
    ])
    func channelNamesInChineseAndEnglish(name: String, channel: Channel) throws {
        let sources = try ConfigLoader.loadSources(text: """
            sources:
              - id: a
                url: https://a.example.cn/
                channel: \(name)
            """)
        #expect(sources.first?.channel == channel)
    }

    @Test func mergeKeysReuseAnAnchoredMap() throws {
        let sources = try ConfigLoader.loadSources(text: """
            sources:
              - &bridge
                id: weibo-a
                url: http://127.0.0.1:1200/weibo/user/1
                channel: weibo
                interval: 5m
              - <<: *bridge
                id: weibo-b
                url: http://127.0.0.1:1200/weibo/user/2
            """)
        #expect(sources.map(\.id) == ["weibo-a", "weibo-b"])
        #expect(sources[1].channel == .weibo)
        #expect(sources[1].interval == .seconds(300))
        #expect(sources[1].url.absoluteString == "http://127.0.0.1:1200/weibo/user/2")
    }

    @Test func emptySourceListIsAllowed() throws {
        #expect(try ConfigLoader.loadSources(text: "sources: []\n").isEmpty)
    }

    // MARK: Errors

    @Test func unknownKeySuggestsTheClosestOne() throws {
        let issues = TestSupport.sourceIssues("""
            sources:
              - id: gov-news
                url: https://www.example.gov.cn/rss.xml
                intervall: 10m
            """)
        let issue = try #require(issues.only)
        #expect(issue.line == 4)
        #expect(issue.column == 5)
        #expect(issue.message == "unknown key 'intervall' in source 'gov-news'; did you mean 'interval'?")
        #expect(issue.description == "Sources.yml:4:5: error: unknown key 'intervall' in source 'gov-news'; did you mean 'interval'?")
    }

    @Test func unknownKeyWithoutCloseMatchListsAcceptedKeys() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: gov-news
                url: https://www.example.gov.cn/rss.xml
                xpath: //div[@class='list']
            """).only)
        #expect((issue.line, issue.column) == (4, 5))
        #expect(issue.message.hasPrefix("unknown key 'xpath' in source 'gov-news'; accepted keys: id, name, kind, url"))
    }

    @Test func unknownTopLevelKey() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            default:
              interval: 10m
            sources:
              - id: a
                url: https://a.example.cn/
            """).only)
        #expect((issue.line, issue.column) == (1, 1))
        #expect(issue.message == "unknown key 'default' at the top of Sources.yml; did you mean 'defaults'?")
    }

    @Test func mapWhereTextIsExpected() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: a
                url: https://a.example.cn/
                name:
                  zh: 某市
            """).only)
        #expect((issue.line, issue.column) == (5, 7))
        #expect(issue.message.hasPrefix("expected text for 'name' in source 'a', found a map"))
    }

    @Test func listItemThatIsNotAMap() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: a
                url: https://a.example.cn/
              - https://b.example.cn/rss
            """).only)
        #expect((issue.line, issue.column) == (4, 5))
        #expect(issue.message.hasPrefix("source #2 must be a map of keys such as 'id:' and 'url:', found 'https://b.example.cn/rss'"))
    }

    @Test func missingIDPointsAtTheSourceMap() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: a
                url: https://a.example.cn/
              - name: 某市论坛
                url: https://b.example.cn/
            """).only)
        #expect((issue.line, issue.column) == (4, 5))
        #expect(issue.message.hasPrefix("missing 'id' in source #2; add a unique id such as 'id: gov-news'"))
    }

    @Test func missingURLPointsAtTheSourceMap() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: gov-news
                name: 某市人民政府
            """).only)
        #expect((issue.line, issue.column) == (2, 5))
        #expect(issue.message.hasPrefix("missing 'url' in source 'gov-news'; add the address to poll"))
    }

    @Test func emptyValueIsReported() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: a
                url:
            """).only)
        #expect((issue.line, issue.column) == (3, 9))
        #expect(issue.message.hasPrefix("'url' in source 'a' has no value"))
    }

    @Test func duplicateIDPointsAtTheSecondAndNamesTheFirstLine() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: gov-news
                url: https://a.example.cn/
              - id: portal
                url: https://b.example.cn/
              - id: gov-news
                url: https://c.example.cn/
            """).only)
        #expect((issue.line, issue.column) == (6, 9))
        #expect(issue.message == "duplicate source id 'gov-news'; it is already used on line 2; give each source its own id")
    }

    @Test func badIDSuggestsARepair() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: Gov News
                url: https://a.example.cn/
            """).only)
        #expect((issue.line, issue.column) == (2, 9))
        #expect(issue.message.hasPrefix("bad id 'Gov News': ids use lowercase letters a-z"))
        #expect(issue.message.hasSuffix("e.g. 'gov-news'"))
    }

    @Test(arguments: [
        ("ftp://a.example.cn/", "the scheme must be http or https, found 'ftp'"),
        ("www.example.gov.cn/rss.xml", "it has no scheme"),
        ("https://", "it has no host"),
        ("\"http://a b.cn/\"", "it is not a valid URL"),
    ])
    func badURL(url: String, problem: String) throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: a
                url: \(url)
            """).only)
        #expect((issue.line, issue.column) == (3, 10))
        #expect(issue.message.hasPrefix("bad url"))
        #expect(issue.message.contains(problem))
    }

    @Test(arguments: [
        ("5x", "write a number with a unit s, m, h or d, e.g. 30s, 10m, 2h, 1d or 1h30m"),
        ("0m", "it must be longer than zero"),
        ("ten minutes", "write a number with a unit s, m, h or d"),
        ("600", "a number needs a unit, e.g. 600s or 600m"),
    ])
    func badInterval(interval: String, problem: String) throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: a
                url: https://a.example.cn/
                interval: \(interval)
            """).only)
        #expect((issue.line, issue.column) == (4, 15))
        #expect(issue.message.hasPrefix("bad interval '\(interval)' in source 'a'"))
        #expect(issue.message.contains(problem))
    }

    @Test func intervalShorterThanTheMinimum() throws {
        let crawl = CrawlSettings(minimumInterval: .seconds(60))
        let issues = TestSupport.sourceIssues("""
            defaults:
              interval: 30s
            sources:
              - id: a
                url: https://a.example.cn/
                interval: 45s
              - id: b
                url: https://b.example.cn/
                interval: 1m
            """, crawl: crawl)
        #expect(issues.map { [$0.line, $0.column] } == [[2, 13], [6, 15]])
        #expect(issues[1].message
            == "interval 45s in source 'a' is shorter than the minimum 1m (crawl.minimum_interval in yuqing.yml); use 1m or longer")
    }

    @Test func unknownKindListsAcceptedValues() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: a
                url: https://a.example.cn/
                kind: rss
            """).only)
        #expect((issue.line, issue.column) == (4, 11))
        #expect(issue.message == "unknown kind 'rss' in source 'a'; use one of: feed, list, forum")
    }

    @Test func unknownChannelListsAcceptedValues() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: a
                url: https://a.example.cn/
                channel: 抖音
            """).only)
        #expect((issue.line, issue.column) == (4, 14))
        #expect(issue.message == "unknown channel '抖音' in source 'a'; use one of: news (新闻), forum (论坛), weibo (微博), wechat (微信), other (其他)")
    }

    @Test func sourcesMissing() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            defaults:
              interval: 10m
            """).only)
        #expect((issue.line, issue.column) == (1, 1))
        #expect(issue.message.hasPrefix("Sources.yml has no 'sources:' list"))
    }

    @Test func sourcesNotAList() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              id: a
              url: https://a.example.cn/
            """).only)
        #expect((issue.line, issue.column) == (2, 3))
        #expect(issue.message.hasPrefix("expected a list for 'sources', found a map"))
    }

    @Test func topLevelListInsteadOfMap() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            - id: a
              url: https://a.example.cn/
            """).only)
        #expect((issue.line, issue.column) == (1, 1))
        #expect(issue.message.hasPrefix("Sources.yml must be a map with a 'sources:' list, found a list"))
    }

    @Test func emptyFile() throws {
        for text in ["", "\n\n", "# nothing yet\n"] {
            let issue = try #require(TestSupport.sourceIssues(text).only)
            #expect((issue.line, issue.column) == (1, 1))
            #expect(issue.message.hasPrefix("Sources.yml is empty; add a 'sources:' list"))
        }
    }

    @Test func perSourceKeysAreRejectedInDefaults() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            defaults:
              url: https://a.example.cn/
            sources: []
            """).only)
        #expect((issue.line, issue.column) == (2, 3))
        #expect(issue.message == "'url' cannot be set in 'defaults': each source needs its own")
    }

    @Test func wrongCollectionTypesAndValues() throws {
        let issues = TestSupport.sourceIssues("""
            sources:
              - id: a
                url: https://a.example.cn/
                tags: 政府
                headers: [Referer]
                enabled: maybe
              - id: b
                url: https://b.example.cn/
                tags: [政府, {x: 1}]
                headers: {"Bad Name": x}
            """)
        #expect(issues.map { [$0.line, $0.column] } == [[4, 11], [5, 14], [6, 14], [9, 16], [10, 15]])
        #expect(issues[0].message.hasPrefix("expected a list for 'tags' in source 'a', found '政府'"))
        #expect(issues[1].message.hasPrefix("expected a map for 'headers' in source 'a', found a list"))
        #expect(issues[2].message == "expected true or false (是 or 否) for 'enabled' in source 'a', found 'maybe'")
        #expect(issues[3].message.hasPrefix("expected text for 'tags[2]' in source 'b', found a map"))
        #expect(issues[4].message.hasPrefix("bad header name 'Bad Name'"))
    }

    @Test func severalErrorsAreReportedTogetherInFileOrder() throws {
        let issues = TestSupport.sourceIssues("""
            defaults:
              chanel: news
            sources:
              - id: gov-news
                url: ftp://www.example.gov.cn/
                interval: 5x
              - id: gov-news
                url: https://b.example.cn/
                kind: rss
              - name: 无名
            """)
        #expect(issues.map(\.description) == [
            "Sources.yml:2:3: error: unknown key 'chanel' in 'defaults'; did you mean 'channel'?",
            "Sources.yml:5:10: error: bad url 'ftp://www.example.gov.cn/' in source 'gov-news': the scheme must be http or https, found 'ftp'; write the full address, e.g. https://www.example.gov.cn/rss.xml",
            "Sources.yml:6:15: error: bad interval '5x' in source 'gov-news': write a number with a unit s, m, h or d, e.g. 30s, 10m, 2h, 1d or 1h30m",
            "Sources.yml:7:9: error: duplicate source id 'gov-news'; it is already used on line 4; give each source its own id",
            "Sources.yml:9:11: error: unknown kind 'rss' in source 'gov-news'; use one of: feed, list, forum",
            "Sources.yml:10:5: error: missing 'id' in source #3; add a unique id such as 'id: gov-news' (lowercase letters, digits, '-', '_' and '.')",
            "Sources.yml:10:5: error: missing 'url' in source #3; add the address to poll, e.g. 'url: https://www.example.gov.cn/rss.xml'",
        ])
    }

    @Test func issuesCarryFileNameAndPath() throws {
        do {
            _ = try ConfigLoader.loadSources(text: "sources: 1\n", fileName: "conf/Sources.yml", path: "/srv/yuqing/conf/Sources.yml")
            Issue.record("expected an error")
        } catch {
            let issue = try #require(error.issues.only)
            #expect(issue.file == "conf/Sources.yml")
            #expect(issue.path == "/srv/yuqing/conf/Sources.yml")
            #expect(issue.description.hasPrefix("conf/Sources.yml:1:10: error: expected a list for 'sources'"))
        }
    }
}

extension Array {
    /// The single element, or nil when there are none or several (so `#require` shows the whole array).
    var only: Element? { count == 1 ? first : nil }
}
