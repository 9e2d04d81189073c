import Foundation
import GRDB
import YuqingCore

extension Store {
    /// The story with row id `id`.
    public func story(id: Int64) throws(StoreError) -> StoredStory? {
        try read("read story \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM story WHERE id = ?", arguments: [id]).map(Self.storedStory)
        }
    }

    /// The stories with these row ids, by id (ids without a story are left out): what an alert
    /// needs to say how far each matched item has spread (`StoredItem.storyID` → `itemCount`).
    public func stories(ids: [Int64]) throws(StoreError) -> [Int64: StoredStory] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        return try read("read \(unique.count) stories") { db in try Self.stories(unique, in: db) }
    }

    /// The stories with items first stored in `since ..< until`, the most items in that period
    /// first (then the most sites, then the earliest): "top stories" of a digest.
    public func stories(since: Date, until: Date, limit: Int = 20) throws(StoreError) -> [StoryActivity] {
        try read("read the stories of a period") { db in try Self.activity(since: since, until: until, limit: limit, in: db) }
    }

    /// The items of a story in order of appearance (earliest first), at most `limit`.
    public func items(storyID: Int64, limit: Int = 1_000) throws(StoreError) -> [StoredItem] {
        try read("read the items of story \(storyID)") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM item WHERE story_id = ? ORDER BY \(Self.appearedAtSQL), id LIMIT ?
                """, arguments: [storyID, max(0, limit)]).map(Self.storedItem)
        }
    }

    /// The items of every story seen (last appearance) at or after `date`, in order of
    /// appearance: what a restarted daemon replays into its story clusterer.
    public func itemsOfStories(seenSince date: Date, limit: Int = 1_000_000) throws(StoreError) -> [StoredItem] {
        try read("read the items of recent stories") { db in
            try Row.fetchAll(db, sql: """
                SELECT item.* FROM item JOIN story ON story.id = item.story_id
                WHERE story.last_seen_at >= ?
                ORDER BY MIN(COALESCE(item.published_at, item.first_seen_at), item.first_seen_at), item.id
                LIMIT ?
                """, arguments: [date, max(0, limit)]).map(Self.storedItem)
        }
    }

    // MARK: Async variants (digests and alerts run in tasks)

    /// `story(id:)` without blocking a thread while it waits.
    public func story(id: Int64) async throws(StoreError) -> StoredStory? {
        try await read("read story \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM story WHERE id = ?", arguments: [id]).map(Self.storedStory)
        }
    }

    /// `stories(ids:)` without blocking a thread while it waits.
    public func stories(ids: [Int64]) async throws(StoreError) -> [Int64: StoredStory] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        return try await read("read \(unique.count) stories") { db in try Self.stories(unique, in: db) }
    }

    /// `stories(since:until:limit:)` without blocking a thread while it waits.
    public func stories(since: Date, until: Date, limit: Int = 20) async throws(StoreError) -> [StoryActivity] {
        try await read("read the stories of a period") { db in try Self.activity(since: since, until: until, limit: limit, in: db) }
    }

    // MARK: Queries

    private static func stories(_ ids: [Int64], in db: Database) throws -> [Int64: StoredStory] {
        var found: [Int64: StoredStory] = [:]
        for start in stride(from: 0, to: ids.count, by: keysPerQuery) {
            let chunk = Array(ids[start ..< min(start + keysPerQuery, ids.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT * FROM story WHERE id IN (\(marks))", arguments: StatementArguments(chunk)) {
                let story = try storedStory(row)
                found[story.id] = story
            }
        }
        return found
    }

    private static func activity(since: Date, until: Date, limit: Int, in db: Database) throws -> [StoryActivity] {
        try Row.fetchAll(db, sql: """
            SELECT story.*, COUNT(item.id) AS period_items, COUNT(DISTINCT item.source_id) AS period_sites
            FROM item JOIN story ON story.id = item.story_id
            WHERE item.first_seen_at >= ? AND item.first_seen_at < ?
            GROUP BY story.id
            ORDER BY period_items DESC, period_sites DESC, story.first_seen_at, story.id
            LIMIT ?
            """, arguments: [since, until, max(0, limit)])
            .map { StoryActivity(story: try storedStory($0), items: $0["period_items"], sites: $0["period_sites"]) }
    }

    static func storedStory(_ row: Row) throws -> StoredStory {
        StoredStory(
            id: try row.decode(forColumn: "id"), title: try row.decode(forColumn: "title"),
            firstItemID: (row["first_item_id"] as Int64?) ?? 0,
            firstSourceID: (row["first_source_id"] as String?) ?? "",
            firstSeen: try row.decode(forColumn: "first_seen_at"), lastSeen: try row.decode(forColumn: "last_seen_at"),
            itemCount: try row.decode(forColumn: "item_count"), siteCount: try row.decode(forColumn: "site_count"))
    }
}
