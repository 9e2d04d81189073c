import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import Synchronization
import Testing
import YuqingCore
import YuqingStore

/// kill -9 of the real daemon at random moments of a busy crawl, many times, restarting it
/// each time: afterwards every published item is stored exactly once, matched exactly once,
/// and the database is intact.
@Suite struct CrashRecoveryTests {
    @Test func killNineTwentyTimesLosesAndDoublesNothing() async throws {
        let feeds = PublishingFeeds(start: Date(), every: 0.05, feeds: 4)
        var random = SplitMix64(seed: 20261123)
        try await withTemporaryDirectory { directory in
            try await withServer(feeds.router()) { base in
                var sources = "sources:\n"
                for feed in 0 ..< feeds.feeds {
                    sources += "  - id: feed-\(feed)\n    url: \(base.absoluteString)/feed/\(feed)\n    interval: 1s\n"
                }
                try sources.write(to: directory.appending(path: "Sources.yml"), atomically: true, encoding: .utf8)
                try "storage:\n  path: y.sqlite\ncrawl:\n  per_host_delay: 0s\n  per_host_concurrency: 8\n"
                    .write(to: directory.appending(path: "yuqing.yml"), atomically: true, encoding: .utf8)
                try FileManager.default.createDirectory(at: directory.appending(path: "Rules"), withIntermediateDirectories: true)
                try "# 环保\n排污\n".write(to: directory.appending(path: "Rules/环保.txt"), atomically: true, encoding: .utf8)

                var kills = 0
                for _ in 0 ..< 20 {
                    let (process, out, err) = try CommandLineTests.launch(["run", "--config", directory.path])
                    // 0.2–1.2 s: during start-up, migrations, the first polls, matching.
                    try await Task.sleep(for: .milliseconds(200 + Int(random.next() % 1000)))
                    kill(process.processIdentifier, SIGKILL)
                    let outcome = CommandLineTests.finish(process, out, err)
                    if outcome.status == SIGKILL, process.terminationReason == .uncaughtSignal { kills += 1 }
                }
                #expect(kills == 20, "the daemon was killed mid-run each time (\(kills) of 20)")

                feeds.stop.withLock { $0 = Date() }
                let (process, out, err) = try CommandLineTests.launch(["run", "--config", directory.path])
                try await Task.sleep(for: .seconds(3))
                process.terminate()
                let last = CommandLineTests.finish(process, out, err)
                #expect(last.status == 0, "\(last.stderr)")

                let store = try Store(path: directory.appending(path: "y.sqlite").path)
                #expect(try store.integrityCheck())
                let stored = try store.items(since: .distantPast, limit: 1_000_000)
                for feed in 0 ..< feeds.feeds {
                    let published = feeds.published(feed: feed, at: Date())
                    let titles = stored.filter { $0.sourceID == "feed-\(feed)" }.map(\.title)
                    #expect(titles.count == published, "feed-\(feed): \(titles.count) stored of \(published) published")
                    #expect(Set(titles).count == titles.count, "feed-\(feed) has duplicates")
                    let expected = Set((0 ..< published).map { feeds.title(feed: feed, item: $0) })
                    #expect(Set(titles) == expected)
                }
                // Every item was matched (none left pending) and every match recorded once.
                #expect(try store.itemsAwaitingRules(limit: 10).isEmpty)
                let matches = try store.recentMatches(limit: 1_000_000)
                let flagged = stored.filter { $0.title.contains("排污") }
                #expect(matches.count == flagged.count)
                #expect(Set(matches.map(\.itemID)) == Set(flagged.map(\.id)))
            }
        }
    }
}
