import ArgumentParser
import Foundation
import YuqingCore
import YuqingStore

/// `yuqing sources`: every configured source with its health.
struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the configured sources with their health: last success, last new item, failures, items a day.",
        discussion: """
        Status: healthy (正常), failing (异常: the last fetches failed), stale (停更: no new item for much
        longer than the source usually goes quiet), pending (待抓取: not fetched yet), disabled (已停用).

        Examples:
          yuqing sources --config /etc/yuqing
          yuqing sources --problems      # only failing and stale sources
        """
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Show only failing and stale sources.")
    var problems = false

    func run() throws {
        let configuration = try options.loadConfiguration()
        let store = try Store(path: configuration.settings.databasePath)
        let now = Date()
        let window = Duration.seconds(30 * 86_400)
        let recent = try store.itemCountsBySource(since: now.addingTimeInterval(-window.seconds))
        let states = Dictionary(try store.allSourceStates().map { ($0.sourceID, $0) }, uniquingKeysWith: { first, _ in first })
        let records = Dictionary(try store.sources().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        var table = TextTable(header: ["ID", "CHANNEL", "STATUS", "LAST OK", "LAST NEW", "FAILS", "ITEMS/DAY", "REASON"])
        var counts: [SourceHealth.Status: Int] = [:]
        for source in configuration.sources {
            let state = states[source.id]
            let health = SourceHealth.assess(
                source: source, state: state, recentItems: recent[source.id] ?? 0, window: window,
                trackedSince: records[source.id]?.firstConfiguredAt ?? now, now: now
            )
            counts[health.status, default: 0] += 1
            if problems, health.status != .failing, health.status != .stale { continue }
            table.rows.append([
                source.id,
                source.channel.chineseLabel,
                "\(health.status.rawValue) \(health.status.chineseLabel)",
                Self.ago(state?.lastSuccessAt, now: now),
                Self.ago(state?.lastNewItemAt, now: now),
                state.map { "\($0.consecutiveFailures)/\($0.totalFailures)" } ?? "-",
                String(format: "%.1f", health.itemsPerDay),
                Self.clip(health.reason ?? "", to: 70),
            ])
        }
        print(table.render())
        let summary = SourceHealth.Status.allCases.compactMap { status in
            counts[status].map { "\($0) \(status.rawValue)" }
        }
        print("\n\(configuration.sources.count) sources: " + summary.joined(separator: ", "))
    }

    /// "5m ago", "3h ago", or "never".
    static func ago(_ date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        let seconds = Int64(max(0, now.timeIntervalSince(date)))
        guard seconds >= 1 else { return "just now" }
        // Round to the largest unit: "1d3h" reads better than "1d3h12m5s" in a table.
        let units: [Int64] = [86_400, 3_600, 60, 1]
        let unit = units.first { seconds >= $0 } ?? 1
        return DurationText.format(.seconds(seconds / unit * unit)) + " ago"
    }

    static func clip(_ text: String, to width: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > width ? String(line.prefix(width - 1)) + "…" : line
    }
}
