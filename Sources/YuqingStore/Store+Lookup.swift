import Foundation
import GRDB
import YuqingCore

extension Store {
    /// SQLite's default limit on `?` parameters is 32766; stay far below it per query.
    static let keysPerQuery = 500

    /// Which of `keys` (dedup keys, `ItemIdentity.key(for:)`) are already stored for `sourceID`,
    /// so the crawler fetches article pages only for new list entries.
    public func knownDedupKeys(sourceID: String, keys: [String]) async throws(StoreError) -> Set<String> {
        Set(try await storedItems(sourceID: sourceID, dedupKeys: keys).keys)
    }

    /// The stored items of `sourceID` among `dedupKeys`, by dedup key. A known entry can then
    /// be saved again with its stored text, which the store counts as unchanged.
    public func storedItems(sourceID: String, dedupKeys: [String]) async throws(StoreError) -> [String: StoredItem] {
        let keys = Array(Set(dedupKeys))
        guard !keys.isEmpty else { return [:] }
        return try await read("look up known items of source \(sourceID)") { db in
            var found: [String: StoredItem] = [:]
            for start in stride(from: 0, to: keys.count, by: Self.keysPerQuery) {
                let chunk = Array(keys[start ..< min(start + Self.keysPerQuery, keys.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM item WHERE source_id = ? AND dedup_key IN (\(marks))",
                    arguments: StatementArguments([sourceID] + chunk))
                for row in rows {
                    let item = try Self.storedItem(row)
                    found[item.dedupKey] = item
                }
            }
            return found
        }
    }
}
