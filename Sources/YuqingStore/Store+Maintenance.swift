import Foundation
import GRDB
import YuqingCore

extension Store {
    /// Sizes of the database file before and after `vacuum()`, in bytes.
    public struct VacuumResult: Sendable {
        /// The file and its WAL before.
        public var bytesBefore: Int64
        /// The file and its WAL after.
        public var bytesAfter: Int64
    }

    /// Writes a consistent copy of the database to `destination` with SQLite's online backup
    /// API while the daemon keeps writing; the copy is built next to it and renamed into place,
    /// so `destination` is never a half-written file. Replaces an existing `destination`.
    /// - Parameter progress: called after each step with the fraction copied (0…1).
    public func backup(to destination: String, progress: (@Sendable (Double) -> Void)? = nil) throws(StoreError) {
        let partial = destination + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        let fileManager = FileManager.default
        try? fileManager.removeItem(atPath: partial)
        do {
            let copy = try DatabaseQueue(path: partial)
            try pool.backup(to: copy, pagesPerStep: 1_024) { step in
                progress?(step.totalPageCount == 0 ? 1 : Double(step.completedPageCount) / Double(step.totalPageCount))
            }
            try copy.close()
            // rename(2) replaces atomically; Foundation's replaceItemAt wants an existing target on Linux.
            guard rename(partial, destination) == 0 else {
                throw StoreError.failed(path: path, operation: "back up to \(destination)",
                                        message: "cannot rename the copy into place: \(String(cString: strerror(errno)))")
            }
        } catch let error as StoreError {
            try? fileManager.removeItem(atPath: partial)
            throw error
        } catch {
            try? fileManager.removeItem(atPath: partial)
            throw StoreError.wrapping(error, path: path, operation: "back up to \(destination)")
        }
    }

    /// Rebuilds the file without free pages (`VACUUM`), then lets SQLite refresh its planner
    /// statistics (`PRAGMA optimize`). Blocks writers while it runs: minutes on a large store.
    public func vacuum() throws(StoreError) -> VacuumResult {
        let before = fileBytes()
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "PRAGMA optimize")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw StoreError.wrapping(error, path: path, operation: "vacuum the database")
        }
        return VacuumResult(bytesBefore: before, bytesAfter: fileBytes())
    }

    /// Deletes items first seen before `date` that nothing still needs, with their rule matches
    /// (`ON DELETE CASCADE`) and their full-text index rows (trigger); returns how many went.
    ///
    /// THE place that decides which old items may go. Each entry of `itemReferencesThatKeep`
    /// is an SQL condition, true for an item something still needs; an item is deleted only
    /// when none is true. Tables added later that point at items (stories, the alert outbox,
    /// the digest ledger) add their condition there, so retention never breaks a report.
    @discardableResult
    public func pruneItems(before date: Date) throws(StoreError) -> Int {
        let keep = Self.itemReferencesThatKeep.map { "NOT (\($0))" }
        let sql = (["DELETE FROM item WHERE first_seen_at < ?"] + keep).joined(separator: " AND ")
        return try write("prune items") { db in
            try db.execute(sql: sql, arguments: [date])
            return db.changesCount
        }
    }

    /// Conditions (over the `item` row being considered) under which an old item is kept.
    /// Example for a story table: `EXISTS (SELECT 1 FROM story WHERE story.first_item_id = item.id)`.
    static let itemReferencesThatKeep: [String] = [
        // An alert not yet out (held for quiet hours, or a delivery still pending) keeps its
        // item: `yuqing alerts` and the morning summary show it, and `alert.item_id` would
        // otherwise turn NULL under an alert nobody has received yet.
        """
        EXISTS (SELECT 1 FROM alert WHERE alert.item_id = item.id AND (alert.state = 'held'
            OR EXISTS (SELECT 1 FROM alert_delivery WHERE alert_delivery.alert_id = alert.id
                       AND alert_delivery.state = 'pending')))
        """,
    ]

    /// Bytes of the database file plus its WAL.
    func fileBytes() -> Int64 {
        [path, path + "-wal"].reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
            return total + size
        }
    }
}
