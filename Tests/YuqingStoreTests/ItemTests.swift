import Foundation
import Testing
import YuqingCore
import YuqingStore

@Suite("Saving items")
struct ItemTests {
    @Test("an entry with the same GUID is stored once")
    func sameGUID() throws {
        try withStore { store throws in
            let entry = FeedEntry(
                title: "关于开展安全生产大检查的通知", link: URL(string: "https://www.example.gov.cn/a/1.html"),
                guid: "urn:gov:1", summary: "各区县……")
            let first = try store.save([entry], from: "gov-news", at: Fixtures.t0)
            #expect(first.inserted.count == 1)
            #expect(first.inserted[0].guid == "urn:gov:1")

            // Same GUID, different link: still the same item.
            var moved = entry
            moved.link = URL(string: "https://www.example.gov.cn/a/1.html?from=rss")
            let second = try store.save([entry, moved], from: "gov-news", at: Fixtures.t(600))
            #expect(second.inserted.isEmpty)
            #expect(second.updated.isEmpty)
            #expect(second.unchanged == 2)
            #expect(try store.itemCount(sourceID: "gov-news") == 1)
        }
    }

    @Test("GUIDs with quotes, backslashes, control characters, a NUL and emoji are recognised when they come again")
    func awkwardGUIDs() throws {
        try withStore { store throws in
            let guids = ["say \"hi\"", "C:\\feeds\\1", "tab\tand\u{1}bell\u{7}", "江临市/通知?id=1&x=\u{1F600}", "\\u0041", "[\"a\"]", "nul\u{0}inside"]
            let entries = guids.map { FeedEntry(title: "标题 \($0)", guid: $0) }
            let first = try store.save(entries, from: "gov-news", at: Fixtures.t0)
            let second = try store.save(entries, from: "gov-news", at: Fixtures.t(600))
            #expect(first.inserted.count == guids.count)
            // SQLite text ends at a NUL when read back; every other GUID comes back as it was.
            #expect(first.inserted.map(\.guid).dropLast() == guids.dropLast().map(Optional.some))
            #expect(second.inserted.isEmpty)
            #expect(second.unchanged == guids.count)
            #expect(try store.itemCount(sourceID: "gov-news") == guids.count)
        }
    }

    @Test("links that normalize alike are one item: tracking parameters, host case, default port, fragment")
    func sameNormalizedURL() throws {
        try withStore { store throws in
            let plain = FeedEntry(title: "市民热线反映小区停水", link: URL(string: "https://bbs.example.com/thread-9-1-1.html?tid=9"))
            let tracked = FeedEntry(
                title: "市民热线反映小区停水",
                link: URL(string: "HTTPS://BBS.Example.COM:443/thread-9-1-1.html?tid=9&utm_source=weibo&spm=a.b#reply"))
            let first = try store.save([plain], from: "city-bbs", at: Fixtures.t0)
            let second = try store.save([tracked], from: "city-bbs", at: Fixtures.t(60))
            #expect(first.inserted.count == 1)
            #expect(second.inserted.isEmpty)
            #expect(second.unchanged == 1)
            #expect(try store.itemCount() == 1)
            let item = try #require(try store.item(id: first.inserted[0].id))
            #expect(item.url?.absoluteString == "https://bbs.example.com/thread-9-1-1.html?tid=9")
            #expect(item.dedupKey == "url:https://bbs.example.com/thread-9-1-1.html?tid=9")
        }
    }

    @Test("an entry without link or GUID is identified by its whitespace-folded title")
    func sameTitle() throws {
        try withStore { store throws in
            let first = try store.save([FeedEntry(title: "网民热议 地铁票价调整")], from: "city-bbs", at: Fixtures.t0)
            let second = try store.save([FeedEntry(title: "  网民热议\n地铁票价调整 ")], from: "city-bbs", at: Fixtures.t(60))
            #expect(first.inserted.count == 1)
            #expect(second.inserted.isEmpty)
            #expect(try store.itemCount() == 1)
        }
    }

    @Test("an edited title or summary updates the item instead of adding one")
    func editUpdates() throws {
        try withStore { store throws in
            let original = FeedEntry(
                title: "某区发生交通事故", guid: "n-42", published: Fixtures.t(-3600), summary: "初步消息", author: "记者甲")
            let inserted = try store.save([original], from: "gov-news", at: Fixtures.t0).inserted[0]

            var edited = original
            edited.title = "某区发生交通事故 2人受伤"
            edited.author = nil  // a feed dropping a field on edit does not erase it
            let outcome = try store.save([edited], from: "gov-news", at: Fixtures.t(900))
            #expect(outcome.inserted.isEmpty)
            #expect(outcome.unchanged == 0)
            let updated = try #require(outcome.updated.first)
            #expect(updated.id == inserted.id)
            #expect(updated.title == "某区发生交通事故 2人受伤")
            #expect(updated.author == "记者甲")
            #expect(updated.firstSeen == Fixtures.t0)
            #expect(updated.updatedAt == Fixtures.t(900))
            #expect(try store.itemCount() == 1)
            #expect(try store.item(id: inserted.id) == updated)

            var resummarised = edited
            resummarised.summary = "据通报，2人受轻伤"
            #expect(try store.save([resummarised], from: "gov-news", at: Fixtures.t(1800)).updated.count == 1)
            #expect(try store.save([resummarised], from: "gov-news", at: Fixtures.t(2700)).unchanged == 1)
        }
    }

