import Foundation

/// The health and conditional-GET state of one source, built up from its fetches.
public struct SourceState: Sendable, Hashable, Identifiable {
    /// The source this state belongs to.
    public var sourceID: String
    /// `ETag` of the last successful response, sent back as `If-None-Match`.
    public var etag: String?
    /// `Last-Modified` of the last successful response, sent back as `If-Modified-Since`.
    public var lastModified: String?
    /// `BodyDigest` of the feed body last read and stored: an identical body is not read again.
    public var bodyDigest: String?
    /// Start of the most recent fetch, whatever its outcome.
    public var lastFetchAt: Date?
    /// Start of the most recent successful fetch (`ok` or `not_modified`).
    public var lastSuccessAt: Date?
    /// Start of the most recent fetch that found at least one new item.
    public var lastNewItemAt: Date?
    /// Failures since the last success; drives backoff and "source is down" warnings.
    public var consecutiveFailures: Int
    /// Failures ever recorded.
    public var totalFailures: Int
    /// Fetches ever recorded.
    public var totalFetches: Int
    /// The most recent error; kept after a success so `status` can still show it.
    public var lastError: String?

    /// The `Identifiable` id: the source id.
    public var id: String { sourceID }

    /// Creates a state; a source never fetched has only its id.
    public init(
        sourceID: String,
        etag: String? = nil,
        lastModified: String? = nil,
        bodyDigest: String? = nil,
        lastFetchAt: Date? = nil,
        lastSuccessAt: Date? = nil,
        lastNewItemAt: Date? = nil,
        consecutiveFailures: Int = 0,
        totalFailures: Int = 0,
        totalFetches: Int = 0,
        lastError: String? = nil
    ) {
        self.sourceID = sourceID
        self.etag = etag
        self.lastModified = lastModified
        self.bodyDigest = bodyDigest
        self.lastFetchAt = lastFetchAt
        self.lastSuccessAt = lastSuccessAt
        self.lastNewItemAt = lastNewItemAt
        self.consecutiveFailures = consecutiveFailures
        self.totalFailures = totalFailures
        self.totalFetches = totalFetches
        self.lastError = lastError
    }

    /// The state after `record`.
    ///
    /// - A success resets `consecutiveFailures`. After `ok` the validators are the
    ///   ones the response carried (none means the server stopped sending them);
    ///   after `not_modified` the old ones stay unless the 304 carried new ones.
    /// - A failure counts up and records the error, and never touches the
    ///   validators: a 200 whose body failed to parse must be fetched in full
    ///   again, not answered with a 304 that would hide its items for good.
    public func applying(_ record: FetchRecord) -> SourceState {
        var next = self
        next.totalFetches += 1
        next.lastFetchAt = record.startedAt
        if record.outcome.isSuccess {
            next.consecutiveFailures = 0
            next.lastSuccessAt = record.startedAt
            switch record.outcome {
            case .notModified:
                next.etag = record.etag ?? etag
                next.lastModified = record.lastModified ?? lastModified
                next.bodyDigest = record.bodyDigest ?? bodyDigest
            default:
                next.etag = record.etag
                next.lastModified = record.lastModified
                next.bodyDigest = record.bodyDigest
            }
        } else {
            next.consecutiveFailures += 1
            next.totalFailures += 1
            next.lastError = record.errorDescription
        }
        if record.itemsNew > 0 {
            next.lastNewItemAt = record.startedAt
        }
        return next
    }
}
