import Foundation
import GRDB
import YuqingCore

/// What the digest builder asks the store: aggregates computed in SQL over index ranges, so a
/// monthly report over a million items never loads the items.
extension Store {
    /// Items first seen in `[start, end)`, counted per source id, optionally only of `sourceIDs`.
    /// One range count per source on the covering (source_id, first_seen_at) index: a GROUP BY over
    /// the period would look up every item's row for its source.
    public func digestItemCounts(from start: Date, to end: Date, sourceIDs: [String]? = nil) throws(StoreError) -> [String: Int] {
        try read("count items per source for a digest") { db in
            let ids = try sourceIDs ?? String.fetchAll(db, sql: "SELECT id FROM source")
            let statement = try db.makeStatement(
                sql: "SELECT COUNT(*) FROM item WHERE source_id = ? AND first_seen_at >= ? AND first_seen_at < ?")
            var counts: [String: Int] = [:]
            for id in ids {
                let count = try Int.fetchOne(statement, arguments: [id, start, end]) ?? 0
                if count > 0 { counts[id] = count }
            }
            return counts
        }
    }

    /// Items first seen in each interval `[bounds[i], bounds[i+1])`: one index range count per day.
    public func digestCounts(between bounds: [Date], sourceIDs: [String]? = nil) throws(StoreError) -> [Int] {
        guard bounds.count > 1 else { return [] }
        return try read("count items per day for a digest") { db in
            let (filter, extra) = Self.sourceFilter(sourceIDs, column: "source_id")
            let statement = try db.makeStatement(
                sql: "SELECT COUNT(*) FROM item WHERE first_seen_at >= ? AND first_seen_at < ?\(filter)")
            return try zip(bounds, bounds.dropFirst()).map { start, end in
                try Int.fetchOne(statement, arguments: StatementArguments([start, end] + extra)) ?? 0
            }
        }
    }

    /// Items matched in `[start, end)`, per rule group and severity (an item counts once per
    /// group, at its most serious match), with the newest `perGroup` items of each, most
    /// serious groups first.
    public func digestFlagged(
        from start: Date, to end: Date, groups: [String] = [], sourceIDs: [String]? = nil, perGroup: Int = 10
    ) throws(StoreError) -> [DigestData.FlaggedGroup] {
        try read("read flagged items for a digest") { db in
            var conditions = ""
            var arguments: [any DatabaseValueConvertible] = [start, end]
            if !groups.isEmpty {
                conditions += " AND rm.rule_group IN (\(Array(repeating: "?", count: groups.count).joined(separator: ",")))"
                arguments += groups as [any DatabaseValueConvertible]
            }
            let (filter, extra) = Self.sourceFilter(sourceIDs, column: "i.source_id")
            conditions += filter
            arguments += extra
            arguments.append(perGroup)
            let rows = try Row.fetchAll(db, sql: """
                WITH m AS (
                    SELECT rm.rule_group AS grp, MAX(rm.severity) AS sev, rm.rule_name AS rule, rm.item_id AS item_id,
                           MIN(rm.matched_at) AS at
                    FROM rule_match rm JOIN item i ON i.id = rm.item_id
                    WHERE rm.matched_at >= ? AND rm.matched_at < ?\(conditions)
                    GROUP BY rm.rule_group, rm.item_id
                ), r AS (
                    SELECT *, ROW_NUMBER() OVER (PARTITION BY grp, sev ORDER BY at DESC, item_id DESC) AS rn,
                           COUNT(*) OVER (PARTITION BY grp, sev) AS n
                    FROM m
                )
                SELECT r.grp, r.sev, r.n, r.rule, i.first_seen_at, i.title, i.url, s.name AS source_name
                FROM r JOIN item i ON i.id = r.item_id JOIN source s ON s.id = i.source_id
                WHERE r.rn <= ?
                ORDER BY r.sev DESC, r.n DESC, r.grp, r.rn
                """, arguments: StatementArguments(arguments))
            var result: [DigestData.FlaggedGroup] = []
            for row in rows {
                let group: String = row["grp"]
                let severity = RuleSeverity(rawValue: row["sev"]) ?? .low
                let url: String? = row["url"]
                let item = DigestData.FlaggedItem(
                    title: row["title"], url: url.flatMap { URL(string: $0) }, source: row["source_name"],
                    seenAt: row["first_seen_at"], rule: row["rule"])
                if let last = result.indices.last, result[last].group == group, result[last].severity == severity {
                    result[last].items.append(item)
                } else {
                    result.append(DigestData.FlaggedGroup(group: group, severity: severity, count: row["n"], items: [item]))
                }
            }
            return result
        }
    }

    /// Titles and summary openings of items first seen in `[start, end)`, for hot terms: at most
    /// about `limit`, spread evenly over the period. Row ids grow with first sight, so the sample is
    /// every k-th id between the period's first and last, read by point lookups.
    public func digestTexts(
        from start: Date, to end: Date, sourceIDs: [String]? = nil, limit: Int = 20_000
    ) throws(StoreError) -> [String] {
        guard limit > 0 else { return [] }
        return try read("read item texts for a digest") { db in
            let bounds = try Row.fetchOne(db, sql: "SELECT MIN(id) AS low, MAX(id) AS high FROM item WHERE first_seen_at >= ? AND first_seen_at < ?",
                                          arguments: [start, end])
            guard let low: Int64 = bounds?["low"], let high: Int64 = bounds?["high"] else { return [] }
            let step = max(1, (high - low + 1 + Int64(limit) - 1) / Int64(limit))
            let (filter, extra) = Self.sourceFilter(sourceIDs, column: "source_id")
            return try String.fetchAll(db, sql: """
                WITH RECURSIVE sample(id) AS (SELECT ? UNION ALL SELECT id + ? FROM sample WHERE id + ? <= ?)
                SELECT item.title || ' ' || substr(item.summary, 1, 200) FROM sample JOIN item ON item.id = sample.id
                WHERE item.first_seen_at >= ? AND item.first_seen_at < ?\(filter)
                """, arguments: StatementArguments([low, step, step, high, start, end] + extra))
        }
    }

    /// ` AND column IN (?, …)` and its arguments, or nothing when `ids` is nil.
    private static func sourceFilter(_ ids: [String]?, column: String) -> (String, [any DatabaseValueConvertible]) {
        guard let ids else { return ("", []) }
        guard !ids.isEmpty else { return (" AND 0", []) }
        return (" AND \(column) IN (\(Array(repeating: "?", count: ids.count).joined(separator: ",")))", ids)
    }
}
