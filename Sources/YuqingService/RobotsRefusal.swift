import Foundation

/// A fetch not made because the site's robots.txt forbids it (or could not be read, which
/// RFC 9309 says to treat as forbidding everything for a while).
public struct RobotsRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The page that was not fetched.
    public var url: String
    /// The robots.txt that decided.
    public var robotsURL: String
    /// The product token the rules were matched for.
    public var userAgent: String
    /// Set when robots.txt itself could not be read (5xx, 429, no answer).
    public var unreachableReason: String?

    /// Creates a refusal.
    public init(url: String, robotsURL: String, userAgent: String, unreachableReason: String? = nil) {
        self.url = url
        self.robotsURL = robotsURL
        self.userAgent = userAgent
        self.unreachableReason = unreachableReason
    }

    /// One line naming the page, the robots.txt and what to do.
    public var description: String {
        if let unreachableReason {
            return "\(url): not fetched because \(robotsURL) is unavailable: \(unreachableReason); "
                + "the site is treated as disallowed for now and robots.txt will be asked again in a few minutes"
        }
        return "\(url): disallowed by \(robotsURL) for user-agent '\(userAgent)'; the site asks crawlers not to "
            + "fetch this page. Ask the site, remove the source, or, only for a site your office runs, "
            + "set 'robots: ignore' on the source in Sources.yml"
    }
}
