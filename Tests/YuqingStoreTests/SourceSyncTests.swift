import Foundation
import Testing
import YuqingCore
import YuqingStore

@Suite("Syncing sources")
struct SourceSyncTests {
    @Test("configured sources are stored with their settings")
    func stored() throws {
        try withStore(sources: [Fixtures.news]) { store throws in
            let record = try #require(try store.source(id: "gov-news"))
            #expect(record.name == "某市人民政府网站 · 要闻")
            #expect(record.kind == "feed")
            #expect(record.channel == "news")
            #expect(record.region == "某市")
            #expect(record.tags == ["政务", "要闻"])
            #expect(record.url == "https://www.example.gov.cn/rss/news.xml")
            #expect(record.enabled)
            #expect(record.firstConfiguredAt == Fixtures.t0)
            #expect(!record.isRetired)
        }
    }

    @Test("a source removed from the config is retired, keeps its items, and returns when configured again")
    func retireAndReturn() throws {
        try withStore { store throws in
            _ = try store.save([FeedEntry(title: "帖子", guid: "1")], from: "city-bbs", at: Fixtures.t0)

            try store.syncSources([Fixtures.news], at: Fixtures.t(3600))
            let retired = try #require(try store.source(id: "city-bbs"))
            #expect(retired.retiredAt == Fixtures.t(3600))
            #expect(try store.source(id: "gov-news")?.retiredAt == nil)
            #expect(try store.source(id: "gov-news")?.lastConfiguredAt == Fixtures.t(3600))
            #expect(try store.itemCount(sourceID: "city-bbs") == 1)
            #expect(try store.sources().map(\.id) == ["city-bbs", "gov-news"])

            // Retiring is recorded once, not moved forward by later syncs.
            try store.syncSources([Fixtures.news], at: Fixtures.t(7200))
            #expect(try store.source(id: "city-bbs")?.retiredAt == Fixtures.t(3600))

            var renamed = Fixtures.forum
            renamed.name = "城市论坛（新版）"
            renamed.enabled = false
            try store.syncSources([Fixtures.news, renamed], at: Fixtures.t(10800))
            let back = try #require(try store.source(id: "city-bbs"))
            #expect(back.retiredAt == nil)
            #expect(back.name == "城市论坛（新版）")
            #expect(!back.enabled)
            #expect(back.firstConfiguredAt == Fixtures.t0)
            #expect(back.lastConfiguredAt == Fixtures.t(10800))
        }
    }

    @Test("an empty configuration retires every source")
    func emptyConfig() throws {
        try withStore { store throws in
            try store.syncSources([], at: Fixtures.t(60))
            #expect(try store.sources().allSatisfy(\.isRetired))
        }
    }
}
