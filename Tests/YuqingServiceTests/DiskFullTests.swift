import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ServiceLifecycle
import Synchronization
import Testing
import YuqingCore
import YuqingFetch
import YuqingService
import YuqingStore

/// Mounts a small tmpfs for the store, as a full disk is met in the field. Needs root (or
/// CAP_SYS_ADMIN); on machines without it the test is reported as skipped, with the reason.
struct SmallDisk {
    let directory: URL

    static var canMount: Bool {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appending(path: "yuqing-mount-probe-\(getpid())")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        guard mount("tmpfs", probe.path, "tmpfs", 0, "size=64k") == 0 else { return false }
        umount(probe.path)
        return true
    }

    static func with<T>(megabytes: Int, _ body: (SmallDisk) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appending(path: "yuqing-small-disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        guard mount("tmpfs", directory.path, "tmpfs", 0, "size=\(megabytes)m") == 0 else {
            throw POSIXError(.EPERM)
        }
        defer {
            umount2(directory.path, Int32(MNT_DETACH))
            try? FileManager.default.removeItem(at: directory)
        }
        return try await body(SmallDisk(directory: directory))
    }

    /// Writes a filler file until the disk has no space left.
    func fill() throws {
        let filler = directory.appending(path: "filler")
        _ = FileManager.default.createFile(atPath: filler.path, contents: nil)
        let handle = try FileHandle(forWritingTo: filler)
        defer { try? handle.close() }
        let block = Data(repeating: 0, count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
    }

    /// Deletes the filler: the space comes back.
    func free() throws {
        try FileManager.default.removeItem(at: directory.appending(path: "filler"))
    }
}

@Suite struct DiskFullTests {
    @Test(.enabled(if: SmallDisk.canMount, "needs root to mount a tmpfs"))
    func aFullDiskFailsPollsClearlyAndNothingIsLostWhenSpaceReturns() async throws {
        let feeds = PublishingFeeds(start: Date(), every: 0.05, feeds: 2)
        try await SmallDisk.with(megabytes: 8) { disk in
            try await withServer(feeds.router()) { base in
                let sources = (0 ..< feeds.feeds).map {
                    feedSource("feed-\($0)", URL(string: "\(base.absoluteString)/feed/\($0)")!, interval: .milliseconds(300))
                }
                let store = try Store(path: disk.directory.appending(path: "y.sqlite").path)
                try await store.syncSources(sources, at: Date())
                let fetcher = try CurlFetcher()
                defer { fetcher.shutdown() }
                let failures = Mutex([String]())
                let successesAfterFree = Mutex(0)
                let freed = Atomic<Bool>(false)
                let publishingStopped = Mutex<Date?>(nil)
                let successesAfterStop = Mutex([String: Int]())
                let service = CrawlService(
                    sources: sources,
                    crawler: SourceCrawler(fetcher: fetcher, store: store, logger: quietLogger),
                    concurrency: 2,
                    logger: quietLogger
                ) { report in
                    if !report.succeeded, let error = report.record.error { failures.withLock { $0.append(error) } }
                    if report.succeeded, freed.load(ordering: .sequentiallyConsistent) {
                        successesAfterFree.withLock { $0 += 1 }
                    }
                    if report.succeeded, let stop = publishingStopped.withLock({ $0 }), report.record.startedAt > stop {
                        successesAfterStop.withLock { $0[report.sourceID, default: 0] += 1 }
                    }
                }
                let group = ServiceGroup(configuration: .init(services: [service], logger: quietLogger))
                let running = Task { try await group.run() }

                // First polls are spread over the first seconds after start: wait for some items.
                let began = ContinuousClock.now
                while try store.itemCount() == 0, ContinuousClock.now - began < .seconds(15) {
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(try store.itemCount() > 0)
                try disk.fill()
                // Wait for the full disk to show (a poll every 300 ms; longer on a loaded machine).
                let filled = ContinuousClock.now
                while !failures.withLock({ $0.contains { $0.contains("disk is full") } }),
                      ContinuousClock.now - filled < .seconds(20) {
                    try await Task.sleep(for: .milliseconds(100))
                }
                let failedWhileFull = failures.withLock { $0 }
                #expect(failedWhileFull.contains { $0.contains("disk is full") }, "polls report the full disk: \(failedWhileFull.prefix(3))")

                try disk.free()
                freed.store(true, ordering: .sequentiallyConsistent)
                let stop = Date()
                feeds.stop.withLock { $0 = stop }
                publishingStopped.withLock { $0 = stop }
                // Wait until every feed has been read in full after its last publication (a
                // source may still be backing off after the full disk; longer on a loaded machine).
                let stopped = ContinuousClock.now
                while successesAfterStop.withLock({ counts in sources.contains { counts[$0.id, default: 0] == 0 } }),
                      ContinuousClock.now - stopped < .seconds(20) {
                    try await Task.sleep(for: .milliseconds(100))
                }
                await group.triggerGracefulShutdown()
                try await running.value

                #expect(successesAfterFree.withLock { $0 } > 0, "polls succeed again once space returns")
                #expect(try store.integrityCheck())
                let stored = try store.items(since: .distantPast, limit: 100_000)
                for feed in 0 ..< feeds.feeds {
                    let published = feeds.published(feed: feed, at: Date())
                    let titles = stored.filter { $0.sourceID == "feed-\(feed)" }.map(\.title)
                    #expect(titles.count == published, "feed-\(feed): \(titles.count) stored of \(published) published")
                    #expect(Set(titles).count == titles.count)
                }
            }
        }
    }
}
