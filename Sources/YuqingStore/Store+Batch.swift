import Foundation
import GRDB
import YuqingCore

extension Store {
    /// The writes of several polls inside one transaction (see `writePolls(_:)`): each save and
    /// each fetch record runs in its own savepoint, so one poll's failure undoes only its own
    /// write, while the batch pays for one commit.
    public struct PollBatch {
        let db: Database
        let path: String
        /// Set when SQLite rolled the whole transaction back (see `inSavepoint`).
        let abort: AbortNote

        /// Stores one poll's entries as `save(_:from:at:)` does. On failure only this save is undone.
        public func save(_ entries: [FeedEntry], from sourceID: String, at date: Date) throws(StoreError) -> SaveOutcome {
            try inSavepoint("save items of source \(sourceID)") { db, path in
                try Store.save(entries, from: sourceID, at: date, in: db, path: path)
            }
        }

        /// Records one fetch as `recordFetch(_:)` does. On failure only this record is undone.
        public func recordFetch(_ record: FetchRecord) throws(StoreError) {
            try inSavepoint("record a fetch of source \(record.sourceID)") { db, path in
                try Store.recordFetch(record, in: db, path: path)
            }
        }

        private func inSavepoint<T>(_ operation: String, _ body: (Database, String) throws -> T) throws(StoreError) -> T {
            // Nothing may run once the transaction is gone: it would be committed on its own.
            if let error = abort.error { throw error }
            do {
                var result: T?
                try db.inSavepoint {
                    result = try body(db, path)
                    return .commit
                }
                // inSavepoint commits or throws, so result is set here.
                return result!
            } catch {
                // Some errors (a full disk, I/O) make SQLite roll back the whole transaction: the
                // batch cannot go on, and its other writes are gone too. Abort the batch.
                let wrapped = StoreError.wrapping(error, path: path, operation: operation)
                if !db.isInsideTransaction { abort.error = wrapped }
                throw wrapped
            }
        }
    }

    /// The error that made SQLite roll back a batch's transaction, once one has.
    final class AbortNote {
        var error: StoreError?
    }

    /// Runs `body` in one write transaction with the poll writes of `PollBatch`, waiting for the
    /// writer without blocking a thread. Errors `body` catches from one poll's write leave the
    /// others in place; an error it throws (or a failed commit) undoes the whole batch.
    public func writePolls<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (PollBatch) throws(StoreError) -> T
    ) async throws(StoreError) -> T {
        let path = path
        do {
            return try await pool.write { db in
                let abort = AbortNote()
                let result = try body(PollBatch(db: db, path: path, abort: abort))
                if let error = abort.error { throw error }
                // Outside the polls' savepoints: one index write for the whole batch.
                try Store.indexPendingItems(in: db)
                return result
            }
        } catch {
            throw StoreError.wrapping(error, path: path, operation: operation)
        }
    }
}
