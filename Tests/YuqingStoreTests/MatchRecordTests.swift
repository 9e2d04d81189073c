import Foundation
import Testing
import YuqingCore
import YuqingStore

@Suite("Recording rule matches")
struct MatchRecordTests {
    static let rules = CompiledRuleSet(RuleSet(rules: [
        WatchRule(name: "化工异味", group: "环保", severity: .medium,
                  expression: try! RuleExpressionParser.parse("化工厂 NEAR/20 异味")),
        WatchRule(name: "集资", group: "涉众金融", severity: .high, expression: try! RuleExpressionParser.parse("非法集资")),
    ]))

    static func results(_ items: [StoredItem]) -> [(item: StoredItem, matches: [RuleMatch])] {
        items.map { ($0, rules.evaluate(MatchableItem(title: $0.title, body: $0.summary))) }
    }

    @Test("matches are stored with highlights at UTF-16 offsets, and every checked item leaves the backlog")
    func recordsAndMarks() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            try await store.syncSources([Fixtures.news], at: Fixtures.t0)
            let saved = try await store.save([
                FeedEntry(title: "😀 化工厂夜间异味扰民", guid: "1"),
                FeedEntry(title: "供暖通知", guid: "2"),
            ], from: "gov-news", at: Fixtures.t0)
            #expect(try store.itemsAwaitingRules().count == 2)

            let recorded = try await store.recordRuleResults(Self.results(saved.inserted), ruleSetVersion: "v1", at: Fixtures.t(1))
            #expect(recorded.map(\.ruleName) == ["化工异味"])
            #expect(recorded[0].isNew)
            let highlights = recorded[0].highlights
            #expect(highlights.map(\.text) == ["化工厂", "异味"])
            // The emoji is two UTF-16 code units and a space follows it.
            #expect(highlights[0].offset == 3)
            #expect(Highlight.mark(saved.inserted[0].title, with: highlights, field: .title) == "😀 【化工厂】夜间【异味】扰民")
            #expect(try store.itemsAwaitingRules().isEmpty)
            #expect(try store.matches(itemID: saved.inserted[0].id).first?.highlights == highlights)
        }
    }

    @Test("an edited item is matched again; a rule it already matched keeps its first time and is not new")
    func editedItems() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            try await store.syncSources([Fixtures.news], at: Fixtures.t0)
            let first = try await store.save([FeedEntry(title: "化工厂异味", guid: "1")], from: "gov-news", at: Fixtures.t0)
            _ = try await store.recordRuleResults(Self.results(first.inserted), ruleSetVersion: "v1", at: Fixtures.t(1))

            let edited = try await store.save([FeedEntry(title: "化工厂异味，还涉嫌非法集资", guid: "1")], from: "gov-news", at: Fixtures.t(60))
            #expect(edited.updated.count == 1)
            #expect(try store.itemsAwaitingRules().map(\.id) == [first.inserted[0].id])

            let again = try await store.recordRuleResults(Self.results(edited.updated), ruleSetVersion: "v2", at: Fixtures.t(61))
            let byRule = Dictionary(uniqueKeysWithValues: again.map { ($0.ruleName, $0) })
            #expect(byRule["化工异味"]?.isNew == false)
            #expect(byRule["化工异味"]?.matchedAt == Fixtures.t(1))
            #expect(byRule["集资"]?.isNew == true)
            #expect(try store.matches(itemID: first.inserted[0].id).count == 2)
            #expect(try store.recentMatches(limit: 10, group: "涉众金融").count == 1)
        }
    }

    @Test("group events come once per item and group, oldest first")
    func groupEvents() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            try await store.syncSources([Fixtures.news], at: Fixtures.t0)
            let saved = try await store.save([
                FeedEntry(title: "化工厂异味", guid: "1"), FeedEntry(title: "非法集资", guid: "2"),
            ], from: "gov-news", at: Fixtures.t0)
            _ = try await store.recordRuleResults(Self.results([saved.inserted[0]]), ruleSetVersion: "v1", at: Fixtures.t(10))
            _ = try await store.recordRuleResults(Self.results([saved.inserted[1]]), ruleSetVersion: "v1", at: Fixtures.t(20))
            // The first item was analysed as negative, the second not at all.
            try store.recordAnalysis([ItemAnalysis(itemID: saved.inserted[0].id, sentiment: Sentiment(label: .negative, score: -0.5),
                                                   story: .new(key: 1))], at: Fixtures.t(5))
            let events = try store.groupMatchEvents(since: Fixtures.t(0))
            #expect(events.map(\.group) == ["环保", "涉众金融"])
            #expect(events.map(\.negative) == [true, false])
            #expect(try store.groupMatchEvents(since: Fixtures.t(15)).map(\.group) == ["涉众金融"])
        }
    }
}
