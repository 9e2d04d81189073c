import Foundation
import YuqingCore

/// What one poll of one source did, for the schedule, the logs and the command line.
public struct CrawlReport: Sendable {
    /// The source polled.
    public var sourceID: String
    /// The fetch-log record written for it.
    public var record: FetchRecord
    /// Every entry the document held (also filled on a dry run, which stores nothing).
    public var entries: [FeedEntry]
    /// Items stored for the first time.
    public var inserted: [StoredItem]
    /// Items that changed and were updated.
    public var updated: [StoredItem]
    /// Rule matches recorded for the inserted and updated items.
    public var matches: [RecordedMatch]
    /// The delay a 429/503 answer asked for, if any.
    public var retryAfter: Duration?

    /// True when the poll never started because the daemon was stopping; nothing was recorded.
    public var abandoned = false

    /// Store writes that failed during the poll (`items`, `fetch_log`), for the metrics.
    public var storeWriteErrors: [String] = []

    /// Whether the poll produced a usable answer (a 304 counts).
    public var succeeded: Bool { record.outcome.isSuccess }
}
