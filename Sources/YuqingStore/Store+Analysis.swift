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
        var changes: [Int64: StoryChange] = [:]
        for analysis in analyses {
            guard let item = try Row.fetchOne(find, arguments: [analysis.itemID]) else { continue }
            let previous: Int64? = item["story_id"]
            let sourceID: String = item["source_id"]
            let appeared: Date = item["appeared"]
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
                    let arguments: StatementArguments = [item["title"] as String, analysis.itemID, sourceID, appeared, appeared]
                    let id = try Int64.fetchOne(insertStory, arguments: arguments)!
                    created[key] = id
                    storyID = id
                }
            }
            try update.execute(arguments: [
                analysis.sentiment.score, analysis.sentiment.label.rawValue, storyID, StoredDate(date), analysis.itemID,
            ])
            if let storyID, storyID != previous {
                changes[storyID, default: StoryChange()].join(item: analysis.itemID, source: sourceID, appeared: appeared)
                if let previous { changes[previous, default: StoryChange()].leave(source: sourceID) }
            } else if let previous {
                // Still in its story, but an edit may have moved its date: the bounds are read again.
                changes[previous, default: StoryChange()].rereadBounds = true
            }
        }
        for id in changes.keys.sorted() { try apply(changes[id]!, toStory: id, in: db) }
        return created
    }

    /// What one batch does to one story: items joining and leaving it, by site.
    ///
    /// A story's counts are kept by delta rather than recounted from its items, because a
    /// recount costs the story's size on every batch (quadratic for a story that keeps growing).
    /// `story_source` holds each story's items per site, so the site count stays exact as items
    /// join and leave. Retention deletes items but not these rows: a story keeps its counts.
    struct StoryChange {
        /// Items joining (positive) or leaving (negative), by source.
        var itemsBySource: [String: Int] = [:]
        /// The earliest joining item (appearance, then id), to compare with the story's first.
        var earliest: (appeared: Date, item: Int64, source: String)?
        /// The latest appearance among joining items.
        var latest: Date?
        /// Set when an item left or may have changed its date: first and last are read from the items.
        var rereadBounds = false

        mutating func join(item: Int64, source: String, appeared: Date) {
            itemsBySource[source, default: 0] += 1
            if let earliest, (earliest.appeared, earliest.item) <= (appeared, item) {} else {
                earliest = (appeared, item, source)
            }
            latest = max(latest ?? appeared, appeared)
        }

        mutating func leave(source: String) {
            itemsBySource[source, default: 0] -= 1
            rereadBounds = true
        }
    }

    /// Applies a batch's change to one story's counts and first/last appearance.
    static func apply(_ change: StoryChange, toStory id: Int64, in db: Database) throws {
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO story_source (story_id, source_id, items) VALUES (?, ?, ?)
            ON CONFLICT (story_id, source_id) DO UPDATE SET items = items + excluded.items
            RETURNING items
            """)
        let dropSource = try db.cachedStatement(sql: "DELETE FROM story_source WHERE story_id = ? AND source_id = ? AND items <= 0")
        var items = 0
        var sites = 0
        for (source, delta) in change.itemsBySource where delta != 0 {
            items += delta
            let now = try Int.fetchOne(upsert, arguments: [id, source, delta]) ?? delta
            let before = now - delta
            if before <= 0, now > 0 { sites += 1 }
            if before > 0, now <= 0 {
                sites -= 1
                try dropSource.execute(arguments: [id, source])
            }
        }
        guard let story = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT first_item_id, first_seen_at, last_seen_at FROM story WHERE id = ?"), arguments: [id])
        else { return }
        var firstItem: Int64? = story["first_item_id"]
        var firstSource: String?
        var firstSeen: Date = story["first_seen_at"]
        var lastSeen: Date = story["last_seen_at"]
        if let earliest = change.earliest, (earliest.appeared, earliest.item) < (firstSeen, firstItem ?? Int64.max) {
            (firstSeen, firstItem, firstSource) = (earliest.appeared, earliest.item, earliest.source)
        }
        if let latest = change.latest, latest > lastSeen { lastSeen = latest }
        if change.rereadBounds, let first = try Row.fetchOne(db, sql: """
            SELECT id, source_id, \(appearedAtSQL) AS appeared FROM item WHERE story_id = ? ORDER BY appeared, id LIMIT 1
            """, arguments: [id]) {
            (firstSeen, firstItem, firstSource) = (first["appeared"], first["id"], first["source_id"])
            lastSeen = try Date.fetchOne(
                db, sql: "SELECT MAX(\(appearedAtSQL)) FROM item WHERE story_id = ?", arguments: [id]) ?? lastSeen
        }
        try db.cachedStatement(sql: """
            UPDATE story SET item_count = MAX(0, item_count + ?), site_count = MAX(0, site_count + ?),
                first_item_id = ?, first_source_id = COALESCE(?, first_source_id), first_seen_at = ?, last_seen_at = ?
            WHERE id = ?
            """).execute(arguments: [items, sites, firstItem, firstSource, firstSeen, lastSeen, id])
    }
}
