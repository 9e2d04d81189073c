import Foundation
import GRDB

extension Store {
    /// Items first seen at or after `date`, counted per source id (sources with none are absent).
    public func itemCountsBySource(since date: Date) throws(StoreError) -> [String: Int] {
        try read("count recent items per source") { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT source_id, COUNT(*) AS n FROM item WHERE first_seen_at >= ? GROUP BY source_id",
                arguments: [date]
            )
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["source_id"] as String, $0["n"] as Int) })
        }
    }
}

extension Store {
    /// Matches recorded at or after `date`, counted per rule group.
    public func matchCountsByGroup(since date: Date) throws(StoreError) -> [String: Int] {
        try read("count recent rule matches per group") { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT rule_group, COUNT(DISTINCT item_id) AS n FROM rule_match WHERE matched_at >= ? GROUP BY rule_group",
                arguments: [date]
            )
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["rule_group"] as String, $0["n"] as Int) })
        }
    }
}
