import Foundation
import Testing
import YuqingConfig
import YuqingCore

/// Every message `Sources.yml` can produce, one realistic mistake each, with the place it must
/// point at and the words it must say. Inventory (message → row or test that triggers it):
///
/// SourcesReader.swift
/// - "Sources.yml is empty; add a 'sources:' list" → `empty`
/// - "must be a map with a 'sources:' list, found …" → `rootIsAList`
/// - "expected a map for 'defaults', found …" → `defaultsNotAMap`
/// - "'url' cannot be set in 'defaults'" → `perSourceKeyInDefaults`
/// - "has no 'sources:' list" → `noSourcesKey`, `misspeltSourcesKey`
/// - "expected a list for 'sources', found …" → `sourcesIsAMap`, `sourcesHasNoValue`
/// - "source #n must be a map of keys such as 'id:' and 'url:'" → `sourceIsAURL`
/// - "duplicate source id" → `duplicateID`
/// - "missing 'id'", "missing 'url'" → `missingID`, `missingURL`
/// - "bad id …" (with and without a repaired suggestion) → `idWithSpace`, `chineseID`
/// - "unknown kind", "unknown channel" → `unknownKind`, `unknownChannel`
/// - "interval … is shorter than the minimum" → `intervalBelowMinimum` (its own test: needs crawl settings)
/// - "bad encoding" → `badEncoding`
/// - "bad url …: it is not a valid URL / has no scheme / scheme must be http or https / has no host" → `url*`
/// - "bad header name", "header … must be one line" → `headerNameWithSpace`, `headerValueOverTwoLines`
/// SourcesReader+Pages.swift
/// - "X only apply/applies to kind: …" → `selectorsOnAFeed`, `fetchArticlesOnAForum`, `threadSelectorsOnAList`
/// - "missing 'selectors'" → `listWithoutSelectors`
/// - "expected a map for 'selectors'" → `selectorsAsText`, `threadSelectorsAsList`
/// - "missing 'item' in 'selectors'" → `selectorsWithoutItem`
/// - "'max_pages' … must be at most 50" → `maxPagesTooDeep`
/// - "bad selector 'selectors.x' …" → PageSourcesTests (needs YuqingExtract's checker; the text after the colon is the checker's)
/// SourcesReader+Safety.swift
/// - "bad robots" → `robotsNo`
/// NodeReader.swift (shared by every YAML file; the yuqing.yml and rule tables repeat some in context)
/// - "a key … must be a plain name" → `listAsKey`; in a map value: `listAsHeaderName`
/// - "unknown key …; did you mean" / "; accepted keys:" → `misspeltKey`, `unknownKey`
/// - "'<<' merges maps only" (value and list item) → `mergeOfAScalar`, `mergeListWithAScalar`
/// - "is empty; give it a value", "has no value; write one", "expected text for" → `emptyName`, `nameWithoutValue`, `nameAsList`, `tagAsList`
/// - durations: "a number needs a unit", "must be longer than zero", "write a number with a unit" → `interval*`
/// - "expected true or false" → `enabledInChinese`, `allowPrivateAddressesMaybe`
/// - "expected a whole number", "must be at least" → `maxPagesFraction`, `maxPagesZero`
/// - "must not be negative", byte sizes → SettingsErrorMessageTests (crawl.max_body, max_redirects)
/// - "expected a list for", "expected a map for" (text lists and maps) → `tagsAsText`, `headersAsText`
/// - "cannot parse the file: …" → dead code: `Yams.compose` only throws `YamlError`, and every case
///   compose can throw is handled by SyntaxErrorReport (see SettingsErrorMessageTests).
@Suite struct SourcesErrorMessageTests {
    /// A valid source `a` (lines 1–3) followed by `extra` lines indented as its keys (line 4 on).
    static func source(_ extra: String...) -> String {
        "sources:\n  - id: a\n    url: https://a.example.cn/rss\n" + extra.map { "    \($0)\n" }.joined()
    }

    /// `source` with `kind: list` and a usable selector on lines 4–5; `extra` from line 6.
    static func listSource(_ extra: String...) -> String {
        "sources:\n  - id: a\n    url: https://a.example.cn/news/\n    kind: list\n    selectors: {item: ul li}\n"
            + extra.map { "    \($0)\n" }.joined()
    }

