import Foundation
import GRDB
import YuqingCore

extension Store {
    /// Records what the rules found in a batch of items, in one transaction: the matches,
    /// and for every item (matched or not) the rule-set version it was checked with.
    /// A rule already recorded for an item keeps its first `matchedAt` and gets the new
    /// highlights; the result says which matches are new.
    ///
    /// With an alert `plan`, every new match also raises its alert (or is folded into its story's
    /// next update) in the same transaction, so a match is never recorded without its alert.
    public func recordRuleResults(
        _ results: [(item: StoredItem, matches: [RuleMatch])], ruleSetVersion: String, at date: Date,
        alerts plan: AlertPlan? = nil
    ) async throws(StoreError) -> [RecordedMatch] {
        guard !results.isEmpty else { return [] }
        let pairs = results.flatMap { item, matches in
            matches.map { match in
                (item: item, match: match, recorded: RecordedMatch(
                    itemID: item.id, ruleName: match.ruleName, group: match.group, severity: match.severity,
                    score: match.score, highlights: match.terms.map { Highlight($0, in: item.text(of: $0.field)) },
                    ruleSetVersion: ruleSetVersion, matchedAt: date, isNew: true
                ))
            }
        }
        let itemIDs = results.map(\.item.id)
        return try await write("record rule matches") { db in
            let recorded = try pairs.map { pair in
                let row = pair.recorded
                let existing = try Date.fetchOne(
                    db, sql: "SELECT matched_at FROM rule_match WHERE item_id = ? AND rule_name = ?",
                    arguments: [row.itemID, row.ruleName])
                let highlights = String(decoding: try JSONEncoder().encode(row.highlights), as: UTF8.self)
                try db.execute(sql: """
                    INSERT INTO rule_match (item_id, rule_name, rule_group, severity, score, highlights, rule_set_version, matched_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(item_id, rule_name) DO UPDATE SET
                        rule_group = excluded.rule_group, severity = excluded.severity, score = excluded.score,
                        highlights = excluded.highlights, rule_set_version = excluded.rule_set_version
                    """, arguments: [row.itemID, row.ruleName, row.group, row.severity.rawValue, row.score,
                                     highlights, row.ruleSetVersion, row.matchedAt])
                var recorded = row
                if let existing {
                    recorded.matchedAt = existing
                    recorded.isNew = false
                } else if let plan {
                    _ = try Self.raiseAlert(item: pair.item, match: pair.match, highlights: row.highlights,
                                            plan: plan, at: date, in: db)
                }
                return recorded
            }
            let mark = try db.cachedStatement(sql: "UPDATE item SET rules_version = ? WHERE id = ?")
            for id in itemIDs {
                try mark.execute(arguments: [ruleSetVersion, id])
            }
            return recorded
        }
    }

    /// Items stored but not yet matched against the rules (a crash came between the two),
    /// oldest first.
    public func itemsAwaitingRules(limit: Int = 500) throws(StoreError) -> [StoredItem] {
        try read("read items awaiting rule matching") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM item WHERE rules_version IS NULL ORDER BY id LIMIT ?",
                             arguments: [max(0, limit)]).map(Self.storedItem)
        }
    }

    /// The rules item `itemID` matched, in the order they were recorded.
    public func matches(itemID: Int64) throws(StoreError) -> [RecordedMatch] {
        try read("read rule matches of item \(itemID)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rule_match WHERE item_id = ? ORDER BY id", arguments: [itemID])
                .map(Self.recordedMatch)
        }
    }

    /// The most recent matches, newest first, optionally of one rule group.
    public func recentMatches(limit: Int = 50, group: String? = nil) throws(StoreError) -> [RecordedMatch] {
        try read("read recent rule matches") { db in
            let rows = if let group {
                try Row.fetchAll(db, sql: "SELECT * FROM rule_match WHERE rule_group = ? ORDER BY matched_at DESC, id DESC LIMIT ?",
                                 arguments: [group, max(0, limit)])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM rule_match ORDER BY matched_at DESC, id DESC LIMIT ?", arguments: [max(0, limit)])
            }
            return try rows.map(Self.recordedMatch)
        }
    }

    /// One event per item and rule group matched since `date`, oldest first, marked negative
    /// when the item's sentiment is: what a restarted daemon feeds its volume monitor so
    /// windows and baselines survive restarts.
    public func groupMatchEvents(since date: Date) throws(StoreError) -> [GroupMatchEvent] {
        try read("read rule match history") { db in
            try Row.fetchAll(db, sql: """
                SELECT rule_group, MIN(matched_at) AS first,
                       (SELECT sentiment_label FROM item WHERE item.id = rule_match.item_id) = 'negative' AS negative
                FROM rule_match
                WHERE matched_at >= ? GROUP BY item_id, rule_group ORDER BY first
                """, arguments: [date])
                .map { GroupMatchEvent(group: $0["rule_group"], time: $0["first"], negative: $0["negative"] ?? false) }
        }
    }

    static func recordedMatch(_ row: Row) throws -> RecordedMatch {
        let json: String = row["highlights"]
        return RecordedMatch(
            itemID: row["item_id"], ruleName: row["rule_name"], group: row["rule_group"],
            severity: RuleSeverity(rawValue: row["severity"]) ?? .low, score: row["score"],
            highlights: (try? JSONDecoder().decode([Highlight].self, from: Data(json.utf8))) ?? [],
            ruleSetVersion: row["rule_set_version"], matchedAt: row["matched_at"], isNew: false
        )
    }
}
