import Foundation
import Logging
import ServiceLifecycle
import Testing
import YuqingCore
@testable import YuqingService
import YuqingStore

@Suite struct RuleReloadTests {
    func write(_ text: String, to file: URL) throws {
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func aValidChangeTakesEffectABrokenOneKeepsTheOldRulesARemovedFileDropsItsRules() async throws {
        try await withTemporaryDirectory { directory in
            try write("化工厂\n", to: directory.appending(path: "环保.txt"))
            let book = try RuleBook(directory: directory)
            let first = book.snapshot
            #expect(first.ruleCount == 1)
            #expect(first.compiled.evaluate(MatchableItem(title: "化工厂爆炸")).count == 1)

            try write("- name: 爆炸\n  match: 爆炸 AND 化工\n", to: directory.appending(path: "事故.yml"))
            let second = try book.reload()
            #expect(second.ruleCount == 2)
            #expect(second.version != first.version)

            try write("- name: 爆炸\n  match: (爆炸 AND 化工\n", to: directory.appending(path: "事故.yml"))
            #expect {
                try book.reload()
            } throws: { error in
                "\(error)".contains("Rules") == false && "\(error)".contains("事故.yml:2:")
            }
            #expect(book.snapshot.version == second.version)
            #expect(book.snapshot.ruleCount == 2)

            try FileManager.default.removeItem(at: directory.appending(path: "事故.yml"))
            #expect(try book.reload().ruleCount == 1)
        }
    }

    @Test func aLexiconLineWithASpaceInsteadOfATabKeepsTheOldLexicons() async throws {
        try await withTemporaryDirectory { directory in
            let sentiment = directory.appending(path: "sentiment")
            try FileManager.default.createDirectory(at: sentiment, withIntermediateDirectories: true)
            try write("满意\t1.5\n", to: sentiment.appending(path: "positive.txt"))
            try write("偷排\t2\n", to: sentiment.appending(path: "negative.txt"))
            let book = try RuleBook(directory: directory)
            #expect(book.snapshot.sentiment.score("村民举报化工厂偷排").label == .negative)

            // The editor saved 异味 with spaces: the reload is refused, naming the line and the fix.
            try write("偷排\t2\n异味 1.5\n", to: sentiment.appending(path: "negative.txt"))
            #expect {
                try book.reload()
            } throws: { error in
                "\(error)".contains("sentiment/negative.txt:2:1") && "\(error)".contains("`异味<TAB>1.5`")
            }
            #expect(book.snapshot.sentiment.score("村民举报化工厂偷排").label == .negative)

            try write("偷排\t2\n异味\t1.5\n", to: sentiment.appending(path: "negative.txt"))
            #expect(try book.reload().sentiment.score("化工厂附近有异味").label == .negative)
        }
    }

    @Test func theReloadServicePicksUpAnEditWithoutARestart() async throws {
        try await withTemporaryDirectory { directory in
            let rulesDirectory = directory.appending(path: "Rules")
            try FileManager.default.createDirectory(at: rulesDirectory, withIntermediateDirectories: true)
            try write("化工厂\n", to: rulesDirectory.appending(path: "环保.txt"))
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            let book = try RuleBook(directory: rulesDirectory)
            let matcher = MatchPipeline(rules: book, store: store, sources: [], logger: quietLogger)
            let service = RulesReloadService(rules: book, matcher: matcher, notifier: SystemdNotifier(environment: [:]),
                                             logger: quietLogger, settle: .milliseconds(50))
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

            try write("化工厂\n偷排\n", to: rulesDirectory.appending(path: "环保.txt"))
            #expect(try await waitFor { !book.snapshot.compiled.evaluate(MatchableItem(title: "企业偷排废水")).isEmpty })

            // A broken file: the edit is refused and the old rules keep matching.
            let before = book.snapshot.version
            try write("- name: x\n  match: NEAR\n", to: rulesDirectory.appending(path: "坏.yml"))
            try await Task.sleep(for: .milliseconds(600))
            #expect(book.snapshot.version == before)
            #expect(!book.snapshot.compiled.evaluate(MatchableItem(title: "企业偷排废水")).isEmpty)

            await group.triggerGracefulShutdown()
            try await running.value
        }
    }

    @Test func itemsStoredButNeverMatchedAreCaughtUp() async throws {
        try await withTemporaryDirectory { directory in
            try write("非法集资\n", to: directory.appending(path: "涉众金融.txt"))
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            let source = feedSource("bbs", URL(string: "http://127.0.0.1/bbs")!, channel: .forum)
            try await store.syncSources([source], at: Date())
            // As if the daemon crashed between storing and matching.
            _ = try await store.save([FeedEntry(title: "鑫盛涉嫌非法集资", guid: "1"), FeedEntry(title: "天气", guid: "2")],
                                     from: "bbs", at: Date())
            #expect(try store.itemsAwaitingRules().count == 2)

            let matcher = MatchPipeline(rules: try RuleBook(directory: directory), store: store, sources: [source], logger: quietLogger)
            #expect(await matcher.catchUp() == 2)
            #expect(try store.itemsAwaitingRules().isEmpty)
            #expect(try store.recentMatches().map(\.ruleName) == ["涉众金融"])
        }
    }
}
