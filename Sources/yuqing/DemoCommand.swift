import ArgumentParser
import Foundation
import Logging
import YuqingConfig
import YuqingCore
import YuqingDemo
import YuqingExtract
import Synchronization
import YuqingService

/// `yuqing demo`: the built-in demo site plus the daemon polling it.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a built-in demo site on 127.0.0.1 and run the daemon against it.",
        discussion: """
        The demo site plays a fictional city's government site, newspaper, forum (in GBK)
        and Weibo account; it publishes a new item every few seconds. The daemon's config
        and SQLite store are written to the demo directory, so you can look at them after.

        Examples:
          yuqing demo
          yuqing demo --dir /tmp/yuqing-demo --duration 60s
          yuqing demo --port 8080      # then open http://127.0.0.1:8080/ in a browser
        """
    )

    @Option(help: ArgumentHelp("Directory for the demo's yuqing.yml, Sources.yml and database.", valueName: "dir"))
    var dir: String = "demo"

    @Option(help: "Port of the demo site on 127.0.0.1 (0 picks a free one).")
    var port: Int = 0

    @Option(help: ArgumentHelp("How often the demo site publishes a new item.", valueName: "duration"))
    var publishEvery: String = "4s"

    @Option(help: ArgumentHelp("How often the daemon polls each demo source.", valueName: "duration"))
    var pollEvery: String = "3s"

    @Option(help: ArgumentHelp("Stop by itself after this long (default: run until Ctrl-C).", valueName: "duration"))
    var duration: String?

    @Option(help: ArgumentHelp("Rules to start the demo with, copied into the demo directory the first time (edit them there to see live reload).", valueName: "dir"))
    var rules: String = "Rules"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .notice

    func run() async throws {
        let publishInterval = try parseDuration(publishEvery, option: "--publish-every")
        let pollInterval = try parseDuration(pollEvery, option: "--poll-every")
        let stopAfter = try duration.map { try parseDuration($0, option: "--duration") }
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }

        let site = DemoSite(catalog: try DemoCatalog.bundled(), interval: publishInterval)
        let server = try await LocalHTTPServer.start(router: site.router(), port: port)
        let directory = URL(fileURLWithPath: dir, isDirectory: true).standardizedFileURL
        try DemoConfigWriter(site: site, baseURL: server.baseURL, pollInterval: pollInterval).write(to: directory)
        let demoRules = directory.appending(path: "Rules", directoryHint: .isDirectory)
        if !FileManager.default.fileExists(atPath: demoRules.path) {
            let bundled = URL(fileURLWithPath: rules, isDirectory: true)
            if FileManager.default.fileExists(atPath: bundled.path) {
                try FileManager.default.copyItem(at: bundled, to: demoRules)
            } else {
                print("注意：未找到规则目录 \(bundled.path)，演示将不做规则匹配 (no rules found; run from the repository root or pass --rules)")
            }
        }
        let configuration: Configuration
        do {
            configuration = try ConfigLoader.load(directory: directory, selectorChecker: PageSelectorChecker())
        } catch {
            await server.stop()
            throw error
        }

        print("""
        演示站点 demo site: \(server.baseURL.absoluteString)/
        配置与数据 config and store: \(directory.path)
        规则 rules: \(demoRules.path)（修改后自动生效 edits take effect at once）
        每 \(DurationText.format(publishInterval)) 发布一条新信息，每 \(DurationText.format(pollInterval)) 抓取一次；按 Ctrl-C 停止。
        """)
        let names = Dictionary(configuration.sources.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let printer = DemoPrinter(names: names)
        do {
            try await Daemon(configuration: configuration, logger: Logger(label: "yuqing")).run(stopAfter: stopAfter) { report in
                printer.show(report)
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        print("已停止 stopped. \(printer.total) 条新信息已入库 new items stored, \(printer.matched) 条命中规则 matched rules.")
    }

    private func parseDuration(_ text: String, option: String) throws -> Duration {
        guard let value = DurationText.parse(text) else {
            throw ValidationError("\(option): '\(text)' is not a duration; write it like 5s, 10m, 2h or 1h30m")
        }
        return value
    }
}

/// Prints each newly stored demo item as it arrives.
final class DemoPrinter: Sendable {
    private let names: [String: String]
    private let counter = Mutex((items: 0, matched: 0))

    init(names: [String: String]) { self.names = names }

    /// Items stored so far.
    var total: Int { counter.withLock { $0.items } }

    /// Items that matched a rule so far.
    var matched: Int { counter.withLock { $0.matched } }

    func show(_ report: CrawlReport) {
        guard !report.abandoned else { return }
        let name = names[report.sourceID] ?? report.sourceID
        if !report.succeeded {
            print("！\(name)：抓取失败 \(report.record.errorDescription)")
            return
        }
        counter.withLock { $0.items += report.inserted.count }
        let matches = Dictionary(grouping: report.matches.filter(\.isNew), by: \.itemID)
        counter.withLock { $0.matched += matches.count }
        // Feeds list newest first; print in publication order so the terminal reads like a timeline.
        for item in report.inserted.sorted(by: { ($0.published ?? $0.firstSeen) < ($1.published ?? $1.firstSeen) }) {
            let time = item.published.map { Self.clock($0) } ?? "--:--"
            print("新 \(time) [\(name)] \(item.title)")
            for match in matches[item.id] ?? [] {
                let words = Array(Set(match.highlights.map(\.text))).sorted().joined(separator: "、")
                print("   ⚠ 命中「\(match.ruleName)」\(match.group)/\(match.severity.chineseName)：\(words)")
            }
        }
        // Forum threads that gained replies are updated in place, not stored again.
        for item in report.updated {
            print("更新   [\(name)] \(item.title)")
        }
    }

    private static func clock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
