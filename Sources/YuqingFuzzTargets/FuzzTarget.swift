import Foundation
import YuqingConfig
import YuqingCore
import YuqingExtract

/// A parser of untrusted input that is fuzzed: the libFuzzer drivers in `Fuzz/` and the short
/// mutation run in the test suite both call `makeRunner()`, so they exercise the same code.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Any bytes a server sends as a feed: the parser may reject them, never crash or hang.
    case feed
    /// Any bytes a server sends as a page, through every HTML reader the crawler uses.
    case html
    /// Whatever a user types into a rule file or `rules test`: an error, never a crash.
    case rules
    /// Whatever a user types into Sources.yml or yuqing.yml: an error with a location, never a crash.
    case config

    /// Builds the parsers once and returns the body run on each input; errors thrown by the
    /// parsers are the expected outcome for bad input and are discarded.
    public func makeRunner() -> (Data) -> Void {
        switch self {
        case .feed:
            let parser = FeedParser()
            let url = URL(string: "http://127.0.0.1/feed.xml")!
            return { data in
                _ = try? parser.parse(data, url: url)
                _ = try? parser.parse(data, url: url, httpCharset: "gbk")
            }
        case .html:
            let url = URL(string: "http://127.0.0.1/news/list.html")!
            let article = ArticleExtractor()
            // The selectors are constants that compile; a failure here is a programming error.
            let thread = try! ForumThreadExtractor()
            let forumList = try! ForumListExtractor(selectors: .discuz)
            let list = try! ListPageExtractor(selectors: ListSelectors(
                item: "ul.list li", link: "a", title: "a", date: "span.date", nextPage: "a.next", maxPages: 3))
            return { data in
                _ = try? article.extract(data, url: url)
                _ = try? thread.extract(data, url: url)
                _ = try? forumList.extract(data, url: url)
                _ = try? list.extract(data, url: url)
            }
        case .rules:
            return { data in
                let text = String(decoding: data, as: UTF8.self)
                _ = try? RuleExpressionParser.parse(text)
                _ = try? RuleLoader.load(text: text, fileName: "fuzz.yml")
                _ = try? RuleLoader.load(text: text, fileName: "fuzz.txt")
            }
        case .config:
            let directory = URL(fileURLWithPath: "/nonexistent/yuqing-fuzz")
            return { data in
                let text = String(decoding: data, as: UTF8.self)
                _ = try? ConfigLoader.loadSources(text: text, selectorChecker: PageSelectorChecker())
                _ = try? ConfigLoader.loadSettings(text: text, directory: directory, environment: [:])
            }
        }
    }

    /// The repository files that seed this target, as (directory, file-name suffixes): test
    /// fixtures for feeds and pages, the example rules and configs for the user-written formats.
    public var seedLocations: (directory: String, suffixes: [String]) {
        switch self {
        case .feed: ("Tests/YuqingExtractTests/Fixtures", [".xml", ".json"])
        case .html: ("Tests/YuqingExtractTests/Fixtures", [".html"])
        case .rules: ("Rules", [".txt", ".yml"])
        case .config: (".", ["Sources.yml", "yuqing.yml"])
        }
    }

    /// Fragments that make a mutation reach deeper than random bytes do: the syntax of the
    /// format, and the inputs that found bugs before (long digit runs in dates).
    public var dictionary: [String] {
        switch self {
        case .feed, .html:
            [
                "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY a \"&b;&b;&b;\"><!ENTITY b \"xx\">]>", "&a;",
                "<!ENTITY e SYSTEM \"file:///etc/passwd\">", "&#x10FFFF;", "&#0;", "&amp;", "&nbsp;",
                "<?xml version=\"1.0\" encoding=\"gbk\"?>", "<meta charset=\"big5\">",
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
                "<item><title>", "</title>", "<entry>", "<link href=\"", "<pubDate>", "2026年11月20日 08:15",
                "99999999999999999999999年", "<div class=\"content\">", "<script>", "</p><p>", "\u{FEFF}",
                "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[", "<a href=\"javascript:x\">",
                "<script type=\"application/ld+json\">", "{\"@type\":\"NewsArticle\",\"datePublished\":\"", "\"@graph\":[",
                "\"author\":{\"@id\":\"", "[[[[[[[[[[[[[[[[", "Nov. 20, 2026 8:15 PM", "20 November 2026",
            ]
        case .rules:
            [
                "AND ", " OR ", "NOT ", "NEAR/", "NEAR/999999999999999999999", "(", ")", "\"", "title:",
                "body:", "source:", "与", "或", "非", "+", "-", "|", "threshold: ", "severity: 重大",
                "expression: ", "terms:\n  - ", "exclude:\n  - ", "# group: ", "\n", "*", "at_least: ",
            ]
        case .config:
            [
                "sources:\n  - id: ", "url: ", "kind: list", "interval: ", "999999999999999h", ": ", "- ",
                "&anchor ", "*anchor", "<<: ", "!!binary ", "{", "[", "\t", "\"", "encoding: gbk",
                "selectors:\n      item: ", "smtp:\n  host: ", "digests:\n  - at: \"周一 08:00\"", "~",
            ]
        }
    }
}
