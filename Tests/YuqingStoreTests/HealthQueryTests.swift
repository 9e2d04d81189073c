import Foundation
import Testing
import YuqingCore
import YuqingStore

@Suite("Source health queries")
struct HealthQueryTests {
    @Test("recent items are counted per source from the given time on")
    func recentCounts() throws {
        try withStore { store throws in
            _ = try store.save([FeedEntry(title: "旧闻", guid: "1")], from: "gov-news", at: Fixtures.t(0))
            _ = try store.save([FeedEntry(title: "新闻甲", guid: "2"), FeedEntry(title: "新闻乙", guid: "3")],
                               from: "gov-news", at: Fixtures.t(3_600))
            _ = try store.save([FeedEntry(title: "帖子", guid: "4")], from: "city-bbs", at: Fixtures.t(7_200))
            #expect(try store.itemCountsBySource(since: Fixtures.t(1_800)) == ["gov-news": 2, "city-bbs": 1])
            #expect(try store.itemCountsBySource(since: Fixtures.t(0)) == ["gov-news": 3, "city-bbs": 1])
            #expect(try store.itemCountsBySource(since: Fixtures.t(9_000)).isEmpty)
        }
    }
}
