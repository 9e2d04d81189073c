import Foundation
import Testing
import YuqingCore
@testable import YuqingStore

/// A story's counts are kept by delta as items join; these tests hold them to a full recount.
@Suite("Story counts")
struct StoryCountTests {
    static let sources = [
        Fixtures.news, Fixtures.forum,
        Source(id: "county-news", name: "某县融媒体中心", kind: .feed,
               url: URL(string: "https://www.example.cn/rss.xml")!, channel: .news),
    ]

    /// What a story's row should say, computed from all its items.
    struct Recount: Equatable {
        var items: Int
        var sites: Int
        var firstItem: Int64
        var firstSource: String
        var firstSeen: Date
        var lastSeen: Date
    }

    static func recount(_ storyID: Int64, in store: Store) throws -> Recount? {
        let items = try store.items(storyID: storyID)
        guard let first = items.first else { return nil }
        return Recount(
            items: items.count, sites: Set(items.map(\.sourceID)).count, firstItem: first.id, firstSource: first.sourceID,
            firstSeen: first.appearedAt, lastSeen: items.map(\.appearedAt).max()!)
    }

    static func stored(_ storyID: Int64, in store: Store) throws -> Recount? {
        guard let story = try store.story(id: storyID), story.itemCount > 0 else { return nil }
        return Recount(items: story.itemCount, sites: story.siteCount, firstItem: story.firstItemID,
                       firstSource: story.firstSourceID, firstSeen: story.firstSeen, lastSeen: story.lastSeen)
    }

    @Test("after many batches of joins, edits that move an item's date, and moves between stories, every story equals a recount")
    func countsEqualARecount() throws {
        try withStore(sources: Self.sources) { store in
            var random = SplitMix(seed: 2026)
            var stories: [Int64] = []
            var analysed: [(id: Int64, source: String, guid: String, title: String)] = []
            for batch in 0 ..< 40 {
                let at = Fixtures.t(Double(batch) * 60)
                var analyses: [ItemAnalysis] = []
                // New items, some published before they were stored (they may become a story's first).
                for n in 0 ..< Int(random.next() % 6) + 1 {
                    let source = Self.sources[Int(random.next() % 3)].id
                    let guid = "\(batch)-\(n)"
                    let published = Fixtures.t(Double(batch) * 60 - Double(random.next() % 3_000))
                    let title = "江临市某化工厂 \(guid)"
                    let item = try store.save([FeedEntry(title: title, guid: guid, published: published)],
                                              from: source, at: at).inserted[0]
                    let placement: StoryPlacement = stories.isEmpty || random.next() % 5 == 0
                        ? .new(key: n) : .existing(stories[Int(random.next() % UInt64(stories.count))])
                    analyses.append(ItemAnalysis(itemID: item.id, sentiment: .neutral, story: placement))
                    analysed.append((item.id, source, guid, title))
                }
                // Edits: a new date (earlier or later) and text; the item keeps its story.
                for _ in 0 ..< Int(random.next() % 3) where !analysed.isEmpty {
                    let old = analysed[Int(random.next() % UInt64(analysed.count))]
                    guard !analyses.contains(where: { $0.itemID == old.id }) else { continue }
                    let published = Fixtures.t(Double(batch) * 60 - Double(random.next() % 6_000))
                    let edit = try store.save([FeedEntry(title: old.title + " 更新\(batch)", guid: old.guid, published: published)],
                                              from: old.source, at: at)
                    #expect(edit.updated.count == 1)
                    analyses.append(ItemAnalysis(itemID: old.id, sentiment: Sentiment(label: .negative, score: -0.6), story: .unchanged))
                }
                // Moves: an analysed item placed in another story.
                if batch % 4 == 3, stories.count > 1, let old = analysed.first(where: { a in !analyses.contains { $0.itemID == a.id } }) {
                    let current = try #require(try store.item(id: old.id)?.storyID)
                    let target = stories.first { $0 != current }!
                    analyses.append(ItemAnalysis(itemID: old.id, sentiment: .neutral, story: .existing(target)))
                }
                let created = try store.recordAnalysis(analyses, at: at)
                stories += created.values.sorted()
                for id in stories {
                    #expect(try Self.stored(id, in: store) == Self.recount(id, in: store), "story \(id) after batch \(batch)")
                }
            }
            #expect(stories.count > 3)
        }
    }

