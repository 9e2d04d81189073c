import Foundation

/// What one fetch of one source did: written to the fetch log and folded into the
/// source's health (`SourceState`).
public struct FetchRecord: Sendable, Hashable {
    /// The source fetched.
    public var sourceID: String
    /// When the request was started.
    public var startedAt: Date
    /// Wall time from the start of the request to the end of parsing.
    public var duration: Duration
    /// HTTP status of the final response; nil when none arrived.
    public var status: Int?
    /// How the fetch ended.
    public var outcome: FetchOutcome
    /// A one-line description of what went wrong, for failed fetches.
    public var error: String?
    /// Entries found in the document.
    public var itemsFound: Int
    /// Entries stored for the first time.
    public var itemsNew: Int
    /// `ETag` the server sent with this response, if any.
    public var etag: String?
    /// `Last-Modified` the server sent with this response, if any.
    public var lastModified: String?
    /// `BodyDigest` of the feed body this fetch received (it becomes the source's when the
    /// fetch succeeds and its items are stored); nil for other kinds and incomplete readings.
    public var bodyDigest: String?

    /// Creates a record.
    public init(
        sourceID: String,
        startedAt: Date,
        duration: Duration,
        status: Int?,
        outcome: FetchOutcome,
        error: String? = nil,
        itemsFound: Int = 0,
        itemsNew: Int = 0,
        etag: String? = nil,
        lastModified: String? = nil,
        bodyDigest: String? = nil
    ) {
        self.sourceID = sourceID
        self.startedAt = startedAt
        self.duration = duration
        self.status = status
        self.outcome = outcome
        self.error = error
        self.itemsFound = itemsFound
        self.itemsNew = itemsNew
        self.etag = etag
        self.lastModified = lastModified
        self.bodyDigest = bodyDigest
    }

    /// The duration in whole milliseconds, never negative.
    public var durationMilliseconds: Int64 {
        let (seconds, attoseconds) = duration.components
        return max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    /// The error text to keep for a failed fetch: `error` when given, else a
    /// description built from the outcome and status.
    public var errorDescription: String {
        if let error, !error.isEmpty { return error }
        switch outcome {
        case .httpError: return status.map { "HTTP \($0)" } ?? "HTTP error"
        case .transportError: return "transport error"
        case .parseError: return "parse error"
        case .ok, .notModified: return ""
        }
    }
}
