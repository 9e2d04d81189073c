import Foundation
import GRDB
import YuqingCore

/// Forum thread marks (table `forum_thread`): what a board showed for each thread when its
/// page was last read, so `kind: forum` polls fetch only threads that changed.
extension Store {
    /// The thread marks of `sourceID` among `dedupKeys` that still describe the stored item
    /// (same content hash): a mark whose item was not saved, or was changed since, is left
    /// out, so that thread is read again.
    public func threadMarks(sourceID: String, dedupKeys: [String]) async throws(StoreError) -> [String: ThreadMark] {
        let keys = Array(Set(dedupKeys))
        guard !keys.isEmpty else { return [:] }
        return try await read("read forum thread marks of source \(sourceID)") { db in
            var found: [String: ThreadMark] = [:]
            for start in stride(from: 0, to: keys.count, by: Self.keysPerQuery) {
                let chunk = Array(keys[start ..< min(start + Self.keysPerQuery, keys.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT t.dedup_key, t.replies, t.last_post, t.content_hash
                    FROM forum_thread t
                    JOIN item i ON i.source_id = t.source_id AND i.dedup_key = t.dedup_key
                                   AND i.content_hash = t.content_hash
                    WHERE t.source_id = ? AND t.dedup_key IN (\(marks))
                    """, arguments: StatementArguments([sourceID] + chunk))
                for row in rows {
                    let mark = ThreadMark(
                        dedupKey: row["dedup_key"], replies: row["replies"], lastPost: row["last_post"],
                        contentHash: row["content_hash"])
                    found[mark.dedupKey] = mark
                }
            }
            return found
        }
    }

    /// Remembers what the thread list showed for threads just read. Written before their
    /// items are saved; `threadMarks` ignores a mark until the item matches it.
    public func recordThreadMarks(_ marks: [ThreadMark], sourceID: String, at date: Date) async throws(StoreError) {
        guard !marks.isEmpty else { return }
        let path = path
        try await write("record forum thread marks of source \(sourceID)") { db in
            try Self.requireSource(sourceID, in: db, path: path, operation: "record forum thread marks")
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO forum_thread (source_id, dedup_key, replies, last_post, content_hash, read_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (source_id, dedup_key) DO UPDATE SET
                    replies = excluded.replies, last_post = excluded.last_post,
                    content_hash = excluded.content_hash, read_at = excluded.read_at
                """)
            for mark in marks {
                try upsert.execute(arguments: [sourceID, mark.dedupKey, mark.replies, mark.lastPost, mark.contentHash, date])
            }
        }
    }
}
