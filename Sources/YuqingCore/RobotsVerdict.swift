import Foundation

/// What one attempt to fetch a site's robots.txt means, and how long to keep believing it
/// (RFC 9309 §2.3.1): 2xx → the file's rules; 4xx → no rules at all; 5xx, 429 or no answer →
/// the whole site is off limits for a short while, then robots.txt is asked again.
public struct RobotsVerdict: Sendable, Hashable {
    /// The policy to apply.
    public var policy: RobotsPolicy
    /// How long it holds before robots.txt is fetched again.
    public var lifetime: Duration
    /// Why the site is refused when the file could not be read; nil when the file decided.
    public var unreachableReason: String?

    /// How long a readable (or missing) robots.txt is trusted.
    public static let normalLifetime: Duration = .seconds(24 * 3_600)
    /// How long an unreachable robots.txt keeps the site refused before we ask again.
    public static let unreachableLifetime: Duration = .seconds(10 * 60)

    /// Creates a verdict.
    public init(policy: RobotsPolicy, lifetime: Duration, unreachableReason: String? = nil) {
        self.policy = policy
        self.lifetime = lifetime
        self.unreachableReason = unreachableReason
    }

    /// The verdict for an HTTP answer (`status`, `body`) to the robots.txt request.
    public static func answered(status: Int, body: Data) -> RobotsVerdict {
        switch status {
        case 200 ..< 300:
            let text = String(decoding: body.prefix(RobotsPolicy.maximumParsedBytes), as: UTF8.self)
            return RobotsVerdict(policy: RobotsPolicy(parsing: text), lifetime: normalLifetime)
        case 429:
            return unreachable("robots.txt answered HTTP 429 (too many requests)")
        case 400 ..< 500:
            return RobotsVerdict(policy: .allowAll, lifetime: normalLifetime)
        default:
            return unreachable("robots.txt answered HTTP \(status)")
        }
    }

    /// The verdict when no HTTP answer came (DNS, connect, timeout); `reason` says which.
    public static func unreachable(_ reason: String) -> RobotsVerdict {
        RobotsVerdict(policy: .disallowAll, lifetime: unreachableLifetime, unreachableReason: reason)
    }
}
