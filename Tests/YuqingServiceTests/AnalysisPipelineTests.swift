import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import YuqingCore
@testable import YuqingService
import YuqingStore

@Suite struct AnalysisPipelineTests {
    func write(_ text: String, to file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    /// `Rules/` with a small lexicon and the given rule file.
    func rulesDirectory(in directory: URL, rules: String) throws -> URL {
        let folder = directory.appending(path: "Rules")
        try write(rules, to: folder.appending(path: "重点.yml"))
        try write("点赞\n满意\n", to: folder.appending(path: "sentiment/positive.txt"))
        try write("投诉\n偷排\n污染\n爆炸\n", to: folder.appending(path: "sentiment/negative.txt"))
        return folder
    }

    static let body = "11月20日凌晨，江临市临港化工园区一家化工厂发生爆炸，现场浓烟滚滚。据附近居民介绍，爆炸声在数公里外都能听到。"
        + "目前消防救援人员已赶到现场处置，伤亡情况仍在核实中，事故原因正在调查。"

    @Test func aNegativeOnlyRuleFiresOnANegativeItemAndNotOnAPositiveOne() async throws {
        try await withTemporaryDirectory { directory in
            let rules = try rulesDirectory(in: directory, rules: """
                - name: 化工负面
                  group: 环保
                  match: 化工厂
                  negative_only: true
                - name: 化工
                  group: 环保
                  match: 化工厂
                """)
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            let source = feedSource("bbs", URL(string: "http://127.0.0.1/bbs")!, channel: .forum)
            try await store.syncSources([source], at: Date())
            let saved = try await store.save([
                FeedEntry(title: "居民投诉化工厂夜间偷排", guid: "1", summary: "河水被污染"),
                FeedEntry(title: "化工厂开放日，居民点赞", guid: "2", summary: "参观的居民表示满意"),
            ], from: "bbs", at: Date())
            let negative = saved.inserted[0], positive = saved.inserted[1]

            let pipeline = MatchPipeline(rules: try RuleBook(directory: rules), store: store, sources: [source], logger: quietLogger)
            let recorded = await pipeline.process(saved.inserted)
            #expect(Set(recorded.filter { $0.itemID == negative.id }.map(\.ruleName)) == ["化工负面", "化工"])
            #expect(recorded.filter { $0.itemID == positive.id }.map(\.ruleName) == ["化工"])

            // The analysis was recorded before matching: sentiment and story are in the store.
            let stored = try #require(try store.item(id: negative.id))
            #expect(stored.sentiment?.label == .negative)
            #expect(try store.item(id: positive.id)?.sentiment?.label == .positive)
            let storyID = try #require(stored.storyID)
            #expect(try await store.story(id: storyID)?.itemCount == 1)
            #expect(try store.itemsAwaitingAnalysis().isEmpty)
        }
    }

    @Test func reprintsJoinOneStoryAcrossSitesAndARestartKeepsItsID() async throws {
        try await withTemporaryDirectory { directory in
            let rules = try rulesDirectory(in: directory, rules: "- name: 爆炸\n  match: 爆炸\n")
            let path = directory.appending(path: "y.sqlite").path
            let sources = ["a", "b", "c", "d"].map { feedSource($0, URL(string: "http://127.0.0.1/\($0)")!) }
            let store = try Store(path: path)
            try await store.syncSources(sources, at: Date())

            func publish(_ title: String, _ summary: String, on source: String, into pipeline: MatchPipeline) async throws -> StoredItem {
                let saved = try await store.save([FeedEntry(title: title, guid: title + source, summary: summary)], from: source, at: Date())
                await pipeline.process(saved.inserted)
                return try #require(try store.item(id: saved.inserted[0].id))
            }

            let first = MatchPipeline(rules: try RuleBook(directory: rules), store: store, sources: sources, logger: quietLogger)
            let original = try await publish("江临市一化工厂发生爆炸", Self.body, on: "a", into: first)
            let reprint = try await publish("江临市一化工厂发生爆炸_新浪新闻", Self.body + "（来源：江临日报）", on: "b", into: first)
            let storyID = try #require(original.storyID)
            #expect(reprint.storyID == storyID)
            let other = try await publish("江临市举办冬季马拉松", "两万名跑者参加了今天的比赛，沿途市民加油助威，赛事组织有序。", on: "a", into: first)
            #expect(other.storyID != storyID)
            #expect(try await store.story(id: storyID)?.itemCount == 2)
            #expect(try await store.story(id: storyID)?.siteCount == 2)
            try store.close()

            // A restart: a new store connection and a new pipeline, rebuilt from the stored stories.
            let reopened = try Store(path: path)
            let second = MatchPipeline(rules: try RuleBook(directory: rules), store: reopened, sources: sources, logger: quietLogger)
            #expect(try second.analyser.restoreStories() == 3)
            let saved = try await reopened.save([FeedEntry(title: "江临市一化工厂发生爆炸 - 网易", guid: "x", summary: Self.body)], from: "c", at: Date())
            await second.process(saved.inserted)
            #expect(try reopened.item(id: saved.inserted[0].id)?.storyID == storyID)
            let story = try #require(try await reopened.story(id: storyID))
            #expect(story.itemCount == 3)
            #expect(story.siteCount == 3)
            #expect(story.firstSourceID == "a")
            #expect(story.title == "江临市一化工厂发生爆炸")
        }
    }

    @Test func itemsLeftUnanalysedAreCaughtUpBeforeMatching() async throws {
        try await withTemporaryDirectory { directory in
            let rules = try rulesDirectory(in: directory, rules: "- name: 偷排\n  match: 偷排\n  negative_only: true\n")
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            let source = feedSource("bbs", URL(string: "http://127.0.0.1/bbs")!)
            try await store.syncSources([source], at: Date())
            // As if the daemon crashed between storing and analysing.
            _ = try await store.save([FeedEntry(title: "投诉企业偷排", guid: "1")], from: "bbs", at: Date())
            #expect(try store.itemsAwaitingAnalysis().count == 1)
            let pipeline = MatchPipeline(rules: try RuleBook(directory: rules), store: store, sources: [source], logger: quietLogger)
            #expect(await pipeline.catchUp() == 1)
            #expect(try store.itemsAwaitingAnalysis().isEmpty)
            #expect(try store.recentMatches().map(\.ruleName) == ["偷排"])
        }
    }

    @Test func theLexiconsReloadWithTheRulesAndABrokenOneKeepsTheOld() async throws {
        try await withTemporaryDirectory { directory in
            let rules = try rulesDirectory(in: directory, rules: "- name: 偷排\n  match: 偷排\n")
            let book = try RuleBook(directory: rules)
            #expect(book.snapshot.sentiment.score("他们点赞").label == .positive)
            #expect(book.snapshot.sentiment.score("太糟糕了").label == .neutral)

            let service = RulesReloadService(rules: book, matcher: MatchPipeline(
                rules: book, store: try Store(path: directory.appending(path: "y.sqlite").path), sources: [], logger: quietLogger),
                notifier: SystemdNotifier(environment: [:]), logger: quietLogger, settle: .milliseconds(50))
            let group = ServiceGroup(configuration: .init(services: [service], logger: quietLogger))
            let running = Task { try await group.run() }
            defer { running.cancel() }
            try await Task.sleep(for: .milliseconds(200))
            func waitFor(_ condition: () -> Bool) async throws -> Bool {
                for _ in 0 ..< 50 {
                    if condition() { return true }
                    try await Task.sleep(for: .milliseconds(100))
                }
                return false
            }

            // An edit in Rules/sentiment/ takes effect without a restart.
            try write("投诉\n糟糕\n", to: rules.appending(path: "sentiment/negative.txt"))
            #expect(try await waitFor { book.snapshot.sentiment.score("太糟糕了").label == .negative })

            // A broken line is reported with file and line, and the previous lexicon stays.
            try write("投诉\n糟糕\n差劲\tvery\n", to: rules.appending(path: "sentiment/negative.txt"))
            #expect {
                try book.reload()
            } throws: { error in
                "\(error)".contains("Rules/sentiment/negative.txt:3:") && "\(error)".contains("差劲")
            }
            #expect(book.snapshot.sentiment.score("太糟糕了").label == .negative)
            #expect(book.snapshot.compiled.ruleSet.rules.map(\.name) == ["偷排"])

            await group.triggerGracefulShutdown()
            try await running.value
        }
    }

