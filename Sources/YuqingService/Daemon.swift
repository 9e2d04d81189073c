import Foundation
import Logging
import ServiceLifecycle
import YuqingCore
import YuqingFetch
import YuqingStore

/// Wires the daemon together from a loaded configuration: opens the store, records the
/// configured sources, starts the fetcher and runs the services until SIGTERM/SIGINT.
public struct Daemon: Sendable {
    /// The configuration it runs.
    public let configuration: Configuration
    /// Where it logs.
    public let logger: Logger
    /// Sends digests (and, later, alerts); nil until an SMTP transport is configured.
    public let mailTransport: (any MailTransport)?

    /// Creates a daemon for `configuration`.
    public init(configuration: Configuration, logger: Logger, mailTransport: (any MailTransport)? = nil) {
        self.configuration = configuration
        self.logger = logger
        self.mailTransport = mailTransport
    }

    /// The `Rules/` directory of the configuration.
    public var rulesDirectory: URL { configuration.directory.appending(path: "Rules", directoryHint: .isDirectory) }

    /// Opens the store named by the configuration and records the configured sources in it.
    public func openStore() throws -> Store {
        let store = try Store(path: configuration.settings.databasePath)
        try store.syncSources(configuration.sources, at: Date())
        return store
    }

    /// Runs until a shutdown signal arrives (or `stopAfter` has passed), then stops cleanly.
    /// - Parameters:
    ///   - stopAfter: shut down gracefully after this long, as if SIGTERM had arrived.
    ///   - onReport: called after each poll, once its items are stored.
    public func run(
        stopAfter: Duration? = nil,
        onReport: @escaping @Sendable (CrawlReport) async -> Void = { _ in }
    ) async throws {
        let store = try openStore()
        let rules = try RuleBook(directory: rulesDirectory)
        let matcher = MatchPipeline(rules: rules, store: store, sources: configuration.sources, logger: logger)
        matcher.restoreVolumeHistory()
        await matcher.catchUp()
        let fetcher = try CurlFetcher(limits: FetchLimits(configuration.settings.crawl))
        defer { fetcher.shutdown() }
        let polite = PoliteFetcher(base: fetcher, settings: configuration.settings.crawl)
        let crawler = SourceCrawler(fetcher: polite, store: store, matcher: matcher, logger: logger)
        let crawl = CrawlService(
            sources: configuration.sources,
            crawler: crawler,
            concurrency: configuration.settings.crawl.concurrency,
            logger: logger,
            onReport: onReport
        )
        logger.info("yuqing starting", metadata: [
            "config": "\(configuration.directory.path)",
            "database": "\(configuration.settings.databasePath)",
            "sources": "\(configuration.sources.count)",
            "rules": "\(rules.snapshot.ruleCount)", "rules_version": "\(rules.snapshot.version)",
        ])
        let systemd = SystemdNotifier()
        let reloader = RulesReloadService(rules: rules, matcher: matcher, notifier: systemd, logger: logger)
        let notifier = LifecycleNotifierService(
            notifier: systemd,
            store: store,
            status: "polling \(configuration.sources.filter(\.enabled).count) sources",
            watchdogInterval: SystemdNotifier.watchdogInterval(),
            logger: logger
        )
        let digests = try digestService(store: store, transport: mailTransport)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: crawl), .init(service: reloader), .init(service: notifier), .init(service: digests)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        let timer = stopAfter.map { delay in
            Task {
                try await Task.sleep(for: delay)
                await group.triggerGracefulShutdown()
            }
        }
        defer { timer?.cancel() }
        try await group.run()
        logger.info("yuqing stopped")
    }
}
