import ArgumentParser
import Foundation
import YuqingConfig
import YuqingCore
import YuqingStore

/// `yuqing status`: the state of the whole installation at a glance.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Summarise the installation: sources by health, items and matches in the last 24 hours, the alert outbox, the last digest, rules in force.",
        discussion: """
        Examples:
          yuqing status --config /etc/yuqing
        """
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        let configuration = try options.loadConfiguration()
        let store = try Store(path: configuration.settings.databasePath)
        let now = Date()
        let day = now.addingTimeInterval(-86_400)
        let time = LocalTime(zone: configuration.settings.timeZone)

        let month = Duration.seconds(30 * 86_400)
        let recent = try store.itemCountsBySource(since: now.addingTimeInterval(-month.seconds))
        let states = Dictionary(try store.allSourceStates().map { ($0.sourceID, $0) }, uniquingKeysWith: { first, _ in first })
        let records = Dictionary(try store.sources().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var health: [SourceHealth.Status: Int] = [:]
        for source in configuration.sources {
            let verdict = SourceHealth.assess(source: source, state: states[source.id], recentItems: recent[source.id] ?? 0,
                                              window: month, trackedSince: records[source.id]?.firstConfiguredAt ?? now, now: now)
            health[verdict.status, default: 0] += 1
        }
        let lastFetch = states.values.compactMap(\.lastFetchAt).max()

        print("数据库 database:  \(configuration.settings.databasePath)")
        print("站点 sources:     \(configuration.sources.count) — " + SourceHealth.Status.allCases.compactMap { status in
            health[status].map { "\(status.chineseLabel) \(status.rawValue) \($0)" }
        }.joined(separator: ", "))
        print("最近抓取 last fetch: \(lastFetch.map(time.format) ?? "never")")
        let itemsToday = try store.itemCountsBySource(since: day).values.reduce(0, +)
        print("信息 items:       \(try store.itemCount()) stored, \(itemsToday) in the last 24 h")
        let matches = try store.matchCountsByGroup(since: day)
        let matchLine = matches.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("命中 matches (24 h): \(matches.isEmpty ? "none" : matchLine)")
        let deliveries = try store.alertDeliveryCounts()
        let failed = deliveries[.failed] ?? 0
        print("预警 outbox:      \(deliveries[.pending] ?? 0) pending, \(deliveries[.sent] ?? 0) sent, \(failed) failed"
            + (failed > 0 ? " — see `yuqing alerts --failed`" : ""))
        if let digest = try store.digestRuns(limit: 50).filter({ $0.sentAt != nil }).max(by: { $0.sentAt! < $1.sentAt! }) {
            print("报告 last digest: \(digest.schedule) \(digest.periodKey), sent \(digest.sentAt.map(time.format) ?? "")")
        } else {
            print("报告 last digest: none sent")
        }
        let rulesDirectory = options.rulesDirectory
        if FileManager.default.fileExists(atPath: rulesDirectory.path) {
            do {
                let rules = try RuleLoader.load(directory: rulesDirectory)
                print("规则 rules:       \(rules.rules.count) rules, \(rules.volumeRules.count) volume rules, version \(RuleLoader.fingerprint(directory: rulesDirectory))")
            } catch {
                print("规则 rules:       BROKEN — the daemon keeps the last good version; run `yuqing rules check`")
            }
        } else {
            print("规则 rules:       none (\(rulesDirectory.path) does not exist)")
        }
    }
}
