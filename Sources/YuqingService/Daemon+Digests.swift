import Foundation
import Logging
import YuqingCore
import YuqingStore

extension Daemon {
    /// The template directory: `report.templates`, else `templates/` in the config directory
    /// (the renderer falls back to the built-in templates for any file missing there).
    public var digestTemplateDirectory: URL {
        configuration.settings.report.templateDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? configuration.directory.appending(path: "templates", directoryHint: .isDirectory)
    }

    /// The archive directory: `report.archive`, else `reports/` next to the database.
    public var digestArchiveDirectory: URL {
        configuration.settings.report.archiveDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? URL(fileURLWithPath: configuration.settings.databasePath).deletingLastPathComponent()
                .appending(path: "reports", directoryHint: .isDirectory)
    }

    /// The configured time zone (Asia/Shanghai when unknown).
    public var reportTimeZone: TimeZone {
        TimeZone(identifier: configuration.settings.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
    }

    /// A builder over `store` for the configured sources and zone.
    public func digestBuilder(store: Store) -> DigestBuilder {
        DigestBuilder(store: store, sources: configuration.sources, timeZone: reportTimeZone)
    }

    /// A composer with the office's templates and branding.
    public func digestComposer() throws(DigestError) -> DigestComposer {
        DigestComposer(renderer: try DigestRenderer(directory: digestTemplateDirectory), settings: configuration.settings.report)
    }

    /// The digest service for the configured schedules.
    func digestService(store: Store, transport: (any MailTransport)?) throws -> DigestService {
        DigestService(
            store: store, builder: digestBuilder(store: store), composer: try digestComposer(),
            schedules: configuration.settings.digests, recipients: configuration.settings.recipients,
            sender: configuration.settings.smtp?.from, transport: transport,
            archiveDirectory: digestArchiveDirectory, logger: logger)
    }
}
