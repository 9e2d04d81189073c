import Foundation

/// One site's robots.txt answer as the store keeps it, so a restarted daemon obeys it without
/// asking every site again (see `Store.robots(site:)`).
public struct StoredRobots: Sendable, Hashable {
    /// The robots.txt address, lower-cased (`http://host:port/robots.txt`): the cache key.
    public var site: String
    /// The HTTP status robots.txt answered with.
    public var status: Int
    /// The body, at most `RobotsPolicy.maximumParsedBytes` of it (empty for a 4xx).
    public var body: Data
    /// When it was fetched: it holds until `fetchedAt` + the verdict's lifetime (at most 24 h).
    public var fetchedAt: Date

    /// Creates a record.
    public init(site: String, status: Int, body: Data, fetchedAt: Date) {
        self.site = site
        self.status = status
        self.body = body
        self.fetchedAt = fetchedAt
    }
}
