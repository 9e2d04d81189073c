import Foundation
import ServiceLifecycle
import Synchronization
import Testing
import YuqingCore
import YuqingDemo
import YuqingFetch
import YuqingService
import YuqingStore

/// A hostile site among healthy ones: the crawl loop must keep polling the healthy sources on
/// schedule while the hostile one fails with a clear reason.
@Suite struct HostileSourceTests {
    @Test func aDrippingSourceDoesNotStallTheOthers() async throws {
        let drip = try HostileServer(.write(
            head: "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n",
            body: .bytes(Data(repeating: UInt8(ascii: "<"), count: 100_000)), chunk: 1,
            pause: .milliseconds(300), reset: false))
        defer { drip.stop() }
        let bomb = try HostileServer(.write(
            head: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n",
            body: .endless(Data(repeating: UInt8(ascii: "a"), count: 65_536)), chunk: 65_536,
            pause: .zero, reset: false))
        defer { bomb.stop() }
        let site = DemoSite(catalog: try DemoCatalog.bundled(), interval: .milliseconds(300), initialCount: 4)
        try await withTemporaryDirectory { directory in
            try await withServer(site.router()) { base in
                let healthy = site.catalog.feeds.prefix(2).map {
                    feedSource("ok-\($0.id)", URL(string: base.absoluteString + $0.path)!, interval: .milliseconds(200))
                }
                let sources = healthy + [
                    feedSource("drip", drip.url("/feed.xml"), interval: .milliseconds(200)),
                    feedSource("endless", bomb.url("/feed.xml"), interval: .milliseconds(200)),
                ]
                let store = try Store(path: directory.appending(path: "y.sqlite").path)
                try await store.syncSources(sources, at: Date())
                let fetcher = try CurlFetcher(limits: FetchLimits(
                    totalTimeout: .seconds(20), maxBodyBytes: 1_000_000,
                    // 3 s, not 1: on a loaded CI machine a healthy loopback answer can pause for
                    // a second; the drip (about 3 bytes a second) is still cut within 3 s.
                    lowSpeedBytesPerSecond: 1_000, lowSpeedTime: .seconds(3)))
                defer { fetcher.shutdown() }
                let reports = Mutex([String: [CrawlReport]]())
                let service = CrawlService(
                    sources: sources,
                    crawler: SourceCrawler(fetcher: fetcher, store: store, logger: quietLogger),
                    concurrency: 2,
                    logger: quietLogger
                ) { report in
                    reports.withLock { $0[report.sourceID, default: []].append(report) }
                }
                let group = ServiceGroup(configuration: .init(services: [service], logger: quietLogger))
                let running = Task { try await group.run() }
                // Until each healthy source has been polled four times and each hostile one has
                // failed at least once (about 4 s on an idle machine).
                let began = ContinuousClock.now
                while ContinuousClock.now - began < .seconds(30) {
                    let seen = reports.withLock { $0 }
                    let healthyDone = healthy.allSatisfy { (seen[$0.id]?.count ?? 0) >= 4 }
                    let hostileDone = ["drip", "endless"].allSatisfy { id in (seen[id] ?? []).contains { !$0.succeeded && !$0.abandoned } }
                    if healthyDone && hostileDone { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                await group.triggerGracefulShutdown()
                try await running.value

                let seen = reports.withLock { $0 }
                for source in healthy {
                    let polls = seen[source.id] ?? []
                    #expect(polls.count >= 4, "\(source.id) polled \(polls.count) times beside a dripping source")
                    let failures = polls.filter { !$0.succeeded }.map { $0.record.error ?? "status \($0.record.status ?? 0)" }
                    #expect(failures.isEmpty, "\(source.id) failed beside a dripping source: \(failures)")
                }
                let dripFailures = (seen["drip"] ?? []).filter { !$0.succeeded && !$0.abandoned }
                #expect(!dripFailures.isEmpty, "the dripping source was cut off and recorded as failing")
                let dripReasons = dripFailures.map { $0.record.error ?? "-" }
                #expect(dripReasons.allSatisfy { $0.localizedCaseInsensitiveContains("timed out") || $0.contains("timeout") }, "\(dripReasons)")
                let endless = (seen["endless"] ?? []).filter { !$0.abandoned }
                let endlessReasons = endless.map { $0.record.error ?? "" }
                #expect(!endless.isEmpty && endless.allSatisfy { !$0.succeeded })
                #expect(endlessReasons.allSatisfy { $0.contains("1000000") }, "\(endlessReasons)")
                #expect(try store.integrityCheck())
            }
        }
    }
}
