/// The tables of a digest as CSV files (UTF-8 with BOM, so Excel opens Chinese correctly),
/// for the archive next to the HTML copy.
public enum DigestCSV {
    /// File name suffix → CSV text: `channels`, `regions`, `trend`, `stories`, `flagged`, `hot-terms`, `sources`.
    public static func tables(_ view: DigestView) -> [(name: String, text: String)] {
        let l = view.labels
        return [
            ("channels", csv([l.channel, l.count, l.previous, l.change], view.channels.map { [$0.label, "\($0.count)", "\($0.previous)", $0.change] })),
            ("regions", csv([l.region, l.count, l.previous, l.change], view.regions.map { [$0.label, "\($0.count)", "\($0.previous)", $0.change] })),
            ("trend", csv([l.day, l.items, l.negative], view.days.map { [$0.day, "\($0.items)", $0.negative] })),
            ("stories", csv([l.title, l.firstSource, l.firstSeen, l.items, l.sites, l.sentiment, l.groups, "URL"],
                            view.stories.map { [$0.title, $0.firstSource, $0.firstSeen, "\($0.items)", "\($0.sites)", $0.sentiment, $0.groups, $0.url ?? ""] })),
            ("flagged", csv([l.group, l.severity, l.title, l.source, l.time, l.rule, "URL"], view.flagged.flatMap { group in
                group.items.map { [group.group, group.severity, $0.title, $0.source, $0.seenAt, $0.rule, $0.url ?? ""] }
            })),
            ("hot-terms", csv([l.term, l.count, l.rise], view.hotTerms.map { [$0.term, "\($0.count)", "\($0.previous)"] })),
            ("sources", csv([l.source, l.reason, "URL"], (view.failing + view.stale).map { [$0.name, $0.reason, $0.url ?? ""] })),
        ]
    }

    /// One CSV document, RFC 4180 quoting, CRLF line ends.
    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        "\u{FEFF}" + ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field; a crawled value that a spreadsheet would run as a formula gets a leading `'`.
    public static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
