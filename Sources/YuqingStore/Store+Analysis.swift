import Foundation
import GRDB
import YuqingCore

extension Store {
    /// SQL for an item's appearance date (`StoredItem.appearedAt`): its publication time unless
    /// that is missing or later than when it was first stored.
    static let appearedAtSQL = "MIN(COALESCE(published_at, first_seen_at), first_seen_at)"

    /// Records the analysis of a batch of items in one transaction: each item's sentiment and
    /// story, the new stories the batch starts, and the counts (items, distinct sites, first
    /// and last appearance) of every story it touches. Returns the row id created for each
    /// `StoryPlacement.new` key. Items no longer in the store are skipped.
    @discardableResult
    public func recordAnalysis(_ analyses: [ItemAnalysis], at date: Date) throws(StoreError) -> [Int: Int64] {
        guard !analyses.isEmpty else { return [:] }
        return try write("record the sentiment and stories of \(analyses.count) items") { db in
            try Self.recordAnalysis(analyses, at: date, in: db)
        }
    }

    /// Items stored but not analysed yet (new, edited, or left by a crash), in id order, at
    /// most `limit`: only those first stored at or after `firstSeenSince` when given, and with
    /// an id above `afterID` (to page through them).
    public func itemsAwaitingAnalysis(
        limit: Int = 500, firstSeenSince: Date? = nil, afterID: Int64 = 0
    ) throws(StoreError) -> [StoredItem] {
        try read("read items awaiting analysis") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM item WHERE analysed_at IS NULL AND id > ? AND first_seen_at >= ? ORDER BY id LIMIT ?
                """, arguments: [afterID, firstSeenSince ?? Date.distantPast, max(0, limit)]).map(Self.storedItem)
        }
    }

    private static func recordAnalysis(_ analyses: [ItemAnalysis], at date: Date, in db: Database) throws -> [Int: Int64] {
        let find = try db.cachedStatement(sql: "SELECT source_id, title, story_id, \(appearedAtSQL) AS appeared FROM item WHERE id = ?")
        let insertStory = try db.cachedStatement(sql: """
            INSERT INTO story (title, first_item_id, first_source_id, first_seen_at, last_seen_at, item_count, site_count)
            VALUES (?, ?, ?, ?, ?, 0, 0) RETURNING id
            """)
        let update = try db.cachedStatement(sql: """
            UPDATE item SET sentiment_score = ?, sentiment_label = ?, story_id = COALESCE(?, story_id), analysed_at = ?
            WHERE id = ?
            """)
        var created: [Int: Int64] = [:]
        var touched = Set<Int64>()
        for analysis in analyses {
            guard let item = try Row.fetchOne(find, arguments: [analysis.itemID]) else { continue }
            let previous: Int64? = item["story_id"]
            var storyID: Int64?
            switch analysis.story {
            case .unchanged:
                storyID = nil
            case let .existing(id):
                storyID = id
            case let .new(key):
                if let id = created[key] {
                    storyID = id
                } else {
                    let appeared: Date = item["appeared"]
                    let arguments: StatementArguments = [item["title"] as String, analysis.itemID, item["source_id"] as String, appeared, appeared]
                    let id = try Int64.fetchOne(insertStory, arguments: arguments)!
                    created[key] = id
                    storyID = id
                }
            }
            try update.execute(arguments: [
                analysis.sentiment.score, analysis.sentiment.label.rawValue, storyID, date, analysis.itemID,
            ])
            if let previous { touched.insert(previous) }
            if let storyID { touched.insert(storyID) }
        }
        for id in touched.sorted() { try refreshStory(id, in: db) }
        return created
    }

    /// Recomputes a story's counts and first/last appearance from its items.
    static func refreshStory(_ id: Int64, in db: Database) throws {
        let first = try Row.fetchOne(db, sql: """
            SELECT id, source_id, \(appearedAtSQL) AS appeared FROM item WHERE story_id = ? ORDER BY appeared, id LIMIT 1
            """, arguments: [id])
        guard let first else {
            // Every item moved elsewhere: an empty story stays (ids are never reused) with no count.
            try db.execute(sql: "UPDATE story SET item_count = 0, site_count = 0 WHERE id = ?", arguments: [id])
            return
        }
        try db.execute(sql: """
            UPDATE story SET
                first_item_id = ?, first_source_id = ?, first_seen_at = ?,
                last_seen_at = (SELECT MAX(\(appearedAtSQL)) FROM item WHERE story_id = story.id),
                item_count = (SELECT COUNT(*) FROM item WHERE story_id = story.id),
                site_count = (SELECT COUNT(DISTINCT source_id) FROM item WHERE story_id = story.id)
            WHERE id = ?
            """, arguments: [first["id"] as Int64, first["source_id"] as String, first["appeared"] as Date, id])
    }
}
