import ArgumentParser
import Foundation
import Logging
import YuqingConfig
import YuqingCore
import YuqingExtract
import YuqingFetch
import YuqingService
import YuqingStore

/// `yuqing rules`: check and try watch rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check the rule files, or try a rule on a text, a web page or the stored items.",
        subcommands: [RulesCheckCommand.self, RulesTestCommand.self]
    )
}

/// `yuqing rules check`.
struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate every file in Rules/; print each error as file:line:col and exit 1 if any.",
        discussion: """
        Examples:
          yuqing rules check --config /etc/yuqing
        """
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        let rules = try options.loadRules()
        var perGroup: [String: Int] = [:]
        for rule in rules.rules { perGroup[rule.group, default: 0] += 1 }
        print("ok: \(rules.rules.count) rules in \(rules.groups.count) groups, \(rules.volumeRules.count) volume rules (\(options.rulesDirectory.path))")
        for group in rules.groups {
            print("  \(group): \(perGroup[group] ?? 0) rules")
        }
    }
}

/// `yuqing rules test`.
struct RulesTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Show what a rule (by name) or an expression would match, with the matched words marked 【like this】.",
        discussion: """
        Without --text or --url, the rule runs over the items stored in the last --since (a dry run of a
        new rule over history: nothing is recorded).

        Examples:
          yuqing rules test '化工厂 NEAR/20 (异味 OR 刺鼻)' --text '化工厂附近居民反映夜间有刺鼻异味'
          yuqing rules test 化工异味 --since 30d
          yuqing rules test 'title:(爆炸 OR 泄漏)' --url https://www.example.gov.cn/art/2026/11/20/1.html
        """
    )

    @Argument(help: "A rule name from Rules/, or an expression such as '化工厂 AND (异味 OR 刺鼻)'.")
    var rule: String

    @Option(help: "Try the rule on this text (as the item's body; see --title).")
    var text: String?

    @Option(help: "With --text: the item's title.")
    var title: String = ""

    @Option(help: "Fetch this page (a feed or an article) and try the rule on it; robots.txt is obeyed as in the daemon.")
    var url: String?

    @Option(help: ArgumentHelp("Stored items first seen within this period (default 30d).", valueName: "duration"))
    var since: String = "30d"

    @Option(help: "Show at most this many matching items.")
    var limit: Int = 50

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let compiled = CompiledRuleSet(RuleSet(rules: [try resolveRule()]))
        if let text {
            let sentiment = scorer?.score(title: title, body: text)
            if let sentiment { print("情感: \(sentiment.chineseLabel) (\(String(format: "%+.2f", sentiment.score)))") }
            let matches = compiled.evaluate(MatchableItem(title: title, body: text, sentiment: sentiment?.label))
            show(title: title, body: text, matches: matches)
            if matches.isEmpty { throw ExitCode(2) }
        } else if let url {
            try await testPage(url, compiled)
        } else {
            try testHistory(compiled)
        }
    }

    /// The scorer of `Rules/sentiment/` (for `negative_only` rules), nil without lexicons; a broken
    /// lexicon is reported and treated as none.
    private var scorer: SentimentScorer? {
        do {
            return try SentimentLexiconLoader.load(rulesDirectory: options.rulesDirectory).map { SentimentScorer(lexicon: $0) }
        } catch {
            FileHandle.standardError.write(Data("sentiment lexicons not used: \(error)\n".utf8))
            return nil
        }
    }

    /// The named rule, or an ad-hoc rule made from the expression.
    private func resolveRule() throws -> WatchRule {
        let known = FileManager.default.fileExists(atPath: options.rulesDirectory.path)
            ? (try? RuleLoader.load(directory: options.rulesDirectory)) : nil
        if let named = known?.rule(named: rule) { return named }
        do {
            return WatchRule(name: "命令行规则", group: "命令行", expression: try RuleExpressionParser.parse(rule))
        } catch {
            let column = error.position.column
            let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
            let message = error.message { "\($0)" }
            throw CommandFailure("'\(rule)' is not a rule name in \(options.rulesDirectory.path) nor a valid expression:\n  \(rule)\n  \(caret)\n\(message)")
        }
    }

    private func testPage(_ address: String, _ compiled: CompiledRuleSet) async throws {
        guard let pageURL = URL(string: address), pageURL.host != nil else {
            throw ValidationError("--url: '\(address)' is not an http(s) URL")
        }
        // The daemon's fetcher: its User-Agent and limits, and robots.txt obeyed as the crawl obeys it.
        let crawl = crawlSettings()
        let fetcher = try CurlFetcher(limits: FetchLimits(crawl))
        defer { fetcher.shutdown() }
        let response: FetchResponse
        do {
            response = try await PoliteFetcher(base: fetcher, settings: crawl).fetch(FetchRequest(url: pageURL))
        } catch let refusal as RobotsRefusal {
            throw CommandFailure("\(refusal)")
        }
        guard (200 ..< 300).contains(response.status) else {
            throw CommandFailure("\(address): HTTP \(response.status)")
        }
        let scorer = self.scorer
        var items: [(title: String, body: String)] = []
        if let feed = try? FeedParser().parse(response.body, url: response.finalURL, httpCharset: response.declaredCharset) {
            items = feed.entries.map { ($0.title, $0.summary) }
        } else {
            let article = try ArticleExtractor().extract(response.body, url: response.finalURL, httpCharset: response.declaredCharset)
            items = [(article.title, article.text)]
        }
        var matched = 0
        for item in items {
            let sentiment = scorer?.score(title: item.title, body: item.body).label
            let matches = compiled.evaluate(MatchableItem(title: item.title, body: item.body, sentiment: sentiment))
            guard !matches.isEmpty else { continue }
            matched += 1
            show(title: item.title, body: item.body, matches: matches)
        }
        print("\(matched) of \(items.count) items matched")
    }

    /// The `crawl:` settings of yuqing.yml (User-Agent, timeouts, size limit), or the defaults when
    /// the directory has none or it does not load (a one-off test should not need SMTP secrets).
    private func crawlSettings() -> CrawlSettings {
        let file = options.configDirectory.appending(path: ConfigLoader.settingsFileName)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return CrawlSettings() }
        do {
            return try ConfigLoader.loadSettings(text: text, path: file.path, directory: options.configDirectory).crawl
        } catch {
            FileHandle.standardError.write(Data("note: \(file.path) not used (\(error.issues.first.map { "\($0)" } ?? "")); default crawl settings\n".utf8))
            return CrawlSettings()
        }
    }

    private func testHistory(_ compiled: CompiledRuleSet) throws {
        guard let window = DurationText.parse(since) else {
            throw ValidationError("--since: '\(since)' is not a duration; write it like 7d, 30d or 12h")
        }
        let configuration = try options.loadConfiguration()
        let store = try Store(path: configuration.settings.databasePath)
        let items = try store.items(since: Date().addingTimeInterval(-window.seconds))
        let time = LocalTime(zone: configuration.settings.timeZone)
        var matched = 0
        for item in items {
            let source = configuration.source(id: item.sourceID)
            let matches = compiled.evaluate(item.matchable(channel: source?.channel ?? .other, region: source?.region))
            guard !matches.isEmpty else { continue }
            matched += 1
            if matched <= limit {
                print("#\(item.id) [\(source?.name ?? item.sourceID)] \(item.published.map(time.format) ?? "")")
                show(title: item.title, body: item.summary, matches: matches)
            }
        }
        print("\(matched) of \(items.count) items stored in the last \(since) matched" + (matched > limit ? " (first \(limit) shown)" : ""))
    }

    private func show(title: String, body: String, matches: [RuleMatch]) {
        guard !matches.isEmpty else {
            print("no match")
            return
        }
        for match in matches {
            let score = match.score.map { ", score \($0)" } ?? ""
            print("命中 \(match.ruleName) [\(match.group)/\(match.severity.chineseName)\(score)]")
            let highlights = match.terms.map { Highlight($0, in: $0.field == .title ? title : body) }
            if !title.isEmpty { print("  标题: " + Highlight.mark(title, with: highlights, field: .title)) }
            print("  正文: " + Self.snippet(Highlight.mark(body, with: highlights, field: .body)))
        }
        print("")
    }

    /// The marked body, cut around its first mark so long articles stay readable.
    static func snippet(_ marked: String, width: Int = 160) -> String {
        let flat = marked.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > width else { return flat }
        let first = flat.firstIndex(of: "【") ?? flat.startIndex
        let start = flat.index(first, offsetBy: -min(40, flat.distance(from: flat.startIndex, to: first)))
        let end = flat.index(start, offsetBy: width, limitedBy: flat.endIndex) ?? flat.endIndex
        return (start > flat.startIndex ? "…" : "") + flat[start ..< end] + (end < flat.endIndex ? "…" : "")
    }
}
