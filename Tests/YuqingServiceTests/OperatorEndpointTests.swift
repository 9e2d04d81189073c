import Foundation
import Hummingbird
import Synchronization
import Testing
import YuqingCore
import YuqingFetch
@testable import YuqingService
import YuqingStore

/// A line-by-line check of the Prometheus text exposition format (version 0.0.4).
struct PrometheusText {
    /// `name{label="value",…} value` — the value a float, `+Inf`, `-Inf` or `NaN`.
    nonisolated(unsafe) static let sample = #/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.eE+-]+|\+Inf|-Inf|NaN)( -?[0-9]+)?$/#
    nonisolated(unsafe) static let help = #/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/#
    nonisolated(unsafe) static let type = #/^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$/#

    /// Lines that are none of the three forms.
    static func badLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            line.wholeMatch(of: sample) == nil && line.wholeMatch(of: help) == nil && line.wholeMatch(of: type) == nil
        }
    }

    /// The value of the sample whose name-and-labels part is exactly `series`.
    static func value(of series: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1).split(separator: " ")[0])
        }
        return nil
    }
}

@Suite struct OperatorEndpointTests {
    static func rss(_ titles: [String]) -> String {
        let items = titles.enumerated().map { index, title in
            "<item><title>\(title)</title><link>http://example.invalid/\(index)</link><guid>g\(index)</guid></item>"
        }.joined()
        return #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>江临日报</title>"#
            + items + "</channel></rss>"
    }

    func get(_ fetcher: CurlFetcher, _ url: URL) async throws -> (Int, String) {
        let response = try await fetcher.fetch(FetchRequest(url: url))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    @Test func metricsParseAsPrometheusTextAndCountersMoveAfterACrawl() async throws {
        try await withTemporaryDirectory { directory in
            let rules = directory.appending(path: "Rules")
            try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
            try "化工厂\n".write(to: rules.appending(path: "环保.txt"), atomically: true, encoding: .utf8)
            // Each poll sees one more item, so every poll stores something new.
            let served = Mutex(0)
            let router = Router()
            router.get("feed.xml") { _, _ -> Response in
                let count = served.withLock { $0 += 1; return $0 }
                let titles = (1 ... count).map { "江临市化工厂第\($0)次排污通报" }
                return Response(status: .ok, headers: [.contentType: "application/rss+xml"],
                                body: .init(byteBuffer: ByteBuffer(string: Self.rss(titles))))
            }
            try await withServer(router) { base in
                var settings = ServiceSettings(databasePath: directory.appending(path: "y.sqlite").path)
                settings.http = HTTPSettings(enabled: true, host: "127.0.0.1", port: 0)
                let source = feedSource("jianglin-daily", base.appending(path: "feed.xml"), interval: .milliseconds(300))
                let daemon = Daemon(configuration: Configuration(directory: directory, settings: settings, sources: [source]),
                                    logger: quietLogger)
                let (endpoints, endpointSink) = AsyncStream.makeStream(of: URL.self)
                let (reports, reportSink) = AsyncStream.makeStream(of: CrawlReport.self)
                let running = Task {
                    try await daemon.run(stopAfter: .seconds(30), onReport: { reportSink.yield($0) },
                                         onEndpoint: { endpointSink.yield($0) })
                }
                defer { running.cancel() }
                var endpointIterator = endpoints.makeAsyncIterator()
                let endpoint = try #require(await endpointIterator.next())
                var reportIterator = reports.makeAsyncIterator()
                _ = await reportIterator.next()

                let fetcher = try CurlFetcher()
                defer { fetcher.shutdown() }
                let (status, before) = try await get(fetcher, endpoint.appending(path: "metrics"))
                #expect(status == 200)
                #expect(PrometheusText.badLines(before) == [])
                for name in ["yuqing_fetches_total", "yuqing_items_stored_total", "yuqing_rule_matches_total",
                             "yuqing_source_consecutive_failures", "yuqing_scheduler_lag_seconds",
                             "yuqing_rule_reloads_total"] {
                    #expect(before.contains("# TYPE \(name) "), "no \(name) in:\n\(before)")
                }
                #expect(PrometheusText.value(of: #"yuqing_source_consecutive_failures{source="jianglin-daily"}"#, in: before) == 0)
                let okBefore = try #require(PrometheusText.value(of: #"yuqing_fetches_total{outcome="ok"}"#, in: before))
                let newBefore = try #require(PrometheusText.value(of: #"yuqing_items_stored_total{kind="new"}"#, in: before))
                #expect(okBefore >= 1)

                // One more poll: the counters move.
                _ = await reportIterator.next()
                let (_, after) = try await get(fetcher, endpoint.appending(path: "metrics"))
                #expect(PrometheusText.badLines(after) == [])
                let okAfter = try #require(PrometheusText.value(of: #"yuqing_fetches_total{outcome="ok"}"#, in: after))
                let newAfter = try #require(PrometheusText.value(of: #"yuqing_items_stored_total{kind="new"}"#, in: after))
                #expect(okAfter > okBefore)
                #expect(newAfter > newBefore)
                #expect((PrometheusText.value(of: #"yuqing_rule_matches_total{group="环保"}"#, in: after) ?? 0) >= 2)

                let (healthStatus, health) = try await get(fetcher, endpoint.appending(path: "healthz"))
                #expect(healthStatus == 200)
                #expect(health == "ok\n")
            }
        }
    }

    @Test func healthzIsUnavailableWithAReasonWhenTheSchedulerStalls() async throws {
        let now = Date()
        #expect(SchedulerHeartbeat().problem(at: now) == "crawl scheduler has not started")
        let running = SchedulerHeartbeat(lastTurn: now.addingTimeInterval(-1))
        #expect(running.problem(at: now) == nil)
        #expect(running.problem(at: now.addingTimeInterval(60))?.contains("has not run for 61 s") == true)
        // Waiting for a free slot a little is normal; waiting a whole interval (or a minute) is not.
        let slightlyLate = SchedulerHeartbeat(lastTurn: now, mostOverdue: .init(
            sourceID: "a", due: now.addingTimeInterval(-30), interval: .seconds(10)))
        #expect(slightlyLate.problem(at: now) == nil)
        let lost = SchedulerHeartbeat(lastTurn: now, mostOverdue: .init(
            sourceID: "a", due: now.addingTimeInterval(-700), interval: .seconds(600)))
        #expect(lost.problem(at: now)?.contains("source a is 700 s overdue") == true)
    }

    @Test func outboxGaugesFollowTheDeliveryStates() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await AlertServiceTests.storeWithAlert(at: directory.appending(path: "y.sqlite").path)
            let gauges = Daemon.outboxGauges(store: store)
            func value(_ name: String, _ state: String? = nil) async -> Double? {
                await gauges().first { $0.name == name && $0.labels.map(\.1) == (state.map { [$0] } ?? []) }?.value
            }
            #expect(await value("yuqing_outbox_depth") == 2)
            #expect(await value("yuqing_alert_deliveries", "pending") == 2)
            #expect(await value("yuqing_alert_deliveries", "sent") == 0)
            let due = try await store.dueDeliveries(now: AlertServiceTests.t0)
            try await store.markDeliverySent(due[0].id, at: AlertServiceTests.t0)
            try await store.markDeliveryFailed(due[1].id, error: "HTTP 404 (permanent failure)")
            #expect(await value("yuqing_outbox_depth") == 0)
            #expect(await value("yuqing_alert_deliveries", "sent") == 1)
            #expect(await value("yuqing_alert_deliveries", "failed") == 1)
        }
    }
}
