import Foundation
import ServiceLifecycle
import YuqingCore

/// Carries out `HostGate`'s decisions: callers wait here until their host has a free slot and
/// the delay since its last request has passed.
actor HostLimiter {
    /// How often a waiting caller looks again: short enough that a freed slot is taken at once
    /// in practice, long enough to cost nothing.
    static let recheck: Duration = .milliseconds(25)

    private var gate: HostGate

    /// Creates a limiter over a gate with the given limits.
    init(gate: HostGate) {
        self.gate = gate
    }

    /// Waits until a request to `host` may start, and counts it as started. Returns false, with
    /// nothing counted, when the task is cancelled or the service is shutting down meanwhile:
    /// a queue of waiting polls must not hold up a SIGTERM.
    func acquire(_ host: String) async -> Bool {
        while true {
            let pause: Duration
            switch gate.acquire(host, now: Date()) {
            case .proceed:
                return true
            case .waitUntil(let date):
                pause = min(.seconds(max(0.001, date.timeIntervalSinceNow)), Self.recheck * 4)
            case .waitForRelease:
                pause = Self.recheck
            }
            if Task.isCancelled || Task.isShuttingDownGracefully { return false }
            // The actor is free while this sleeps, so other hosts are not held up.
            try? await Task.sleep(for: pause)
        }
    }

    /// Ends a request to `host`.
    func release(_ host: String) {
        gate.release(host)
    }

    /// Applies the host's robots.txt Crawl-delay.
    func setCrawlDelay(_ delay: Duration?, for host: String) {
        gate.setCrawlDelay(delay, for: host)
    }
}
