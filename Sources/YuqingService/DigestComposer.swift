import Foundation
import YuqingCore
import YuqingStore

/// One built report: its view, both bodies and its CSV tables.
public struct ComposedDigest: Sendable {
    /// The subject line (`江临市委网信办 舆情周报 2026年第48周（…）`).
    public var subject: String
    /// The HTML body.
    public var html: String
    /// The `text/plain` body.
    public var text: String
    /// CSV tables (name, text).
    public var tables: [(name: String, text: String)]
}

/// Turns report data into the finished report with the office's templates and branding, writes
/// the archive copy, and wraps it in a mail.
public struct DigestComposer: Sendable {
    /// The templates.
    public let renderer: DigestRenderer
    /// The office's branding and default language.
    public let settings: ReportSettings

    /// Creates a composer.
    public init(renderer: DigestRenderer, settings: ReportSettings) {
        self.renderer = renderer
        self.settings = settings
    }

    /// Renders `data` in `language` (the report's default when nil).
    public func compose(_ data: DigestData, language: ReportLanguage? = nil) -> ComposedDigest {
        let view = DigestView(data, settings: settings, language: language ?? settings.language)
        return ComposedDigest(subject: view.subject, html: renderer.renderHTML(view), text: renderer.renderText(view),
                              tables: DigestCSV.tables(view))
    }

    /// Writes `<dir>/<name>-<period>.html` and one CSV a table next to it; returns the HTML's path.
    public func archive(_ digest: ComposedDigest, name: String, period: ReportPeriod, in directory: URL) throws(DigestError) -> URL {
        let base = "\(Self.fileSafe(name))-\(period.key)"
        let html = directory.appending(path: "\(base).html")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(digest.html.utf8).write(to: html, options: .atomic)
            for table in digest.tables {
                try Data(table.text.utf8).write(to: directory.appending(path: "\(base)-\(table.name).csv"), options: .atomic)
            }
        } catch {
            throw .archive(path: html.path, message: error.localizedDescription)
        }
        return html
    }

    /// The mail of a report: both bodies, a stable Message-ID and an `X-Yuqing-Digest` header.
    public func message(
        _ digest: ComposedDigest, schedule: String, period: ReportPeriod, from: MailAddress, to: [MailAddress], date: Date
    ) -> MailMessage {
        MailMessage(
            from: from, to: to, subject: digest.subject, text: digest.text, html: digest.html,
            messageID: Self.messageID(schedule: schedule, period: period, domain: from.domain), date: date,
            extraHeaders: [MailHeader(name: "X-Yuqing-Digest", value: "\(schedule) \(period.key)")]
        )
    }

    /// `digest.<hex of the schedule name>.<period key>@<domain>`: the same for every attempt to
    /// send one schedule's report of one period, so a re-send after a crash is the same message.
    public static func messageID(schedule: String, period: ReportPeriod, domain: String) -> String {
        let hex = schedule.utf8.map { String(format: "%02x", $0) }.joined()
        return "digest.\(hex).\(period.key)@\(domain.isEmpty ? "yuqing.invalid" : domain)"
    }

    /// A file-name-safe form of a schedule name (Chinese kept; separators and controls replaced).
    static func fileSafe(_ name: String) -> String {
        String(name.map { "/\\:*?\"<>| \n\r\t".contains($0) || $0.isASCII && !$0.isPrintableASCII ? "_" : $0 })
    }
}

extension Character {
    fileprivate var isPrintableASCII: Bool { asciiValue.map { $0 >= 0x20 && $0 < 0x7F } ?? false }
}
