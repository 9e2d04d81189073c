import Foundation

/// Per-host politeness as a pure state machine: at most `concurrency` requests in flight to
/// one host, and starts at least `delay` apart (raised by the host's robots.txt Crawl-delay,
/// up to `maximumCrawlDelay`). The fetch path asks it before every request and tells it when
/// each one ends; the clock is passed in, so tests use a fake one.
public struct HostGate: Sendable {
    /// What a request to a host must do now.
    public enum Decision: Sendable, Hashable {
        /// Go ahead; the request now counts as in flight until `release`.
        case proceed
        /// Too soon after the previous start: ask again at this time.
        case waitUntil(Date)
        /// Every slot for the host is taken: ask again after a `release` for it.
        case waitForRelease
    }

    private struct HostState: Sendable {
        var inFlight = 0
        var lastStart: Date?
        var crawlDelay: Duration?
    }

    /// Most requests in flight to one host.
    public var concurrency: Int
    /// Least time between two request starts to one host.
    public var delay: Duration
    /// A robots.txt Crawl-delay above this is capped: a site asking for an hour would stall its source for good.
    public var maximumCrawlDelay: Duration
    private var hosts: [String: HostState] = [:]

    /// Creates a gate; `concurrency` below 1 counts as 1, a negative delay as none.
    public init(concurrency: Int = 2, delay: Duration = .seconds(1), maximumCrawlDelay: Duration = .seconds(60)) {
        self.concurrency = max(1, concurrency)
        self.delay = max(.zero, delay)
        self.maximumCrawlDelay = maximumCrawlDelay
    }

    /// Records the host's robots.txt Crawl-delay (nil clears it).
    public mutating func setCrawlDelay(_ crawlDelay: Duration?, for host: String) {
        hosts[host, default: HostState()].crawlDelay = crawlDelay.map { min($0, maximumCrawlDelay) }
    }

    /// The spacing in force for `host`: the larger of `delay` and its Crawl-delay.
    public func effectiveDelay(for host: String) -> Duration {
        max(delay, hosts[host]?.crawlDelay ?? .zero)
    }

    /// Requests to `host` in flight now.
    public func inFlight(_ host: String) -> Int { hosts[host]?.inFlight ?? 0 }

    /// Asks to start a request to `host` at `now`; on `.proceed` it counts as started.
    public mutating func acquire(_ host: String, now: Date) -> Decision {
        var state = hosts[host, default: HostState()]
        guard state.inFlight < concurrency else { return .waitForRelease }
        if let lastStart = state.lastStart {
            let earliest = lastStart.addingTimeInterval(effectiveDelay(for: host).seconds)
            if earliest > now { return .waitUntil(earliest) }
        }
        state.inFlight += 1
        state.lastStart = now
        hosts[host] = state
        return .proceed
    }

    /// Records that a request to `host` ended (answered, failed or abandoned).
    public mutating func release(_ host: String) {
        guard var state = hosts[host], state.inFlight > 0 else { return }
        state.inFlight -= 1
        hosts[host] = state
    }
}
