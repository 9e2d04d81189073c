import Foundation
import GRDB
import YuqingCore

/// The digest sections that read the analysis (sentiment, stories) and the alert outbox:
/// aggregates in SQL over the period's `item_on_first_seen_at` range, so a monthly report
/// never loads the month's items.
extension Store {
    /// Negative items first seen in each interval `[bounds[i], bounds[i+1])`.
    public func digestNegativeCounts(between bounds: [Date], sourceIDs: [String]? = nil) throws(StoreError) -> [Int] {
        guard bounds.count > 1 else { return [] }
        return try read("count negative items per day for a digest") { db in
            let (filter, extra) = Self.sectionSourceFilter(sourceIDs, column: "source_id")
            let statement = try db.makeStatement(sql: """
                SELECT COUNT(*) FROM item
                WHERE first_seen_at >= ? AND first_seen_at < ? AND sentiment_label = 'negative'\(filter)
                """)
            return try zip(bounds, bounds.dropFirst()).map { start, end in
                try Int.fetchOne(statement, arguments: StatementArguments([start, end] + extra)) ?? 0
            }
        }
    }

    /// 热点事件: the stories with the most items first seen in `[start, end)` (then the most
    /// sites), at most `limit`. With `groups`, only stories whose items matched one of them.
    public func digestStories(
        from start: Date, to end: Date, groups: [String] = [], sourceIDs: [String]? = nil, limit: Int = 10
    ) throws(StoreError) -> [DigestData.Story] {
        try read("read the top stories for a digest") { db in
            var conditions = ""
            var arguments: [any DatabaseValueConvertible] = [start, end]
            let (filter, extra) = Self.sectionSourceFilter(sourceIDs, column: "source_id")
            conditions += filter
            arguments += extra
            let (groupFilter, groupArguments) = Self.groupFilter(groups)
            if !groups.isEmpty {
                // The matched stories are few (rule matches are rare): one list, not a lookup per item.
                conditions += """
                     AND story_id IN (SELECT i.story_id FROM rule_match rm JOIN item i ON i.id = rm.item_id
                                      WHERE i.story_id IS NOT NULL\(groupFilter))
                    """
                arguments += groupArguments
            }
            arguments.append(max(0, limit))
            let rows = try Row.fetchAll(db, sql: """
                WITH p AS (
                    SELECT story_id, COUNT(*) AS n, COUNT(DISTINCT source_id) AS sites,
                           SUM(sentiment_label = 'negative') AS neg, SUM(sentiment_label = 'neutral') AS neu,
                           SUM(sentiment_label = 'positive') AS pos
                    FROM item
                    WHERE first_seen_at >= ? AND first_seen_at < ? AND story_id IS NOT NULL\(conditions)
                    GROUP BY story_id
                    ORDER BY n DESC, sites DESC, story_id
                    LIMIT ?
                )
                SELECT p.*, s.title, s.first_seen_at, s.last_seen_at, s.item_count, s.site_count,
                       fi.url AS url, src.name AS source_name, s.first_source_id
                FROM p JOIN story s ON s.id = p.story_id
                LEFT JOIN item fi ON fi.id = s.first_item_id
                LEFT JOIN source src ON src.id = s.first_source_id
                ORDER BY p.n DESC, p.sites DESC, s.first_seen_at, s.id
                """, arguments: StatementArguments(arguments))
            let groupsOfStory = try db.makeStatement(sql: """
                SELECT DISTINCT rm.rule_group FROM item i JOIN rule_match rm ON rm.item_id = i.id
                WHERE i.story_id = ?\(groupFilter) ORDER BY rm.rule_group
                """)
            return try rows.map { row in
                let id: Int64 = row["story_id"]
                let url: String? = row["url"]
                let sourceName: String? = row["source_name"]
                return DigestData.Story(
                    title: row["title"], url: url.flatMap { URL(string: $0) },
                    firstSource: sourceName ?? (row["first_source_id"] as String?) ?? "",
                    firstSeen: row["first_seen_at"], items: row["n"], sites: row["sites"],
                    sentiment: Self.majority(negative: row["neg"], neutral: row["neu"], positive: row["pos"]),
                    groups: try String.fetchAll(groupsOfStory, arguments: StatementArguments([id] + groupArguments)),
                    totalItems: row["item_count"], totalSites: row["site_count"], lastSeen: row["last_seen_at"])
            }
        }
    }