    static let topLevel: [ErrorCase] = [
        /* empty */ ErrorCase("Sources.yml:1:1", ["Sources.yml is empty", "add a 'sources:' list"], "# 还没有来源\n"),
        /* rootIsAList */ ErrorCase("Sources.yml:1:1", ["must be a map with a 'sources:' list, found a list", "indent the list under it"],
                                    "- id: a\n  url: https://a.example.cn/rss\n"),
        /* noSourcesKey */ ErrorCase("Sources.yml:1:1", ["has no 'sources:' list", "add one"], "defaults:\n  interval: 10m\n"),
        /* misspeltSourcesKey */ ErrorCase("Sources.yml:1:1", ["unknown key 'source' at the top of Sources.yml; did you mean 'sources'?"],
                                           count: 2, "source:\n  - id: a\n    url: https://a.example.cn/rss\n"),
        /* sourcesIsAMap */ ErrorCase("Sources.yml:2:3", ["expected a list for 'sources', found a map", "'- id: …'"],
                                      "sources:\n  id: a\n  url: https://a.example.cn/rss\n"),
        /* sourcesHasNoValue */ ErrorCase("Sources.yml:1:9", ["expected a list for 'sources', found an empty value"],
                                          "sources:\n# 待补充\n"),
        /* defaultsNotAMap */ ErrorCase("Sources.yml:1:11", ["expected a map for 'defaults', found '10m'", "'interval: 10m' under 'defaults:'"],
                                        "defaults: 10m\n" + source()),
        /* perSourceKeyInDefaults */ ErrorCase("Sources.yml:2:3", ["'url' cannot be set in 'defaults'", "each source needs its own"],
                                               "defaults:\n  url: https://a.example.cn/rss\n" + source()),
        /* badDefault */ ErrorCase("Sources.yml:2:13", ["bad interval '10' in 'defaults'", "needs a unit"],
                                   "defaults:\n  interval: 10\n" + source()),
        /* maxPagesTooDeep */ ErrorCase("Sources.yml:2:14", ["'max_pages' in 'defaults' must be at most 50, found 100", "poll more often"],
                                        "defaults:\n  max_pages: 100\n" + source()),
        /* maxPagesZero */ ErrorCase("Sources.yml:2:14", ["'max_pages' in 'defaults' must be at least 1, found 0"],
                                     "defaults:\n  max_pages: 0\n" + source()),
        /* maxPagesFraction */ ErrorCase("Sources.yml:2:14", ["expected a whole number for 'max_pages' in 'defaults', found '2.5'"],
                                         "defaults:\n  max_pages: 2.5\n" + source()),
        /* listAsKey */ ErrorCase("Sources.yml:1:1", ["a key at the top of Sources.yml must be a plain name, found a list"],
                                  count: 2, "[sources]: x\n"),
    ]

