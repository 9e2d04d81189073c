import ArgumentParser
import Foundation
import Logging
import YuqingCore
import YuqingService
import YuqingStore

/// `yuqing bench`: measurements that need the real store (the pure-logic ones live in `Benchmarks/`).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure store-backed work on synthetic data (not needed in production).",
        subcommands: [DigestBench.self, FetchBench.self]
    )
}

/// `yuqing bench digest`: builds a monthly report over a synthetic store of N items.
struct DigestBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Time building a monthly digest over a synthetic store (default 1,000,000 items).",
        discussion: """
        The store is created once at --db and reused on later runs with the same --items.

        Examples:
          yuqing bench digest                                   # 1,000,000 items in /tmp/yuqing-digest-bench.sqlite
          yuqing bench digest --items 100000 --db /tmp/small.sqlite --runs 5
        """
    )

    @Option(help: "Items in the synthetic store.")
    var items = 1_000_000

    @Option(help: "Database file (created if missing).")
    var db = "/tmp/yuqing-digest-bench.sqlite"

    @Option(help: "How many times to build the report.")
    var runs = 3

    @Option(help: ArgumentHelp("Also write the report's HTML here (to look at it, see scripts/render-digest).", valueName: "file.html"))
    var html: String?

    func run() async throws {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let month = ReportPeriod(kind: .month, containing: Date(timeIntervalSince1970: 1_793_000_000), in: zone)  // 2026-10
        let sources = Self.sources()
        let store = try Store(path: db)
        defer { try? store.close() }
        try await store.syncSources(sources, at: month.previous.start)
        let existing = try store.itemCount()
        if existing != items {
            guard existing == 0 else {
                throw CommandFailure("\(db) holds \(existing) items, not \(items); delete it or pass another --db")
            }
            let started = ContinuousClock.now
            try await Self.fill(store, items: items, sources: sources, span: month.previous.start..<month.end)
            print("filled \(items) items in \(ContinuousClock.now - started)")
        }
        let builder = DigestBuilder(store: store, sources: sources, timeZone: zone)
        var durations: [Duration] = []
        var data: DigestData?
        for _ in 0..<max(1, runs) {
            let started = ContinuousClock.now
            data = try builder.build(period: month, now: month.end)
            durations.append(ContinuousClock.now - started)
        }
        var withoutTerms = builder
        withoutTerms.hotTermSample = 0
        let queriesStart = ContinuousClock.now
        _ = try withoutTerms.build(period: month, now: month.end)
        let queriesTime = ContinuousClock.now - queriesStart
        let composer = DigestComposer(renderer: try DigestRenderer(directory: nil), settings: ReportSettings(title: "江临市委网信办"))
        let renderStart = ContinuousClock.now
        let digest = composer.compose(data!)
        let renderTime = ContinuousClock.now - renderStart
        if let html { try Data(digest.html.utf8).write(to: URL(fileURLWithPath: html)) }
        print("monthly digest over \(items) items (\(data!.overview.total) in \(month.key), \(data!.overview.previousTotal) before):")
        print("  build: " + durations.map { "\($0)" }.joined(separator: ", "))
        print("  of which SQL aggregates and health (no hot terms): \(queriesTime)")
        print("  render: \(renderTime), html \(digest.html.utf8.count) bytes; flagged groups \(data!.flagged.count), hot terms \(data!.hotTerms.count)")
    }

    static func sources() -> [Source] {
        let regions = ["江临市", "东川区", "西岭区", "南湖区", "北港区", "临江县", "青山县", "白沙县", "云台县", "石门县", "梅溪县", "河口镇", "新城区"]
        return (0..<300).map { index in
            Source(id: "s\(index)", name: "站点\(index)", url: URL(string: "https://s\(index).example.gov.cn/feed")!,
                   channel: Channel.allCases[index % Channel.allCases.count], region: regions[index % regions.count])
        }
    }

    /// Items spread evenly over `span`, 500 a batch from one source; 1 % of them match a rule
    /// and raise an alert (sent by email a minute later); a fifth are negative, a quarter belong
    /// to stories (10,000 stories of about 25 items from many sources, each living a few days).
    static func fill(_ store: Store, items: Int, sources: [Source], span: Range<Date>) async throws {
        let duty = Recipient(name: "值班室", emails: [MailAddress("duty@jiangling.example.gov.cn")])
        let plan = AlertPlan(policy: AlertPolicy(settings: AlertSettings()),
                             routing: AlertRouting(recipients: [duty], defaultRecipients: ["值班室"]),
                             renderer: AlertRenderer(), messageDomain: "jiangling.example.gov.cn")
        var storyIDs: [Int: Int64] = [:]
        let words = ["交通", "拥堵", "化工厂", "泄漏", "学校", "食堂", "医院", "排队", "暴雨", "积水", "鑫盛财富", "爆雷",
                     "房价", "物业", "停水", "停电", "招聘", "考试", "环保", "督察", "旅游", "景区", "消费", "投诉"]
        let batch = 500
        let batches = (items + batch - 1) / batch
        var random = SplitMix64(seed: 42)
        for index in 0..<batches {
            let count = min(batch, items - index * batch)
            let source = sources[index % sources.count]
            let date = span.lowerBound.addingTimeInterval(span.upperBound.timeIntervalSince(span.lowerBound) * Double(index) / Double(batches))
            let entries = (0..<count).map { offset in
                let n = index * batch + offset
                let title = (0..<4).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined() + "（\(n)）"
                return FeedEntry(title: title, link: URL(string: "https://\(source.id).example.gov.cn/a/\(n).html"),
                                 summary: "江临市\(title)，网民关注。")
            }
            let outcome = try await store.save(entries, from: source.id, at: date)
            let matched = outcome.inserted.enumerated().filter { $0.offset % 100 == 0 }.map { _, item in
                let range = item.title.startIndex..<item.title.index(item.title.startIndex, offsetBy: 2)
                let term = MatchedTerm(term: String(item.title[range]), field: .title, range: range, text: item.title)
                let severity = RuleSeverity.allCases[Int(item.id / 100) % 4]
                return (item: item, matches: [RuleMatch(ruleName: "规则\(item.id % 7)", group: ["安全生产", "教育", "金融"][Int(item.id / 400) % 3],
                                                        severity: severity, notify: [], terms: [term])])
            }
            let analyses = outcome.inserted.enumerated().map { offset, item in
                let n = index * batch + offset
                let sentiment = switch n % 5 {
                case 0: Sentiment(label: .negative, score: -0.2 - Double(n % 7) / 10)
                case 1: Sentiment(label: .positive, score: 0.4)
                default: Sentiment(label: .neutral, score: 0)
                }
                guard n % 4 == 0 else { return ItemAnalysis(itemID: item.id, sentiment: sentiment, story: .unchanged) }
                let story = (n / 4) % 500 + 500 * (index * 20 / max(1, batches))
                if let id = storyIDs[story] { return ItemAnalysis(itemID: item.id, sentiment: sentiment, story: .existing(id)) }
                return ItemAnalysis(itemID: item.id, sentiment: sentiment, story: .new(key: story))
            }
            for (story, id) in try store.recordAnalysis(analyses, at: date) { storyIDs[story] = id }
            _ = try await store.recordRuleResults(matched, ruleSetVersion: "bench", at: date, alerts: plan)
            for delivery in try await store.dueDeliveries(now: date.addingTimeInterval(60), limit: 100) {
                try await store.markDeliverySent(delivery.id, at: date.addingTimeInterval(60))
            }
        }
    }
}