    /// Negative items first seen in `[start, end)` that no rule matched, most negative first:
    /// the `limit` listed and how many there are.
    public func digestNegativeItems(
        from start: Date, to end: Date, sourceIDs: [String]? = nil, limit: Int = 10
    ) throws(StoreError) -> (count: Int, items: [DigestData.FlaggedItem]) {
        try read("read negative items for a digest") { db in
            let (filter, extra) = Self.sectionSourceFilter(sourceIDs, column: "i.source_id")
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.title, i.url, i.first_seen_at, s.name AS source_name, COUNT(*) OVER () AS n
                FROM item i JOIN source s ON s.id = i.source_id
                WHERE i.first_seen_at >= ? AND i.first_seen_at < ? AND i.sentiment_label = 'negative'\(filter)
                  AND NOT EXISTS (SELECT 1 FROM rule_match rm WHERE rm.item_id = i.id)
                ORDER BY i.sentiment_score, i.first_seen_at DESC, i.id DESC
                LIMIT ?
                """, arguments: StatementArguments([start, end] + extra + [max(0, limit)]))
            let items = rows.map { row in
                let url: String? = row["url"]
                return DigestData.FlaggedItem(
                    title: row["title"], url: url.flatMap { URL(string: $0) }, source: row["source_name"],
                    seenAt: row["first_seen_at"], rule: "", sentiment: .negative)
            }
            return (rows.first?["n"] ?? 0, items)
        }
    }

    /// 预警情况: alerts raised in `[start, end)` (of `groups` when non-empty; alerts folded into a
    /// summary count through the summary), by severity and group; how long from the item's first
    /// sight to the alert's first successful delivery; deliveries given up.
    public func digestAlerts(from start: Date, to end: Date, groups: [String] = []) throws(StoreError) -> DigestData.Alerts {
        try read("read alerts for a digest") { db in
            let (groupFilter, groupArguments) = Self.groupFilter(groups, column: "a.rule_group")
            let scope = "a.created_at >= ? AND a.created_at < ? AND a.state <> 'summarized'\(groupFilter)"
            var values: [any DatabaseValueConvertible] = [start, end]
            values += groupArguments
            let arguments: StatementArguments = StatementArguments(values)
            var result = DigestData.Alerts()
            result.bySeverity = try Row.fetchAll(db, sql: """
                SELECT a.severity AS label, COUNT(*) AS n FROM alert a WHERE \(scope)
                GROUP BY a.severity ORDER BY a.severity DESC
                """, arguments: arguments).map { DigestData.Count(label: String($0["label"] as Int), count: $0["n"], previous: 0) }
            result.byGroup = try Row.fetchAll(db, sql: """
                SELECT a.rule_group AS label, COUNT(*) AS n FROM alert a WHERE \(scope)
                GROUP BY a.rule_group ORDER BY n DESC, a.rule_group
                """, arguments: arguments).map { DigestData.Count(label: $0["label"], count: $0["n"], previous: 0) }
            result.total = result.bySeverity.reduce(0) { $0 + $1.count }
            // Seconds from the item's first sight to the first delivery that went out.
            let delays = try Double.fetchAll(db, sql: """
                SELECT (julianday(MIN(d.sent_at)) - julianday(i.first_seen_at)) * 86400.0
                FROM alert a JOIN alert_delivery d ON d.alert_id = a.id JOIN item i ON i.id = a.item_id
                WHERE \(scope) AND d.state = 'sent' AND d.sent_at IS NOT NULL
                GROUP BY a.id
                """, arguments: arguments).map { max(0, $0) }.sorted()
            if !delays.isEmpty {
                let middle = delays.count / 2
                let median = delays.count % 2 == 1 ? delays[middle] : (delays[middle - 1] + delays[middle]) / 2
                result.medianDelay = .seconds(median.rounded())
                result.maxDelay = .seconds(delays[delays.count - 1].rounded())
            }
            result.failed = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM alert a JOIN alert_delivery d ON d.alert_id = a.id
                WHERE \(scope) AND d.state = 'failed'
                """, arguments: arguments) ?? 0
            return result
        }
    }

    /// The label most items carry (ties: negative, then neutral, then positive); nil when none is known.
    static func majority(negative: Int?, neutral: Int?, positive: Int?) -> SentimentLabel? {
        let counts: [(SentimentLabel, Int)] = [(.negative, negative ?? 0), (.neutral, neutral ?? 0), (.positive, positive ?? 0)]
        guard let best = counts.max(by: { $0.1 < $1.1 }), best.1 > 0 else { return nil }
        return counts.first { $0.1 == best.1 }?.0
    }

    /// ` AND column IN (?, …)` and its arguments, or nothing when `groups` is empty.
    private static func groupFilter(_ groups: [String], column: String = "rm.rule_group") -> (String, [any DatabaseValueConvertible]) {
        guard !groups.isEmpty else { return ("", []) }
        return (" AND \(column) IN (\(Array(repeating: "?", count: groups.count).joined(separator: ",")))", groups)
    }

    /// ` AND column IN (?, …)` and its arguments, or nothing when `ids` is nil.
    private static func sectionSourceFilter(_ ids: [String]?, column: String) -> (String, [any DatabaseValueConvertible]) {
        guard let ids else { return ("", []) }
        guard !ids.isEmpty else { return (" AND 0", []) }
        return (" AND \(column) IN (\(Array(repeating: "?", count: ids.count).joined(separator: ",")))", ids)
    }
}