    static let sourceEntries: [ErrorCase] = [
        /* sourceIsAURL */ ErrorCase("Sources.yml:2:5", ["source #1 must be a map", "found 'https://a.example.cn/rss'", "'- id: …'"],
                                     "sources:\n  - https://a.example.cn/rss\n"),
        /* missingID */ ErrorCase("Sources.yml:2:5", ["missing 'id' in source #1", "'id: gov-news'"],
                                  "sources:\n  - url: https://a.example.cn/rss\n"),
        /* missingURL */ ErrorCase("Sources.yml:2:5", ["missing 'url' in source 'a'", "'url: https://"], "sources:\n  - id: a\n"),
        /* idWithSpace */ ErrorCase("Sources.yml:2:9", ["bad id 'Gov News'", "lowercase letters", "e.g. 'gov-news'"],
                                    "sources:\n  - id: Gov News\n    url: https://a.example.cn/rss\n"),
        /* chineseID */ ErrorCase("Sources.yml:2:9", ["bad id '江临新闻'", "start with a letter or digit", "e.g. 'gov-news'"],
                                  "sources:\n  - id: 江临新闻\n    url: https://a.example.cn/rss\n"),
        /* duplicateID */ ErrorCase("Sources.yml:4:9", ["duplicate source id 'a'", "already used on line 2", "give each source its own id"],
                                    source() + "  - id: a\n    url: https://b.example.cn/rss\n"),
        /* urlWithoutScheme */ ErrorCase("Sources.yml:3:10", ["bad url 'www.example.gov.cn/rss.xml' in source 'a'", "no scheme", "https://"],
                                         "sources:\n  - id: a\n    url: www.example.gov.cn/rss.xml\n"),
        /* urlFTP */ ErrorCase("Sources.yml:3:10", ["the scheme must be http or https, found 'ftp'", "write the full address"],
                               "sources:\n  - id: a\n    url: ftp://a.example.cn/rss\n"),
        /* urlWithoutHost */ ErrorCase("Sources.yml:3:10", ["bad url 'https://' in source 'a': it has no host"],
                                       "sources:\n  - id: a\n    url: https://\n"),
        /* urlWithSpace */ ErrorCase("Sources.yml:3:10", ["it is not a valid URL", "write the full address"],
                                     "sources:\n  - id: a\n    url: \"http://a b.cn/\"\n"),
        /* unknownKind */ ErrorCase("Sources.yml:4:11", ["unknown kind 'rss' in source 'a'", "use one of: feed, list, forum"], source("kind: rss")),
        /* unknownChannel */ ErrorCase("Sources.yml:4:14", ["unknown channel '贴吧' in source 'a'", "forum (论坛)"], source("channel: 贴吧")),
        /* intervalWithoutUnit */ ErrorCase("Sources.yml:4:15", ["bad interval '30' in source 'a'", "needs a unit", "30m"], source("interval: 30")),
        /* intervalZero */ ErrorCase("Sources.yml:4:15", ["bad interval '0m' in source 'a'", "longer than zero"], source("interval: 0m")),
        /* intervalBareZero */ ErrorCase("Sources.yml:4:15", ["bad interval '0' in source 'a'", "longer than zero"], source("interval: 0")),
        /* intervalInWords */ ErrorCase("Sources.yml:4:15", ["bad interval '半小时'", "a number with a unit s, m, h or d", "30s, 10m"],
                                        source("interval: 半小时")),
        /* badEncoding */ ErrorCase("Sources.yml:4:15", ["bad encoding '国标码' in source 'a'", "gbk, gb18030"], source("encoding: 国标码")),
        /* headersAsText */ ErrorCase("Sources.yml:4:14", ["expected a map for 'headers' in source 'a', found 'Referer'", "'Name: value'"],
                                      source("headers: Referer")),
        /* headerNameWithSpace */ ErrorCase("Sources.yml:5:7", ["bad header name 'Refer er'", "e.g. Referer"],
                                            source("headers:", "  Refer er: https://a.example.cn/")),
        /* headerValueOverTwoLines */ ErrorCase("Sources.yml:5:16", ["header 'Referer' in 'headers' in source 'a' must be one line"],
                                                source("headers:", "  Referer: \"https://a.example.cn/\\nX-Evil: 1\"")),
        /* listAsHeaderName */ ErrorCase("Sources.yml:5:7", ["a key in 'headers' in source 'a' must be a plain name, found a list"],
                                         source("headers:", "  [Referer]: https://a.example.cn/")),
        /* enabledInChinese */ ErrorCase("Sources.yml:4:14", ["expected true or false (是 or 否) for 'enabled' in source 'a', found '关'"],
                                         source("enabled: 关")),
        /* tagsAsText */ ErrorCase("Sources.yml:4:11", ["expected a list for 'tags' in source 'a'", "tags: [a, b]"], source("tags: 政府")),
        /* tagAsList */ ErrorCase("Sources.yml:4:12", ["expected text for 'tags[1]' in source 'a', found a list"], source("tags: [[政府]]")),
        /* emptyName */ ErrorCase("Sources.yml:4:11", ["'name' in source 'a' is empty", "give it a value or delete the line"],
                                  source("name: \"\"")),
        /* nameWithoutValue */ ErrorCase("Sources.yml:4:10", ["'name' in source 'a' has no value", "write one after the colon"],
                                         source("name:")),
        /* nameAsList */ ErrorCase("Sources.yml:4:11", ["expected text for 'name' in source 'a', found a list", "on the same line as the key"],
                                   source("name: [江临, 新闻]")),
        /* misspeltKey */ ErrorCase("Sources.yml:4:5", ["unknown key 'intervall' in source 'a'; did you mean 'interval'?"],
                                    source("intervall: 10m")),
        /* unknownKey */ ErrorCase("Sources.yml:4:5", ["unknown key 'priority' in source 'a'", "accepted keys: id, name, kind, url"],
                                   source("priority: high")),
        /* mergeOfAScalar */ ErrorCase("Sources.yml:4:9", ["'<<' merges maps only, found '3' in source 'a'", "'<<: *name'"], source("<<: 3")),
        /* mergeListWithAScalar */ ErrorCase("Sources.yml:4:10", ["'<<' merges maps only, found '3' in source 'a'", "'<<: [*a, *b]'"],
                                             source("<<: [3]")),
        /* robotsNo */ ErrorCase("Sources.yml:4:13", ["bad robots 'no' in source 'a'", "'obey'", "'ignore'"], source("robots: no")),
        /* allowPrivateAddressesMaybe */ ErrorCase("Sources.yml:4:30", ["expected true or false (是 or 否) for 'allow_private_addresses'"],
                                                   source("allow_private_addresses: 也许")),
    ]

