import Foundation
import GRDB
import YuqingCore

extension Store {
    /// Items whose title or summary contains every term of `query`, newest first.
    ///
    /// Terms of three or more characters go through the trigram index (`item_fts`); shorter
    /// ones (舆情, 拆迁) are matched with LIKE over the rows the other filters leave, since the
    /// trigram tokenizer cannot find them. User input never reaches FTS5 syntax unquoted.
    /// - Parameters:
    ///   - since: only items first seen at or after this time.
    ///   - channel: only items of sources in this channel.
    ///   - rule: only items that matched the rule of this name.
    public func search(
        _ query: String, since: Date? = nil, channel: Channel? = nil, rule: String? = nil, limit: Int = 50
    ) throws(StoreError) -> [SearchHit] {
        let parsed = SearchQuery(query)
        guard !parsed.terms.isEmpty else { return [] }
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let expression = parsed.ftsExpression {
            conditions.append("item.id IN (SELECT rowid FROM item_fts WHERE item_fts MATCH ?)")
            arguments.append(expression)
        }
        for term in parsed.shortTerms {
            conditions.append(#"(item.title LIKE ? ESCAPE '\' OR item.summary LIKE ? ESCAPE '\')"#)
            let pattern = SearchQuery.likePattern(term)
            arguments += [pattern, pattern]
        }
        if let since {
            conditions.append("item.first_seen_at >= ?")
            arguments.append(since)
        }
        if let channel {
            conditions.append("source.channel = ?")
            arguments.append(channel.rawValue)
        }
        if let rule {
            conditions.append("EXISTS (SELECT 1 FROM rule_match WHERE rule_match.item_id = item.id AND rule_match.rule_name = ?)")
            arguments.append(rule)
        }
        arguments.append(max(0, limit))
        let sql = """
            SELECT item.*, source.name AS source_name FROM item JOIN source ON source.id = item.source_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY item.first_seen_at DESC, item.id DESC LIMIT ?
            """
        let statementArguments = StatementArguments(arguments)
        return try read("search for '\(query)'") { db in
            try Row.fetchAll(db, sql: sql, arguments: statementArguments).map { row in
                let item = try Self.storedItem(row)
                let text = parsed.snippet(of: item.title).contains("【") ? item.title : item.summary
                return SearchHit(item: item, sourceName: row["source_name"], snippet: parsed.snippet(of: text))
            }
        }
    }
}

extension Store {
    /// Adds the items queued by the insert trigger (`item_fts_pending`, see migration
    /// `v5.searchQueue`) to the full-text index in one statement, and empties the queue. Every
    /// write that inserts items runs it before committing, outside any savepoint.
    static func indexPendingItems(in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO item_fts (rowid, title, summary)
                SELECT item.id, item.title, item.summary FROM item_fts_pending JOIN item ON item.id = item_fts_pending.item_id;
            DELETE FROM item_fts_pending;
            """)
    }
}
