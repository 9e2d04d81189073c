import Foundation

/// Turns stored items into CSV (RFC 4180) or JSON lines for `yuqing export`.
public struct ItemExport: Sendable {
    /// One exported row: the item and what the export adds to it.
    public struct Row: Sendable {
        /// The item.
        public var item: StoredItem
        /// Its source's name, channel label and the rules it matched.
        public var sourceName: String
        /// The channel's Chinese label (新闻网站, 论坛, …).
        public var channel: String
        /// Names of the rules it matched.
        public var rules: [String]

        /// Creates a row.
        public init(item: StoredItem, sourceName: String, channel: String, rules: [String]) {
            self.item = item
            self.sourceName = sourceName
            self.channel = channel
            self.rules = rules
        }
    }

    /// Column names, Chinese first for the office reading it in Excel.
    public static let columns = [
        "编号 id", "来源 source", "来源名称 source_name", "渠道 channel", "标题 title", "链接 url", "作者 author",
        "发布时间 published", "入库时间 first_seen", "命中规则 rules", "摘要 summary",
    ]

    /// Formats times in the report time zone.
    public let time: LocalTime

    /// Creates an exporter writing times in `zone`.
    public init(zone: String) {
        time = LocalTime(zone: zone)
    }

    /// The CSV header line, CRLF-terminated as RFC 4180 asks.
    public func csvHeader() -> String {
        Self.csvLine(Self.columns)
    }

    /// One CSV record, CRLF-terminated.
    public func csv(_ row: Row) -> String {
        Self.csvLine(fields(row))
    }

    /// One JSON object on one line, LF-terminated.
    public func jsonLine(_ row: Row) -> String {
        var object: [String: Any] = [
            "id": row.item.id, "source": row.item.sourceID, "source_name": row.sourceName, "channel": row.channel,
            "title": row.item.title, "summary": row.item.summary, "first_seen": time.format(row.item.firstSeen),
            "rules": row.rules,
        ]
        if let url = row.item.url { object["url"] = url.absoluteString }
        if let author = row.item.author { object["author"] = author }
        if let published = row.item.published { object["published"] = time.format(published) }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func fields(_ row: Row) -> [String] {
        [
            String(row.item.id), row.item.sourceID, row.sourceName, row.channel, row.item.title,
            row.item.url?.absoluteString ?? "", row.item.author ?? "", row.item.published.map(time.format) ?? "",
            time.format(row.item.firstSeen), row.rules.joined(separator: "、"), row.item.summary,
        ]
    }

    /// RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.
    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                : field
        }.joined(separator: ",") + "\r\n"
    }
}
