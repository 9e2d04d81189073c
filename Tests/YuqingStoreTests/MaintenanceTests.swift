import Foundation
import Synchronization
import Testing
import YuqingCore
import YuqingStore

@Suite struct MaintenanceTests {
    static func entries(_ range: Range<Int>, at prefix: String = "江临市新闻") -> [FeedEntry] {
        range.map { FeedEntry(title: "\(prefix)第\($0)条", link: URL(string: "https://www.example.gov.cn/n/\($0).html"),
                              summary: String(repeating: "化工园区整改情况通报。", count: 5)) }
    }

    @Test func aBackupTakenWhileTheStoreIsWrittenOpensAsASoundDatabase() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            try await store.syncSources([Fixtures.news], at: Fixtures.t0)
            _ = try await store.save(Self.entries(0 ..< 2_000), from: Fixtures.news.id, at: Fixtures.t0)
            let stop = Mutex(false)
            let progress = Mutex(2_000)
            let writing = Task {
                var batch = 2_000
                while !stop.withLock({ $0 }), batch < 40_000 {
                    _ = try await store.save(Self.entries(batch ..< batch + 50), from: Fixtures.news.id, at: Fixtures.t(1))
                    batch += 50
                    progress.withLock { $0 = batch }
                }
                return batch
            }
            // Start the backup only once the writer is under way, so it runs while rows arrive.
            while progress.withLock({ $0 }) == 2_000 { try await Task.sleep(for: .milliseconds(5)) }
            let copyPath = directory.appending(path: "copy.sqlite").path
            try store.backup(to: copyPath)
            stop.withLock { $0 = true }
            let written = try await writing.value

            let copy = try Store(path: copyPath)
            #expect(try copy.integrityCheck())
            let copied = try copy.itemCount()
            // Everything committed before the backup began is in it; nothing that was never written is.
            #expect(copied >= 2_050)
            #expect(copied <= written)
            // The copy has the full-text index, consistent with its rows.
            #expect(try copy.search("第1999条").count == 1)
            #expect(!FileManager.default.fileExists(atPath: copyPath + ".partial-\(ProcessInfo.processInfo.processIdentifier)"))
        }
    }

    @Test func pruningRemovesOldItemsWithTheirIndexRowsAndVacuumShrinksTheFile() throws {
        try withStore(sources: [Fixtures.news]) { store in
            _ = try store.save(Self.entries(0 ..< 500, at: "旧闻"), from: Fixtures.news.id, at: Fixtures.t0)
            _ = try store.save(Self.entries(500 ..< 510, at: "新闻"), from: Fixtures.news.id, at: Fixtures.t(86_400))
            #expect(try store.pruneItems(before: Fixtures.t(3_600)) == 500)
            #expect(try store.itemCount() == 10)
            #expect(try store.search("旧闻").isEmpty)
            #expect(try store.search("新闻第505条").count == 1)
            let result = try store.vacuum()
            #expect(result.bytesAfter < result.bytesBefore)
            #expect(try store.integrityCheck())
        }
    }
}

@Suite struct ItemExportTests {
    let item = StoredItem(
        id: 7, sourceID: "gov-news", dedupKey: "k", title: "关于\"化工园区\",整改的通报", url: URL(string: "https://e.example/1"),
        guid: nil, published: nil, summary: "第一行\r\n第二行", author: nil, firstSeen: Fixtures.t0, updatedAt: Fixtures.t0)

    @Test func csvQuotesCommasQuotesAndLineBreaksAsRFC4180Says() {
        let export = ItemExport(zone: "Asia/Shanghai")
        let line = export.csv(.init(item: item, sourceName: "某市政府网", channel: "新闻网站", rules: ["环保", "安全"]))
        #expect(line.hasPrefix("7,gov-news,某市政府网,新闻网站,\"关于\"\"化工园区\"\",整改的通报\",https://e.example/1,,,"))
        #expect(line.hasSuffix(",环保、安全,\"第一行\r\n第二行\"\r\n"))
        #expect(export.csvHeader().hasSuffix("命中规则 rules,摘要 summary\r\n"))
    }

    @Test func jsonLinesAreOneObjectPerLine() throws {
        let line = ItemExport(zone: "Asia/Shanghai").jsonLine(.init(item: item, sourceName: "某市政府网", channel: "新闻网站", rules: []))
        #expect(line.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["title"] as? String == item.title)
        #expect(object["summary"] as? String == "第一行\r\n第二行")
    }
}
