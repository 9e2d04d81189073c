import Foundation
import YuqingCore
import YuqingStore

/// A `PageFetcher` that obeys robots.txt and per-host limits around another fetcher: every
/// request (feeds, list pages, articles, threads) waits for its host's turn (`HostGate`), and
/// one that robots.txt forbids fails with `RobotsRefusal` unsent. robots.txt itself, read once
/// a day per site, is not held by the gate.
public struct PoliteFetcher: PageFetcher {
    private let base: any PageFetcher
    private let userAgent: String
    private let limiter: HostLimiter
    private let robots: RobotsCache

    /// Wraps `base`; `settings` supply the User-Agent matched against robots.txt and the per-host limits.
    /// With a `store`, robots.txt answers are kept there too, so a restart does not ask every site again.
    public init(base: any PageFetcher, settings: CrawlSettings, store: Store? = nil) {
        let limiter = HostLimiter(gate: HostGate(concurrency: settings.perHostConcurrency, delay: settings.perHostDelay))
        self.base = base
        self.userAgent = settings.userAgent
        self.limiter = limiter
        // robots.txt goes around the host gate: the cache reads it at most once at a time per
        // site, once a day, and the page it is read for follows at once instead of a full
        // per-host delay later (which held every first poll of a new host back by that delay).
        self.robots = RobotsCache(store: store) { request in
            try await base.fetch(request)
        }
    }

    /// Fetches `request` once robots.txt and the host's limits allow it.
    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        if request.obeysRobots {
            let verdict = await robots.verdict(for: request.url, template: request)
            await limiter.setCrawlDelay(verdict.policy.crawlDelay(for: userAgent), for: Self.hostKey(request.url))
            guard verdict.policy.allows(request.url, userAgent: userAgent) else {
                throw RobotsRefusal(
                    url: request.url.absoluteString,
                    robotsURL: RobotsCache.robotsURL(for: request.url)?.absoluteString ?? "/robots.txt",
                    userAgent: RobotsPolicy.productToken(of: userAgent),
                    unreachableReason: verdict.unreachableReason
                )
            }
        }
        return try await Self.gated(request, base: base, limiter: limiter)
    }

    /// The key requests are limited by: host and port, so two sites on one machine (or two test
    /// servers on 127.0.0.1) are separate.
    static func hostKey(_ url: URL) -> String {
        let host = url.host?.lowercased() ?? ""
        return url.port.map { "\(host):\($0)" } ?? host
    }

    private static func gated(_ request: FetchRequest, base: any PageFetcher, limiter: HostLimiter) async throws -> FetchResponse {
        let host = hostKey(request.url)
        guard await limiter.acquire(host) else { throw HostWaitAbandoned(url: request.url.absoluteString) }
        do {
            let response = try await base.fetch(request)
            await limiter.release(host)
            return response
        } catch {
            await limiter.release(host)
            throw error
        }
    }
}