    static let pageKeys: [ErrorCase] = [
        /* selectorsOnAFeed */ ErrorCase("Sources.yml:4:5", ["selectors only apply to kind: list or kind: forum", "source 'a' is kind: feed",
                                                            "remove 'selectors' or set the kind"], source("selectors: {item: ul li}")),
        /* fetchArticlesOnAForum */ ErrorCase("Sources.yml:5:5", ["fetch_articles only applies to kind: list", "is kind: forum"],
                                              source("kind: forum", "fetch_articles: false")),
        /* threadSelectorsOnAList */ ErrorCase("Sources.yml:6:5", ["thread_selectors only apply to kind: forum", "is kind: list"],
                                               listSource("thread_selectors: {post: div.post}")),
        /* listWithoutSelectors */ ErrorCase("Sources.yml:2:5", ["missing 'selectors' in source 'a'", "'item: ul.list li'"], source("kind: list")),
        /* selectorsAsText */ ErrorCase("Sources.yml:5:16", ["expected a map for 'selectors' in source 'a', found 'ul li'", "'item: ul.list li'"],
                                        source("kind: list", "selectors: ul li")),
        /* selectorsWithoutItem */ ErrorCase("Sources.yml:5:16", ["missing 'item' in 'selectors' in source 'a'", "'item: ul.list li'"],
                                             source("kind: list", "selectors: {link: a}")),
        /* misspeltSelector */ ErrorCase("Sources.yml:5:27", ["unknown key 'titel' in 'selectors' in source 'a'; did you mean 'title'?"],
                                         source("kind: list", "selectors: {item: li, titel: a}")),
        /* emptySelector */ ErrorCase("Sources.yml:5:23", ["'item' in 'selectors' in source 'a' is empty"],
                                      source("kind: list", "selectors: {item: \"\"}")),
        /* threadSelectorsAsList */ ErrorCase("Sources.yml:5:23", ["expected a map for 'thread_selectors' in source 'a', found a list"],
                                              source("kind: forum", "thread_selectors: [div.post]")),
    ]

    @Test(arguments: topLevel) func topLevelMistakes(_ mistake: ErrorCase) {
        mistake.check(TestSupport.sourceIssues(mistake.text))
    }

    @Test(arguments: sourceEntries) func sourceMistakes(_ mistake: ErrorCase) {
        mistake.check(TestSupport.sourceIssues(mistake.text))
    }

    @Test(arguments: pageKeys) func pageKeyMistakes(_ mistake: ErrorCase) {
        mistake.check(TestSupport.sourceIssues(mistake.text))
    }

    @Test func intervalBelowMinimum() {
        let mistake = ErrorCase(
            "Sources.yml:4:15",
            ["interval 1m in source 'a' is shorter than the minimum 5m", "crawl.minimum_interval in yuqing.yml", "use 5m or longer"],
            Self.source("interval: 1m")
        )
        mistake.check(TestSupport.sourceIssues(mistake.text, crawl: CrawlSettings(minimumInterval: .seconds(300))))
    }
}