    @Test("a story whose only item moves away counts nothing, and its site comes back when an item returns")
    func emptiedStory() throws {
        try withStore(sources: Self.sources) { store in
            let a = try store.save([FeedEntry(title: "甲", guid: "a")], from: "gov-news", at: Fixtures.t(0)).inserted[0]
            let b = try store.save([FeedEntry(title: "乙", guid: "b")], from: "city-bbs", at: Fixtures.t(10)).inserted[0]
            let created = try store.recordAnalysis([
                ItemAnalysis(itemID: a.id, sentiment: .neutral, story: .new(key: 1)),
                ItemAnalysis(itemID: b.id, sentiment: .neutral, story: .new(key: 2)),
            ], at: Fixtures.t(11))
            let (first, second) = (try #require(created[1]), try #require(created[2]))
            try store.recordAnalysis([ItemAnalysis(itemID: a.id, sentiment: .neutral, story: .existing(second))], at: Fixtures.t(12))
            #expect(try store.story(id: first)?.itemCount == 0)
            #expect(try store.story(id: first)?.siteCount == 0)
            #expect(try Self.stored(second, in: store) == Self.recount(second, in: store))
            #expect(try store.story(id: second)?.siteCount == 2)
            try store.recordAnalysis([ItemAnalysis(itemID: a.id, sentiment: .neutral, story: .existing(first))], at: Fixtures.t(13))
            #expect(try Self.stored(first, in: store) == Self.recount(first, in: store))
            #expect(try store.story(id: first)?.siteCount == 1)
            #expect(try store.story(id: second)?.siteCount == 1)
        }
    }

    @Test("migrating a store from before v4.storySources keeps counts equal to a recount, and later joins stay exact")
    func migrationFromV3() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appending(path: "y.sqlite").path
            var storyIDs: [Int64] = []
            do {
                let store = try Store(path: path)
                try store.syncSources(Self.sources, at: Fixtures.t0)
                var analyses: [ItemAnalysis] = []
                for n in 0 ..< 12 {
                    let item = try store.save([FeedEntry(title: "某化工厂 \(n)", guid: "\(n)")],
                                              from: Self.sources[n % 3].id, at: Fixtures.t(Double(n))).inserted[0]
                    analyses.append(ItemAnalysis(itemID: item.id, sentiment: .neutral, story: .new(key: n % 4 == 0 ? 0 : 1)))
                }
                storyIDs = try store.recordAnalysis(analyses, at: Fixtures.t(20)).values.sorted()
                // Put the file back to its schema before v4.storySources.
                try store.executeForTesting("""
                    DROP TABLE story_source; DELETE FROM grdb_migrations WHERE identifier = 'v4.storySources';
                    """)
                try store.close()
            }
            let store = try Store(path: path)
            defer { try? store.close() }
            #expect(try store.appliedMigrations().contains("v4.storySources"))
            for id in storyIDs { #expect(try Self.stored(id, in: store) == Self.recount(id, in: store)) }
            // One more item of a site the story already has, one of a site it has not.
            let story = storyIDs[0]
            let sites = try store.story(id: story)?.siteCount ?? 0
            let known = try store.save([FeedEntry(title: "某化工厂 再", guid: "x")], from: "gov-news", at: Fixtures.t(30)).inserted[0]
            try store.recordAnalysis([ItemAnalysis(itemID: known.id, sentiment: .neutral, story: .existing(story))], at: Fixtures.t(31))
            #expect(try store.story(id: story)?.siteCount == sites)
            for id in storyIDs { #expect(try Self.stored(id, in: store) == Self.recount(id, in: store)) }
            #expect(try store.integrityCheck())
        }
    }
}

/// A small deterministic generator, so a failing sequence can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49EB_133C_E111
        return z ^ (z >> 31)
    }
}