    @Test func aNegativeSurgeFiresWhenTheShareOfNegativeItemsJumps() async throws {
        try await withTemporaryDirectory { directory in
            let rules = try rulesDirectory(in: directory, rules: """
                - name: 化工
                  group: 环保
                  match: 化工厂
                - name: 环保负面突增
                  kind: negative_surge
                  group: 环保
                  factor: 2
                  window: 1h
                  baseline: 1d
                  min_count: 2
                  min_share: 50%
                """)
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            let source = feedSource("bbs", URL(string: "http://127.0.0.1/bbs")!)
            try await store.syncSources([source], at: Date())
            let log = LogCapture()
            let pipeline = MatchPipeline(rules: try RuleBook(directory: rules), store: store, sources: [source],
                                         logger: Logger(label: "test", factory: { _ in log }))
            var serial = 0
            func publish(_ titles: [String]) async throws {
                let entries = titles.map { title in
                    serial += 1
                    return FeedEntry(title: title, guid: "\(serial)")
                }
                await pipeline.process(try await store.save(entries, from: "bbs", at: Date()).inserted)
            }
            try await publish(["化工厂开放日，居民点赞 1", "化工厂开放日，居民点赞 2", "化工厂开放日，居民点赞 3"])
            // 2 negative of 5: below half.
            try await publish(["居民投诉化工厂偷排 1", "居民投诉化工厂偷排 2"])
            #expect(log.messages.filter { $0.hasPrefix("volume rule fired") }.isEmpty)
            // The third negative of six reaches half (the baseline had none): it fires once.
            try await publish(["居民投诉化工厂偷排 3", "居民投诉化工厂偷排 4"])
            let fired = log.messages.filter { $0.hasPrefix("volume rule fired") }
            #expect(fired.count == 1)
            #expect(fired.first?.contains("环保负面突增") == true && fired.first?.contains("negative_share=0.50") == true, "\(fired)")
        }
    }
}

/// Keeps every log message with its metadata, to see what the pipeline reported.
struct LogCapture: LogHandler {
    /// The messages, shared by every copy of the handler.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    let store = Lines()
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var messages: [String] { store.lines.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        store.lines.withLock { $0.append("\(event.message) \(fields)") }
    }
}
