import ArgumentParser
import Foundation
import Logging
import YuqingCore
import YuqingNotify
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
        } else if send, settings.digests.count == 1 {
            // --send needs a schedule's recipients; with only one configured there is no doubt which.
            chosen = settings.digests[0]
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
        var mail: (mailer: SMTPMailer, from: MailAddress, to: [MailAddress], schedule: String)?
        if send {
            mail = try Self.mailSetup(settings: settings, schedule: chosen, timeZone: zone)
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
        if let mail {
            let message = composer.message(digest, schedule: mail.schedule, period: reportPeriod, from: mail.from,
                                           to: mail.to, date: Date())
            do {
                try await mail.mailer.send(message)
            } catch {
                throw CommandFailure("cannot send the report via \(settings.smtp?.url.absoluteString ?? "smtp"): \(error.description)")
            }
            FileHandle.standardError.write(Data("sent \(digest.subject) to \(mail.to.count) address(es)\n".utf8))
            if out == nil { return }
        }
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

    /// The mailer, sender and recipients for --send, or a failure that says which part of
    /// yuqing.yml to fill in.
    static func mailSetup(
        settings: ServiceSettings, schedule: DigestSchedule?, timeZone: TimeZone
    ) throws -> (mailer: SMTPMailer, from: MailAddress, to: [MailAddress], schedule: String) {
        guard let smtp = settings.smtp else {
            throw CommandFailure("--send needs an 'smtp:' block in yuqing.yml (url, from, …); or write the report with --out")
        }
        guard let schedule else {
            let names = settings.digests.map(\.name)
            throw CommandFailure(names.isEmpty
                ? "--send needs recipients: add a 'digests:' entry with 'to:' in yuqing.yml, then use --schedule NAME"
                : "--send needs --schedule NAME to know the recipients; configured: \(names.joined(separator: ", "))")
        }
        guard !schedule.recipients.isEmpty else {
            throw CommandFailure("digest '\(schedule.name)' has no recipients: add 'to:' names (from 'recipients:') in yuqing.yml")
        }
        let addressing = DigestAddressing(schedule: schedule, recipients: settings.recipients)
        guard addressing.unknown.isEmpty else {
            throw CommandFailure("digest '\(schedule.name)' sends to \(addressing.unknown.joined(separator: ", ")), "
                + "not defined under 'recipients:' in yuqing.yml")
        }
        let addresses = addressing.addresses
        guard !addresses.isEmpty else {
            throw CommandFailure("digest '\(schedule.name)': \(schedule.recipients.joined(separator: ", ")) "
                + "have no 'email:' address under 'recipients:' in yuqing.yml")
        }
        return (SMTPMailer(settings: smtp, timeZone: timeZone), smtp.from, addresses, schedule.name)
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
