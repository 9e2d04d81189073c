import Foundation
import Testing
import YuqingCore

@Suite struct HostGateTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func limitsConcurrencyPerHost() {
        var gate = HostGate(concurrency: 2, delay: .zero)
        #expect(gate.acquire("a", now: start) == .proceed)
        #expect(gate.acquire("a", now: start) == .proceed)
        #expect(gate.acquire("a", now: start) == .waitForRelease)
        // Another host is not held up.
        #expect(gate.acquire("b", now: start) == .proceed)
        gate.release("a")
        #expect(gate.acquire("a", now: start) == .proceed)
        #expect(gate.inFlight("a") == 2)
    }

    @Test func spacesStartsByTheDelay() {
        var gate = HostGate(concurrency: 4, delay: .seconds(1))
        #expect(gate.acquire("a", now: start) == .proceed)
        #expect(gate.acquire("a", now: start.addingTimeInterval(0.4)) == .waitUntil(start.addingTimeInterval(1)))
        #expect(gate.acquire("a", now: start.addingTimeInterval(1)) == .proceed)
    }

    @Test func crawlDelayRaisesTheDelayUpToACap() {
        var gate = HostGate(concurrency: 4, delay: .seconds(1), maximumCrawlDelay: .seconds(30))
        gate.setCrawlDelay(.seconds(5), for: "a")
        #expect(gate.effectiveDelay(for: "a") == .seconds(5))
        #expect(gate.effectiveDelay(for: "b") == .seconds(1))
        #expect(gate.acquire("a", now: start) == .proceed)
        #expect(gate.acquire("a", now: start.addingTimeInterval(2)) == .waitUntil(start.addingTimeInterval(5)))
        gate.setCrawlDelay(.seconds(3_600), for: "a")
        #expect(gate.effectiveDelay(for: "a") == .seconds(30))
        // A Crawl-delay below the configured delay does not lower it.
        gate.setCrawlDelay(.milliseconds(100), for: "a")
        #expect(gate.effectiveDelay(for: "a") == .seconds(1))
    }

    @Test func zeroDelayNeverWaits() {
        var gate = HostGate(concurrency: 1, delay: .zero)
        #expect(gate.acquire("a", now: start) == .proceed)
        gate.release("a")
        #expect(gate.acquire("a", now: start) == .proceed)
        gate.release("a")
        gate.release("a")
        #expect(gate.inFlight("a") == 0)
    }
}
