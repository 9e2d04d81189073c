import Foundation
import GRDB
import YuqingCore

extension Store {
    /// Stores one fetch's entries for `sourceID` in a single transaction.
    ///
    /// Each entry is identified by `ItemIdentity.key(for:)`. A new key is inserted;
    /// a known key whose title or summary changed is updated (its `firstSeen` is
    /// kept, `updatedAt` becomes `at`); a known key with the same text counts as
    /// unchanged. When a batch repeats a key, only its first entry is used and the
    /// repeats count as unchanged, so `inserted + updated + unchanged` always equals
    /// `entries.count`. The source must have been synced first (`.unknownSource`).
    public func save(_ entries: [FeedEntry], from sourceID: String, at date: Date) throws(StoreError) -> SaveOutcome {
        let path = path
        return try write("save items of source \(sourceID)") { db in
            try Self.saveAndIndex(entries, from: sourceID, at: date, in: db, path: path)
        }
    }

    /// `save(_:from:at:)` without blocking a thread while another write finishes.
    public func save(_ entries: [FeedEntry], from sourceID: String, at date: Date) async throws(StoreError) -> SaveOutcome {
        let path = path
        return try await write("save items of source \(sourceID)") { db in
            try Self.saveAndIndex(entries, from: sourceID, at: date, in: db, path: path)
        }
    }

