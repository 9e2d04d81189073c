import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import YuqingCore
import YuqingDemo
import YuqingFetch
import YuqingService
import YuqingStore

@Suite struct CrawlServiceTests {
    @Test func pollsEverySourceRepeatedlyAndStopsOnGracefulShutdown() async throws {
        let site = DemoSite(catalog: try DemoCatalog.bundled(), interval: .milliseconds(300), initialCount: 4)
        try await withTemporaryDirectory { directory in
            try await withServer(site.router()) { base in
                let sources = site.catalog.feeds.map {
                    feedSource("demo-\($0.id)", URL(string: base.absoluteString + $0.path)!, interval: .milliseconds(200))
                }
                let store = try Store(path: directory.appending(path: "y.sqlite").path)
                try await store.syncSources(sources, at: Date())
                let fetcher = try CurlFetcher()
                defer { fetcher.shutdown() }
                let polls = Mutex([String: Int]())
                let service = CrawlService(
                    sources: sources,
                    crawler: SourceCrawler(fetcher: fetcher, store: store, logger: quietLogger),
                    concurrency: 2,
                    logger: quietLogger
                ) { report in
                    polls.withLock { $0[report.sourceID, default: 0] += 1 }
                }
                let group = ServiceGroup(configuration: .init(services: [service], logger: quietLogger))
                let running = Task { try await group.run() }
                // Until every source has been polled three times (about 1 s on an idle machine;
                // the bound only matters when the suite's other tests load both cores).
                let began0 = ContinuousClock.now
                while ContinuousClock.now - began0 < .seconds(20) {
                    let counts = polls.withLock { $0 }
                    if counts.count == sources.count, counts.values.allSatisfy({ $0 >= 3 }) { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                await group.triggerGracefulShutdown()
                let began = ContinuousClock.now
                try await running.value
                #expect(ContinuousClock.now - began < .seconds(2))

                let counts = polls.withLock { $0 }
                #expect(Set(counts.keys) == Set(sources.map(\.id)))
                #expect(counts.values.allSatisfy { $0 >= 3 }, "polls per source: \(counts)")
                // Items published while the loop ran were picked up, each once.
                let stored = try store.itemCount()
                #expect(stored > 4)
                #expect(stored <= site.timeline.publishedCount(at: Date()))
                #expect(try store.integrityCheck())
            }
        }
    }
}