    @Test("duplicates within one batch are stored once and counted as unchanged")
    func batchDuplicates() throws {
        try withStore { store throws in
            let a = FeedEntry(title: "置顶：论坛管理规定", link: URL(string: "https://bbs.example.com/t/1"))
            var aAgain = a
            aAgain.link = URL(string: "https://bbs.example.com/t/1?utm_medium=top#p1")
            aAgain.title = "置顶：论坛管理规定（修订）"
            let b = FeedEntry(title: "求助：医保报销流程", link: URL(string: "https://bbs.example.com/t/2"))
            let outcome = try store.save([a, b, aAgain], from: "city-bbs", at: Fixtures.t0)
            #expect(outcome.inserted.map(\.title) == ["置顶：论坛管理规定", "求助：医保报销流程"])
            #expect(outcome.updated.isEmpty)
            #expect(outcome.unchanged == 1)
            #expect(try store.itemCount() == 2)
        }
    }

    @Test("saved items read back exactly as save returned them")
    func roundTrip() throws {
        try withStore { store throws in
            let entry = FeedEntry(
                title: "“舆情周报”第23期", link: URL(string: "https://www.example.gov.cn/zw/2025/06/t123.html#top"),
                guid: nil, published: Fixtures.t(-86400), summary: "本周共监测到相关信息 1,024 条。", author: "办公室")
            let stored = try store.save([entry], from: "gov-news", at: Fixtures.t0).inserted[0]
            #expect(stored.sourceID == "gov-news")
            #expect(stored.title == entry.title)
            #expect(stored.summary == entry.summary)
            #expect(stored.author == "办公室")
            #expect(stored.published == Fixtures.t(-86400))
            #expect(stored.firstSeen == Fixtures.t0)
            #expect(stored.updatedAt == Fixtures.t0)
            #expect(stored.guid == nil)
            #expect(stored.url == URL(string: "https://www.example.gov.cn/zw/2025/06/t123.html"))
            #expect(try store.item(id: stored.id) == stored)
            #expect(try store.item(id: stored.id + 1000) == nil)
        }
    }

    @Test("the same key in two sources is two items")
    func perSource() throws {
        try withStore { store throws in
            let entry = FeedEntry(title: "转载：某市发布暴雨预警", link: URL(string: "https://news.example.com/1"))
            _ = try store.save([entry], from: "gov-news", at: Fixtures.t0)
            _ = try store.save([entry], from: "city-bbs", at: Fixtures.t0)
            #expect(try store.itemCount() == 2)
            #expect(try store.itemCount(sourceID: "gov-news") == 1)
            #expect(try store.itemCount(sourceID: "nowhere") == 0)
        }
    }

    @Test("recent items come newest first, per source and limited")
    func recent() throws {
        try withStore { store throws in
            _ = try store.save(
                [FeedEntry(title: "旧闻一", guid: "1"), FeedEntry(title: "旧闻二", guid: "2")], from: "gov-news",
                at: Fixtures.t0)
            _ = try store.save([FeedEntry(title: "帖子", guid: "p")], from: "city-bbs", at: Fixtures.t(60))
            _ = try store.save(
                [FeedEntry(title: "新闻三", guid: "3", published: Fixtures.t(100)),
                 FeedEntry(title: "新闻四", guid: "4", published: Fixtures.t(50))],
                from: "gov-news", at: Fixtures.t(120))

            #expect(try store.recentItems(limit: 3).map(\.title) == ["新闻三", "新闻四", "帖子"])
            #expect(try store.recentItems(sourceID: "gov-news").map(\.title).prefix(2) == ["新闻三", "新闻四"])
            #expect(try store.recentItems(sourceID: "gov-news").count == 4)
            #expect(try store.recentItems(limit: 10, sourceID: "city-bbs").map(\.title) == ["帖子"])
            #expect(try store.recentItems(limit: 0).isEmpty)
        }
    }

    @Test("saving for a source that was never synced names the source and the file")
    func unknownSource() throws {
        try withStore { store throws in
            let error = try #require(throws: StoreError.self) {
                try store.save([FeedEntry(title: "x", guid: "x")], from: "not-configured", at: Fixtures.t0)
            }
            guard case .unknownSource(let path, let sourceID, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == store.path)
            #expect(sourceID == "not-configured")
            #expect(error.description.contains("not-configured"))
            #expect(error.description.contains(store.path))
            #expect(try store.itemCount() == 0)
        }
    }

    @Test("the async variants write and read the same data")
    func asyncVariants() async throws {
        try await withTemporaryDirectory { directory async throws in
            let store = try Store(path: directory.appendingPathComponent("yuqing.sqlite").path)
            defer { try? store.close() }
            try await store.syncSources([Fixtures.news], at: Fixtures.t0)
            // Several concurrent writers: the pool serialises them, nothing is lost or doubled.
            try await withThrowingTaskGroup(of: SaveOutcome.self) { group in
                for batch in 0..<8 {
                    group.addTask {
                        let entries = (0..<25).map { FeedEntry(title: "条目 \($0)", guid: "g\($0 + batch * 10)") }
                        return try await store.save(entries, from: "gov-news", at: Fixtures.t(Double(batch)))
                    }
                }
                var inserted = 0
                for try await outcome in group { inserted += outcome.inserted.count }
                #expect(inserted == 95)
            }
            try await store.recordFetch(
                FetchRecord(sourceID: "gov-news", startedAt: Fixtures.t0, duration: .seconds(1), status: 200,
                            outcome: .ok, itemsFound: 25, itemsNew: 25))
            #expect(try store.itemCount() == 95)
            #expect(try await store.sourceState(id: "gov-news")?.totalFetches == 1)
        }
    }
}
