import Foundation
import YuqingCore

/// Carries out `HostGate`'s decisions: callers wait here until their host has a free slot and
/// the delay since its last request has passed.
actor HostLimiter {
    private var gate: HostGate
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Creates a limiter over a gate with the given limits.
    init(gate: HostGate) {
        self.gate = gate
    }

    /// Waits until a request to `host` may start, and counts it as started.
    func acquire(_ host: String) async {
        while true {
            switch gate.acquire(host, now: Date()) {
            case .proceed:
                return
            case .waitUntil(let date):
                // The actor is free while this sleeps, so other hosts are not held up.
                try? await Task.sleep(for: .seconds(max(0.001, date.timeIntervalSinceNow)))
            case .waitForRelease:
                await withCheckedContinuation { waiters[host, default: []].append($0) }
            }
        }
    }

    /// Ends a request to `host` and wakes one caller waiting for it.
    func release(_ host: String) {
        gate.release(host)
        if var queue = waiters[host], !queue.isEmpty {
            queue.removeFirst().resume()
            waiters[host] = queue.isEmpty ? nil : queue
        }
    }

    /// Applies the host's robots.txt Crawl-delay.
    func setCrawlDelay(_ delay: Duration?, for host: String) {
        gate.setCrawlDelay(delay, for: host)
    }
}