    /// The item with row id `id`, if there is one.
    public func item(id: Int64) throws(StoreError) -> StoredItem? {
        try read("read item \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM item WHERE id = ?", arguments: [id]).map(Self.storedItem)
        }
    }

    /// The `limit` items stored most recently (by `firstSeen`, newest first), of one
    /// source or of all. Items first seen in the same batch come newest-published first.
    public func recentItems(limit: Int = 50, sourceID: String? = nil) throws(StoreError) -> [StoredItem] {
        try read("read recent items") { db in
            let order = "ORDER BY first_seen_at DESC, published_at DESC, id DESC LIMIT ?"
            let rows = if let sourceID {
                try Row.fetchAll(
                    db, sql: "SELECT * FROM item WHERE source_id = ? \(order)", arguments: [sourceID, max(0, limit)])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM item \(order)", arguments: [max(0, limit)])
            }
            return try rows.map(Self.storedItem)
        }
    }

    /// How many items are stored, for one source or for all.
    public func itemCount(sourceID: String? = nil) throws(StoreError) -> Int {
        try read("count items") { db in
            if let sourceID {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item WHERE source_id = ?", arguments: [sourceID]) ?? 0
            } else {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item") ?? 0
            }
        }
    }

    // MARK: - Implementation

    /// `save` as a write transaction of its own runs it: the items, then their search index.
    private static func saveAndIndex(
        _ entries: [FeedEntry], from sourceID: String, at date: Date, in db: Database, path: String
    ) throws -> SaveOutcome {
        let outcome = try save(entries, from: sourceID, at: date, in: db, path: path)
        try indexPendingItems(in: db)
        return outcome
    }

    /// The body of `save`, run inside the write transaction. New items are only queued for the
    /// full-text index: the caller runs `indexPendingItems(in:)` before the transaction commits.
    static func save(
        _ entries: [FeedEntry], from sourceID: String, at date: Date, in db: Database, path: String
    ) throws -> SaveOutcome {
        try requireSource(sourceID, in: db, path: path, operation: "save items")
        let keys = entries.map(ItemIdentity.key(for:))
        let known = try knownItems(keys: keys, sourceID: sourceID, in: db)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO item (source_id, dedup_key, url, raw_url, guid, title, summary, author,
                              published_at, first_seen_at, updated_at, content_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING *
            """)
        // An edit keeps what the new entry does not say (a feed that drops the author
        // or date on an edit should not erase them), and is matched against the rules again.
        let update = try db.cachedStatement(sql: """
            UPDATE item SET title = ?, summary = ?,
                            url = COALESCE(?, url), raw_url = COALESCE(?, raw_url), guid = COALESCE(?, guid),
                            author = COALESCE(?, author), published_at = COALESCE(?, published_at),
                            updated_at = ?, content_hash = ?, rules_version = NULL,
                            sentiment_score = NULL, sentiment_label = NULL, analysed_at = NULL
            WHERE id = ?
            RETURNING *
            """)

        var outcome = SaveOutcome()
        var seen = Set<String>()
        for (entry, key) in zip(entries, keys) {
            guard seen.insert(key).inserted else {
                outcome.unchanged += 1
                continue
            }
            let hash = ContentHash.of(title: entry.title, summary: entry.summary)
            let stored = known[key]
            // Most entries of a poll are unchanged: they cost the hash and nothing more.
            if let stored, stored.hash == hash {
                outcome.unchanged += 1
                continue
            }
            let url = entry.link.map(URLNormalizer.normalize)
            let rawURL = entry.link?.absoluteString
            let guid = entry.guid?.trimmingWhitespaceAndNewlines().nilIfEmpty

            if let (id, _) = stored {
                let arguments: StatementArguments = [
                    entry.title, entry.summary, url, rawURL, guid, entry.author, entry.published.map(StoredDate.init),
                    StoredDate(date), hash, id,
                ]
                if let row = try Row.fetchOne(update, arguments: arguments) {
                    outcome.updated.append(try storedItem(row))
                }
            } else {
                let arguments: StatementArguments = [
                    sourceID, key, url, rawURL, guid, entry.title, entry.summary, entry.author,
                    entry.published.map(StoredDate.init), StoredDate(date), StoredDate(date), hash,
                ]
                if let row = try Row.fetchOne(insert, arguments: arguments) {
                    outcome.inserted.append(try storedItem(row))
                }
            }
        }
        return outcome
    }

    /// The id and content hash of each of `keys` already stored for `sourceID`, in one query:
    /// a feed repeats the same twenty items poll after poll, and a query a key cost twenty.
    private static func knownItems(
        keys: [String], sourceID: String, in db: Database
    ) throws -> [String: (id: Int64, hash: String)] {
        guard !keys.isEmpty else { return [:] }
        let lookup = try db.cachedStatement(sql: """
            SELECT dedup_key, id, content_hash FROM item
            WHERE source_id = ? AND dedup_key IN (SELECT value FROM json_each(?))
            """)
        let list = jsonArray(of: keys)
        var known: [String: (id: Int64, hash: String)] = [:]
        let rows = try Row.fetchCursor(lookup, arguments: [sourceID, list])
        while let row = try rows.next() {
            known[row[0]] = (row[1], row[2])
        }
        return known
    }

    /// `strings` as a JSON array for `json_each`. Escaping JSON strings is a few lines of RFC 8259
    /// (`"`, `\\` and the controls below U+0020); `JSONSerialization`, boxing every key as an
    /// `Any` and back, was a third of `knownItems` on a steady crawl (`perf`, 2026-11).
    static func jsonArray(of strings: [String]) -> String {
        var json: [UInt8] = [UInt8(ascii: "[")]
        json.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
        let hex = Array("0123456789abcdef".utf8)
        for (index, string) in strings.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "\""))
            for byte in string.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    json.append(UInt8(ascii: "\\"))
                    json.append(byte)
                case ..<0x20:
                    json.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                default:
                    json.append(byte)
                }
            }
            json.append(UInt8(ascii: "\""))
        }
        json.append(UInt8(ascii: "]"))
        return String(decoding: json, as: UTF8.self)
    }

    /// Decodes an `item` row. Values are read back from the database rather than
    /// copied from the entry, so what `save` returns equals what `item(id:)` returns
    /// (dates are stored to the millisecond).
    static func storedItem(_ row: Row) throws -> StoredItem {
        let url: String? = try row.decode(forColumn: "url")
        return StoredItem(
            id: try row.decode(forColumn: "id"),
            sourceID: try row.decode(forColumn: "source_id"),
            dedupKey: try row.decode(forColumn: "dedup_key"),
            title: try row.decode(forColumn: "title"),
            url: url.flatMap { URL(string: $0) },
            guid: try row.decode(forColumn: "guid"),
            published: try row.decode(forColumn: "published_at"),
            summary: try row.decode(forColumn: "summary"),
            author: try row.decode(forColumn: "author"),
            firstSeen: try row.decode(forColumn: "first_seen_at"),
            updatedAt: try row.decode(forColumn: "updated_at"),
            sentiment: try sentiment(row),
            storyID: try row.decode(forColumn: "story_id")
        )
    }

    /// The sentiment columns of an `item` row, nil until analysed (or when the label is unknown).
    private static func sentiment(_ row: Row) throws -> Sentiment? {
        let label: String? = try row.decode(forColumn: "sentiment_label")
        let score: Double? = try row.decode(forColumn: "sentiment_score")
        guard let label, let score, let value = SentimentLabel(rawValue: label) else { return nil }
        return Sentiment(label: value, score: score)
    }
}

extension String {
    /// The string, or nil when it is empty.
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension Store {
    /// Items first seen at or after `date`, oldest first, at most `limit` (for dry runs of rules over history).
    public func items(since date: Date, limit: Int = 100_000) throws(StoreError) -> [StoredItem] {
        try read("read items since \(date)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM item WHERE first_seen_at >= ? ORDER BY first_seen_at, id LIMIT ?",
                             arguments: [date, max(0, limit)]).map(Self.storedItem)
        }
    }
}
