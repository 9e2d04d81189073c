import Foundation
import Testing
import YuqingCore
@testable import YuqingStore

@Suite struct SearchTests {
    static let entries = [
        FeedEntry(title: "江临市网络舆情通报", link: URL(string: "https://www.example.gov.cn/a/1.html"),
                  summary: "本周全市网民关注的热点包括化工园区整改。"),
        FeedEntry(title: "江临市开展安全生产检查", link: URL(string: "https://www.example.gov.cn/a/2.html"),
                  summary: "检查覆盖化工企业三十家。"),
        FeedEntry(title: "Q&A: 100% \"AND\" (NEAR) title:*", link: URL(string: "https://www.example.gov.cn/a/3.html")),
    ]

    @Test func aTwoCharacterChineseWordInsideAnItemIsFound() throws {
        try withStore { store in
            _ = try store.save(Self.entries, from: Fixtures.news.id, at: Fixtures.t0)
            let hits = try store.search("舆情")
            #expect(hits.map(\.item.title) == ["江临市网络舆情通报"])
            #expect(hits.first?.snippet.contains("【舆情】") == true)
            #expect(hits.first?.sourceName == Fixtures.news.name)
        }
    }

    @Test func aFourCharacterWordIsFoundThroughTheIndexInTitleOrSummary() throws {
        try withStore { store in
            _ = try store.save(Self.entries, from: Fixtures.news.id, at: Fixtures.t0)
            #expect(try store.search("化工园区").map(\.item.title) == ["江临市网络舆情通报"])
            #expect(try Set(store.search("化工").map(\.item.title)).count == 2)
            // Every term must occur: a long and a short one together.
            #expect(try store.search("安全生产 检查").map(\.item.title) == ["江临市开展安全生产检查"])
            #expect(try store.search("安全生产 舆情").isEmpty)
        }
    }

    @Test func ftsSyntaxInTheQueryIsSearchedAsTextAndNeverAnError() throws {
        try withStore { store in
            _ = try store.save(Self.entries, from: Fixtures.news.id, at: Fixtures.t0)
            for query in ["\"AND\"", "(NEAR)", "title:*", "100%", "Q&A", "AND OR NOT", "\"", "*", "a\"b", "NEAR(", "%", "_"] {
                _ = try store.search(query)
            }
            #expect(try store.search("(NEAR)").count == 1)
            #expect(try store.search("100%").count == 1)
            // LIKE wildcards in a short term are literal.
            #expect(try store.search("_").isEmpty)
        }
    }

    @Test func updatedItemsAreReindexedAndFiltersApply() throws {
        try withStore { store in
            _ = try store.save([Self.entries[1]], from: Fixtures.news.id, at: Fixtures.t0)
            var changed = Self.entries[1]
            changed.title = "江临市开展消防隐患排查"
            _ = try store.save([changed], from: Fixtures.news.id, at: Fixtures.t(60))
            #expect(try store.search("安全生产").isEmpty)
            #expect(try store.search("消防隐患").count == 1)
            #expect(try store.search("消防隐患", channel: .forum).isEmpty)
            #expect(try store.search("消防隐患", since: Fixtures.t(3600)).isEmpty)
            #expect(try store.search("消防隐患", rule: "任何规则").isEmpty)
        }
    }
}

@Suite struct SearchMigrationTests {
    @Test func itemsStoredBeforeTheSearchMigrationAreIndexedByIt() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appending(path: "y.sqlite").path
            do {
                let store = try Store(path: path)
                try store.syncSources([Fixtures.news], at: Fixtures.t0)
                _ = try store.save(SearchTests.entries, from: Fixtures.news.id, at: Fixtures.t0)
                // Put the file back to its schema before v3.search, rows included.
                try store.executeForTesting("""
                    DROP TRIGGER item_fts_after_insert; DROP TRIGGER item_fts_after_delete;
                    DROP TRIGGER item_fts_after_update; DROP TABLE item_fts;
                    DELETE FROM grdb_migrations WHERE identifier = 'v3.search';
                    """)
                try store.close()
            }
            let store = try Store(path: path)
            #expect(try store.appliedMigrations().contains("v3.search"))
            #expect(try store.search("化工园区").map(\.item.title) == ["江临市网络舆情通报"])
            #expect(try store.integrityCheck())
        }
    }
}
