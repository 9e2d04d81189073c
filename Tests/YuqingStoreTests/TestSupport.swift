import Foundation
import YuqingCore
import YuqingStore

/// A fresh directory under the system temp directory, removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("yuqing-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// `withTemporaryDirectory` for async tests.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("yuqing-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// Opens a store in a fresh temp directory with the given sources synced, runs
/// `body`, then closes the store and removes the directory.
func withStore<T>(sources: [Source] = [Fixtures.news, Fixtures.forum], _ body: (Store) throws -> T) throws -> T {
    try withTemporaryDirectory { directory throws in
        let store = try Store(path: directory.appendingPathComponent("yuqing.sqlite").path)
        defer { try? store.close() }
        try store.syncSources(sources, at: Fixtures.t0)
        return try body(store)
    }
}

/// Values shared by the tests.
enum Fixtures {
    /// A fixed instant on a whole second, so stored dates compare equal.
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    /// `t0` plus `seconds`.
    static func t(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    /// A news feed source.
    static let news = Source(
        id: "gov-news", name: "某市人民政府网站 · 要闻", kind: .feed,
        url: URL(string: "https://www.example.gov.cn/rss/news.xml")!, channel: .news, region: "某市",
        tags: ["政务", "要闻"])

    /// A forum source.
    static let forum = Source(
        id: "city-bbs", name: "城市论坛", kind: .forum, url: URL(string: "https://bbs.example.com/forum-2-1.html")!,
        channel: .forum)
}
