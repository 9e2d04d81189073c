import Foundation
import Testing
import YuqingCore
import YuqingStore

@Suite("Sentiment and stories")
struct StoryRecordTests {
    static let negative = Sentiment(label: .negative, score: -0.6)
    static let positive = Sentiment(label: .positive, score: 0.5)

    @Test("new items await analysis; a batch records sentiment and one story across two sites")
    func recordsABatch() throws {
        try withStore { store in
            let news = try store.save([FeedEntry(title: "江临化工厂爆炸", guid: "n1", summary: "伤亡不明")],
                                      from: "gov-news", at: Fixtures.t(0)).inserted[0]
            let bbs = try store.save([FeedEntry(title: "转：江临化工厂爆炸", guid: "b1", summary: "伤亡不明")],
                                     from: "city-bbs", at: Fixtures.t(60)).inserted[0]
            #expect(news.sentiment == nil && news.storyID == nil)
            #expect(try store.itemsAwaitingAnalysis().map(\.id) == [news.id, bbs.id])
            #expect(try store.itemsAwaitingAnalysis(firstSeenSince: Fixtures.t(30)).map(\.id) == [bbs.id])
            #expect(try store.itemsAwaitingAnalysis(afterID: news.id).map(\.id) == [bbs.id])
            #expect(try store.itemsAwaitingAnalysis(limit: 1).map(\.id) == [news.id])

            let created = try store.recordAnalysis([
                ItemAnalysis(itemID: news.id, sentiment: Self.negative, story: .new(key: 7)),
                ItemAnalysis(itemID: bbs.id, sentiment: Self.negative, story: .new(key: 7)),
            ], at: Fixtures.t(61))
            #expect(created.count == 1)
            let storyID = try #require(created[7])
            #expect(try store.itemsAwaitingAnalysis().isEmpty)
            let stored = try #require(try store.item(id: bbs.id))
            #expect(stored.sentiment == Self.negative)
            #expect(stored.storyID == storyID)

            let story = try #require(try store.story(id: storyID))
            #expect(story.title == "江临化工厂爆炸")
            #expect(story.itemCount == 2)
            #expect(story.siteCount == 2)
            #expect(story.firstItemID == news.id && story.firstSourceID == "gov-news")
            #expect(story.firstSeen == Fixtures.t(0) && story.lastSeen == Fixtures.t(60))
        }
    }

    @Test("a reprint joins the story; a second item of the same site counts as an item, not a site")
    func reprintJoins() throws {
        try withStore { store in
            let first = try store.save([FeedEntry(title: "某区拖欠工资", guid: "1")], from: "city-bbs", at: Fixtures.t(0)).inserted[0]
            let storyID = try #require(try store.recordAnalysis(
                [ItemAnalysis(itemID: first.id, sentiment: Self.negative, story: .new(key: 1))], at: Fixtures.t(1))[1])
            // A reprint whose source published it earlier than the first copy: it becomes the first.
            let reprint = try store.save([FeedEntry(title: "某区拖欠工资", guid: "2", published: Fixtures.t(-600))],
                                         from: "gov-news", at: Fixtures.t(300)).inserted[0]
            let again = try store.save([FeedEntry(title: "某区拖欠工资（续）", guid: "3")], from: "city-bbs", at: Fixtures.t(900)).inserted[0]
            try store.recordAnalysis([
                ItemAnalysis(itemID: reprint.id, sentiment: Self.negative, story: .existing(storyID)),
                ItemAnalysis(itemID: again.id, sentiment: Self.negative, story: .existing(storyID)),
            ], at: Fixtures.t(901))
            let story = try #require(try store.story(id: storyID))
            #expect(story.itemCount == 3)
            #expect(story.siteCount == 2)
            #expect(story.firstSourceID == "gov-news" && story.firstSeen == Fixtures.t(-600))
            #expect(story.lastSeen == Fixtures.t(900))
            #expect(story.title == "某区拖欠工资")
            #expect(try store.items(storyID: storyID).map(\.id) == [reprint.id, first.id, again.id])
            #expect(try store.stories(ids: [storyID, 999])[storyID]?.itemCount == 3)
        }
    }

    @Test("an edited item is analysed again and keeps its story")
    func editKeepsStory() throws {
        try withStore { store in
            let item = try store.save([FeedEntry(title: "表彰大会", guid: "1", summary: "成功举办")], from: "gov-news",
                                      at: Fixtures.t(0)).inserted[0]
            let storyID = try #require(try store.recordAnalysis(
                [ItemAnalysis(itemID: item.id, sentiment: Self.positive, story: .new(key: 1))], at: Fixtures.t(1))[1])
            let edited = try store.save([FeedEntry(title: "表彰大会", guid: "1", summary: "被曝造假")], from: "gov-news",
                                        at: Fixtures.t(60)).updated[0]
            #expect(edited.sentiment == nil)
            #expect(edited.storyID == storyID)
            #expect(try store.itemsAwaitingAnalysis().map(\.id) == [item.id])
            try store.recordAnalysis([ItemAnalysis(itemID: item.id, sentiment: Self.negative, story: .unchanged)], at: Fixtures.t(61))
            #expect(try store.item(id: item.id)?.sentiment == Self.negative)
            #expect(try store.item(id: item.id)?.storyID == storyID)
            #expect(try store.story(id: storyID)?.itemCount == 1)
        }
    }

    @Test("top stories of a period count only that period's items and sites, biggest first")
    func storiesOfAPeriod() throws {
        try withStore { store in
            func add(_ title: String, _ guid: String, _ source: String, at seconds: TimeInterval) throws -> Int64 {
                try store.save([FeedEntry(title: title, guid: guid)], from: source, at: Fixtures.t(seconds)).inserted[0].id
            }
            let a1 = try add("A", "a1", "gov-news", at: 0)
            let b1 = try add("B", "b1", "gov-news", at: 10)
            let created = try store.recordAnalysis([
                ItemAnalysis(itemID: a1, sentiment: .neutral, story: .new(key: 1)),
                ItemAnalysis(itemID: b1, sentiment: .neutral, story: .new(key: 2)),
            ], at: Fixtures.t(11))
            let a = try #require(created[1]), b = try #require(created[2])
            // In the next day, B is reprinted twice on two sites, A once.
            let day = 86_400.0
            try store.recordAnalysis([
                ItemAnalysis(itemID: try add("A", "a2", "city-bbs", at: day + 1), sentiment: .neutral, story: .existing(a)),
                ItemAnalysis(itemID: try add("B", "b2", "city-bbs", at: day + 2), sentiment: .neutral, story: .existing(b)),
                ItemAnalysis(itemID: try add("B", "b3", "gov-news", at: day + 3), sentiment: .neutral, story: .existing(b)),
            ], at: Fixtures.t(day + 4))
            let top = try store.stories(since: Fixtures.t(day), until: Fixtures.t(2 * day))
            #expect(top.map(\.story.id) == [b, a])
            #expect(top.map(\.items) == [2, 1])
            #expect(top.map(\.sites) == [2, 1])
            #expect(top[0].story.itemCount == 3)
            #expect(try store.stories(since: Fixtures.t(2 * day), until: Fixtures.t(3 * day)).isEmpty)
            #expect(try store.itemsOfStories(seenSince: Fixtures.t(day)).count == 5)
            #expect(try store.itemsOfStories(seenSince: Fixtures.t(2 * day)).isEmpty)
        }
    }
}
