import Foundation
import GRDB
import YuqingCore

extension Store {
    /// Appends `record` to the fetch log and folds it into the source's
    /// `SourceState` (see `SourceState.applying(_:)`), in one transaction.
    public func recordFetch(_ record: FetchRecord) throws(StoreError) {
        let path = path
        try write("record a fetch of source \(record.sourceID)") { db in
            try Self.recordFetch(record, in: db, path: path)
        }
    }

    /// `recordFetch(_:)` without blocking a thread while another write finishes.
    public func recordFetch(_ record: FetchRecord) async throws(StoreError) {
        let path = path
        try await write("record a fetch of source \(record.sourceID)") { db in
            try Self.recordFetch(record, in: db, path: path)
        }
    }

    /// The health of source `id`; nil until its first fetch is recorded.
    public func sourceState(id: String) throws(StoreError) -> SourceState? {
        try read("read the state of source \(id)") { db in try Self.sourceState(id: id, in: db) }
    }

    /// `sourceState(id:)` without blocking a thread.
    public func sourceState(id: String) async throws(StoreError) -> SourceState? {
        try await read("read the state of source \(id)") { db in try Self.sourceState(id: id, in: db) }
    }

    /// The health of every source fetched at least once, by source id.
    public func allSourceStates() throws(StoreError) -> [SourceState] {
        try read("read source states") { db in try Self.allSourceStates(in: db) }
    }

    /// `allSourceStates()` without blocking a thread.
    public func allSourceStates() async throws(StoreError) -> [SourceState] {
        try await read("read source states") { db in try Self.allSourceStates(in: db) }
    }

    /// How many fetches of `sourceID` (or of all sources) the log holds.
    public func fetchLogCount(sourceID: String? = nil) throws(StoreError) -> Int {
        try read("count fetch log entries") { db in
            if let sourceID {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM fetch_log WHERE source_id = ?", arguments: [sourceID])
                    ?? 0
            } else {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM fetch_log") ?? 0
            }
        }
    }

    /// Deletes fetch log entries started before `date` and returns how many went.
    /// The log grows by one row per fetch (about 70,000 a day for 500 sources polled
    /// every 10 minutes); `source_state` keeps the totals, so old rows can go.
    @discardableResult
    public func pruneFetchLog(before date: Date) throws(StoreError) -> Int {
        try write("prune the fetch log") { db in
            try db.execute(sql: "DELETE FROM fetch_log WHERE started_at < ?", arguments: [date])
            return db.changesCount
        }
    }

    // MARK: - Implementation

    static func recordFetch(_ record: FetchRecord, in db: Database, path: String) throws {
        try requireSource(record.sourceID, in: db, path: path, operation: "record a fetch")
        // Cached statements: this runs once a poll, and preparing each anew showed in profiles.
        try db.cachedStatement(sql: """
                INSERT INTO fetch_log (source_id, started_at, duration_ms, status, outcome, error,
                                       items_found, items_new)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(
            arguments: [
                record.sourceID, StoredDate(record.startedAt), record.durationMilliseconds, record.status,
                record.outcome.rawValue, record.outcome.isSuccess ? record.error : record.errorDescription,
                record.itemsFound, record.itemsNew,
            ])

        let current = try sourceState(id: record.sourceID, in: db) ?? SourceState(sourceID: record.sourceID)
        let next = current.applying(record)
        try db.cachedStatement(sql: """
                INSERT INTO source_state (source_id, etag, last_modified, body_digest, last_fetch_at,
                                          last_success_at, last_new_item_at, consecutive_failures,
                                          total_failures, total_fetches, last_error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source_id) DO UPDATE SET
                    etag = excluded.etag, last_modified = excluded.last_modified,
                    body_digest = excluded.body_digest,
                    last_fetch_at = excluded.last_fetch_at, last_success_at = excluded.last_success_at,
                    last_new_item_at = excluded.last_new_item_at,
                    consecutive_failures = excluded.consecutive_failures,
                    total_failures = excluded.total_failures, total_fetches = excluded.total_fetches,
                    last_error = excluded.last_error
                """).execute(
            arguments: [
                next.sourceID, next.etag, next.lastModified, next.bodyDigest, next.lastFetchAt.map(StoredDate.init),
                next.lastSuccessAt.map(StoredDate.init), next.lastNewItemAt.map(StoredDate.init),
                next.consecutiveFailures, next.totalFailures, next.totalFetches,
                next.lastError,
            ])
    }

    static func allSourceStates(in db: Database) throws -> [SourceState] {
        try Row.fetchAll(db, sql: "SELECT * FROM source_state ORDER BY source_id").map(sourceState)
    }

    /// The stored state of source `id`, through a cached statement: every poll reads it.
    static func sourceState(id: String, in db: Database) throws -> SourceState? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM source_state WHERE source_id = ?"), arguments: [id])
            .map(sourceState)
    }

    private static func sourceState(_ row: Row) throws -> SourceState {
        SourceState(
            sourceID: try row.decode(forColumn: "source_id"),
            etag: try row.decode(forColumn: "etag"),
            lastModified: try row.decode(forColumn: "last_modified"),
            bodyDigest: try row.decode(forColumn: "body_digest"),
            lastFetchAt: try row.decode(forColumn: "last_fetch_at"),
            lastSuccessAt: try row.decode(forColumn: "last_success_at"),
            lastNewItemAt: try row.decode(forColumn: "last_new_item_at"),
            consecutiveFailures: try row.decode(forColumn: "consecutive_failures"),
            totalFailures: try row.decode(forColumn: "total_failures"),
            totalFetches: try row.decode(forColumn: "total_fetches"),
            lastError: try row.decode(forColumn: "last_error")
        )
    }
}
