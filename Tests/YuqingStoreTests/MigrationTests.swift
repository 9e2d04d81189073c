import Foundation
import Synchronization
import Testing
import YuqingCore
import YuqingStore

@Suite("Opening and migrating")
struct MigrationTests {
    static let allMigrations = [
        "v1.sources", "v1.items", "v1.fetchLog", "v1.sourceState", "v2.ruleMatches", "v2.forumThreads", "v3.analysis",
        "v3.alerts", "v3.search", "v3.digests", "v4.storySources", "v4.robots", "v5.searchQueue",
        "v6.bodyDigest",
    ]

    @Test("a new file gets every migration, in WAL mode, in a directory created for it")
    func newFile() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("var/lib/yuqing/yuqing.sqlite").path
            let store = try Store(path: path)
            defer { try? store.close() }
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try store.appliedMigrations() == Self.allMigrations)
            #expect(try store.journalMode() == "wal")
            #expect(try store.integrityCheck())
            #expect(try store.itemCount() == 0)
        }
    }

    @Test("reopening runs no migration twice and keeps the data")
    func reopen() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("yuqing.sqlite").path
            let first = try Store(path: path)
            try first.syncSources([Fixtures.news], at: Fixtures.t0)
            let saved = try first.save(
                [FeedEntry(title: "市政府召开常务会议", guid: "a1", summary: "研究部署……")], from: "gov-news", at: Fixtures.t0)
            try first.recordFetch(
                FetchRecord(sourceID: "gov-news", startedAt: Fixtures.t0, duration: .milliseconds(120), status: 200,
                            outcome: .ok, itemsFound: 1, itemsNew: 1, etag: "\"v1\""))
            try first.close()

            let second = try Store(path: path)
            defer { try? second.close() }
            #expect(try second.appliedMigrations() == Self.allMigrations)
            #expect(try second.journalMode() == "wal")
            #expect(try second.itemCount() == 1)
            #expect(try second.item(id: saved.inserted[0].id) == saved.inserted[0])
            #expect(try second.sourceState(id: "gov-news")?.etag == "\"v1\"")
            #expect(try second.source(id: "gov-news")?.name == "某市人民政府网站 · 要闻")
            #expect(try second.integrityCheck())
        }
    }

    @Test("openers racing on a new file all succeed: migrations run once, under a lock")
    func racingOpeners() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("yuqing.sqlite").path
            let errors = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do {
                    let store = try Store(path: path)
                    try store.close()
                } catch {
                    errors.withLock { $0.append("\(error)") }
                }
            }
            let failed = errors.withLock { $0 }
            #expect(failed.isEmpty, "\(failed)")
            let store = try Store(path: path)
            defer { try? store.close() }
            #expect(try store.appliedMigrations() == Self.allMigrations)
        }
    }

    @Test("two stores can have the same file open at once")
    func openTwice() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("yuqing.sqlite").path
            let writer = try Store(path: path)
            defer { try? writer.close() }
            let other = try Store(path: path)
            defer { try? other.close() }
            try writer.syncSources([Fixtures.news], at: Fixtures.t0)
            _ = try writer.save([FeedEntry(title: "标题", guid: "g")], from: "gov-news", at: Fixtures.t0)
            #expect(try other.itemCount() == 1)
            #expect(try other.appliedMigrations() == Self.allMigrations)
        }
    }

    @Test("a closed store refuses further use with a StoreError")
    func closed() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("yuqing.sqlite").path
            let store = try Store(path: path)
            try store.close()
            #expect(throws: StoreError.self) { try store.itemCount() }
        }
    }
}
