import Foundation
import Testing
import YuqingCore
@testable import YuqingStore

/// The full-text index is written once per batch from a queue (migration `v5.searchQueue`):
/// whatever order of inserts, edits and deletes a batch holds, search must find each item by
/// its current text only, and FTS5's own check must find the index in step with `item`.
@Suite struct SearchIndexQueueTests {
    /// A code of six letters: one FTS term that only one title holds.
    static func code(_ generator: inout SplitMix64) -> String {
        String((0 ..< 6).map { _ in Character(Unicode.Scalar(UInt8(97 + generator.next() % 26))) })
    }

    @Test func batchesOfInsertsAndEditsLeaveEveryItemFoundByItsCurrentTitleOnly() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appendingPathComponent("y.sqlite").path)
            defer { try? store.close() }
            try await store.syncSources([Fixtures.news, Fixtures.forum], at: Fixtures.t0)
            var generator = SplitMix64(seed: 5)
            var current: [String: String] = [:]  // link → code in its current title
            var retired: Set<String> = []
            for round in 0 ..< 30 {
                // Each poll of the batch adds items and edits earlier ones, some added by an
                // earlier poll of the same batch (still queued, not yet indexed).
                var polls: [(source: String, entries: [FeedEntry])] = []
                var batchCodes = current
                for _ in 0 ..< 4 {
                    var entries: [FeedEntry] = []
                    for _ in 0 ..< Int(generator.next() % 4) {
                        let link = "https://www.example.gov.cn/a/\(batchCodes.count + retired.count).html"
                        let code = Self.code(&generator)
                        batchCodes[link] = code
                        entries.append(FeedEntry(title: "江临通报 \(code)", link: URL(string: link)!, summary: "第\(round)轮"))
                    }
                    // A poll that names a link twice keeps its first entry, so edit a link of another poll.
                    let editable = batchCodes.filter { link, _ in !entries.contains { $0.link?.absoluteString == link } }
                    if let (link, old) = editable.sorted(by: { $0.key < $1.key }).randomElement(using: &generator),
                       generator.next() % 2 == 0 {
                        let code = Self.code(&generator)
                        retired.insert(old)
                        batchCodes[link] = code
                        entries.append(FeedEntry(title: "江临通报 \(code)", link: URL(string: link)!, summary: "改"))
                    }
                    polls.append((Fixtures.news.id, entries))
                }
                let batch = polls
                let at = Fixtures.t(Double(round))
                _ = try await store.writePolls("test batch") { (writer) throws(StoreError) in
                    for poll in batch { _ = try writer.save(poll.entries, from: poll.source, at: at) }
                }
                current = batchCodes
            }
            for (_, code) in current {
                let hits = try store.search(code)
                #expect(!hits.isEmpty && hits.allSatisfy { $0.item.title == "江临通报 \(code)" }, "\(code): \(hits.map(\.item.title))")
            }
            for code in retired.subtracting(current.values) {
                #expect(try store.search(code).isEmpty, "\(code) was edited away but is still found")
            }
            try store.executeForTesting("INSERT INTO item_fts (item_fts, rank) VALUES ('integrity-check', 1)")
            #expect(try store.pendingSearchItems() == 0)
        }
    }

    @Test func anItemDeletedOrEditedWhileQueuedLeavesTheIndexSound() throws {
        try withStore { store in
            _ = try store.save(SearchTests.entries, from: Fixtures.news.id, at: Fixtures.t0)
            // In one transaction, as a write path could: insert, edit, delete before indexing.
            try store.executeForTesting("""
                INSERT INTO item (source_id, dedup_key, title, summary, first_seen_at, updated_at, content_hash)
                    VALUES ('gov-news', 'k1', '临时标题甲乙丙', '', '2026-01-01', '2026-01-01', 'h1'),
                           ('gov-news', 'k2', '保留标题丁戊己', '', '2026-01-01', '2026-01-01', 'h2');
                UPDATE item SET title = '改后标题庚辛壬' WHERE dedup_key = 'k2';
                DELETE FROM item WHERE dedup_key = 'k1';
                """)
            #expect(try store.pendingSearchItems() == 1)
            // The next write indexes the queue.
            _ = try store.save([], from: Fixtures.news.id, at: Fixtures.t(1))
            #expect(try store.pendingSearchItems() == 0)
            #expect(try store.search("临时标题").isEmpty)
            #expect(try store.search("保留标题").isEmpty)
            #expect(try store.search("改后标题").map(\.item.title) == ["改后标题庚辛壬"])
            // An indexed item deleted and edited: the index follows.
            _ = try store.pruneItems(before: Fixtures.t(3600))
            #expect(try store.search("化工园区").isEmpty)
            try store.executeForTesting("INSERT INTO item_fts (item_fts, rank) VALUES ('integrity-check', 1)")
        }
    }
}
