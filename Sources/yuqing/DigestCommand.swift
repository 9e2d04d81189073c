import ArgumentParser
import Foundation
import Logging
import YuqingCore
import YuqingService
import YuqingStore

/// `yuqing digest`: builds one period's report (舆情日报/周报/月报) on demand.
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Build the sentiment report of a day, week or month, to a file or by email.",
        discussion: """
        Without --at, the report covers the last complete period (last week for --period week).
        With --at, it covers the period containing that date. Without --out, the plain-text
        version is printed. The HTML uses the templates in templates/ of the config directory
        (or report.templates), falling back to the built-in ones.

        Examples:
          yuqing digest --period week                          # last week's 周报, as text
          yuqing digest --period month --at 2026-10-15 --out oct.html
          yuqing digest --schedule 周报 --out /tmp/weekly.html   # a configured digest's filters and language
          yuqing digest --period day --language en
          yuqing digest --schedule 周报 --send                   # email it (needs smtp: in yuqing.yml)
        """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "day, week or month (default: the schedule's, else week).")
    var period: String?

    @Option(help: ArgumentHelp("A date (YYYY-MM-DD, in the configured time zone) inside the period to report.", valueName: "date"))
    var at: String?

    @Option(help: "Use a configured digest's period, groups, regions, recipients and language (its name in yuqing.yml).")
    var schedule: String?

    @Option(help: "zh-CN or en (default: the schedule's, else report.language).")
    var language: String?

    @Option(help: ArgumentHelp("Write the HTML report to this file (CSV tables next to it).", valueName: "file.html"))
    var out: String?

    @Flag(help: "Email the report to the schedule's recipients.")
    var send = false

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let settings = configuration.settings
        let daemon = Daemon(configuration: configuration, logger: Logger(label: "yuqing.digest"))

        var chosen: DigestSchedule?
        if let schedule {
            guard let found = settings.digests.first(where: { $0.name == schedule }) else {
                let names = settings.digests.map(\.name)
                throw CommandFailure("no digest named '\(schedule)' in yuqing.yml"
                    + (names.isEmpty ? " (it has no 'digests:' entries)" : "; configured: \(names.joined(separator: ", "))"))
            }
            chosen = found
        }
        let kindText = period ?? chosen?.period.rawValue ?? "week"
        guard let kind = ReportPeriod.Kind(rawValue: kindText) else {
            throw CommandFailure("unknown period '\(kindText)'; use day, week or month")
        }
        let zone = daemon.reportTimeZone
        let reportPeriod: ReportPeriod
        if let at {
            guard let date = Self.parseDate(at, in: zone) else {
                throw CommandFailure("cannot read --at '\(at)' as a date; write it as YYYY-MM-DD, e.g. 2026-11-23")
            }
            reportPeriod = ReportPeriod(kind: kind, containing: date, in: zone)
        } else {
            reportPeriod = ReportPeriod.lastComplete(kind, before: Date(), in: zone)
        }
        var reportLanguage = chosen?.language
        if let language {
            guard let parsed = ReportLanguage(rawValue: language == "zh" ? "zh-CN" : language) else {
                throw CommandFailure("unknown language '\(language)'; use zh-CN or en")
            }
            reportLanguage = parsed
        }
        if send {
            // TODO(lead): build the SMTP transport from settings.smtp and send with DigestComposer.message.
            throw CommandFailure(DigestError.noMailTransport.description)
        }

        let store = try Store(path: settings.databasePath)
        defer { try? store.close() }
        let composer: DigestComposer
        do {
            composer = try daemon.digestComposer()
        } catch {
            throw CommandFailure(error.description)
        }
        let data = try daemon.digestBuilder(store: store).build(
            period: reportPeriod, groups: chosen?.groups ?? [], regions: chosen?.regions ?? [],
            scheduleName: chosen?.name, now: Date())
        let digest = composer.compose(data, language: reportLanguage)
        guard let out else {
            print(digest.text)
            return
        }
        let url = URL(fileURLWithPath: out)
        do {
            try Data(digest.html.utf8).write(to: url, options: .atomic)
            let base = url.deletingPathExtension().path
            for table in digest.tables {
                try Data(table.text.utf8).write(to: URL(fileURLWithPath: "\(base)-\(table.name).csv"), options: .atomic)
            }
        } catch {
            throw CommandFailure("cannot write \(out): \(error.localizedDescription)")
        }
        FileHandle.standardError.write(Data("wrote \(out) (\(digest.subject))\n".utf8))
    }

    /// `YYYY-MM-DD` at noon in `zone` (noon: safely inside the day whatever DST does).
    static func parseDate(_ text: String, in zone: TimeZone) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == parts[2] else { return nil }
        return date
    }
}
