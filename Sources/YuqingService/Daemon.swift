import Foundation
import Logging
import ServiceLifecycle
import YuqingCore
import YuqingFetch
import YuqingNotify
import YuqingStore

/// Wires the daemon together from a loaded configuration: opens the store, records the
/// configured sources, starts the fetcher and runs the services until SIGTERM/SIGINT.
public struct Daemon: Sendable {
    /// The configuration it runs.
    public let configuration: Configuration
    /// Where it logs.
    public let logger: Logger
    /// The metrics served at `/metrics` (when `http:` is enabled). Work that keeps state in the
    /// store (the alert outbox) adds its gauges with `metrics.addGaugeProvider` while wiring.
    public let metrics = DaemonMetrics()
    /// A mail transport to use instead of the SMTP client `smtp:` describes (tests, other transports).
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

    /// How alerts are raised: `alerts:` settings, `recipients:` for routing, the time zone.
    public func alertPlan() -> AlertPlan {
        let settings = configuration.settings
        return AlertPlan(
            policy: AlertPolicy(settings: settings.alerts, timeZone: settings.timeZone),
            routing: AlertRouting(recipients: settings.recipients, defaultRecipients: settings.alerts.defaultRecipients),
            renderer: AlertRenderer(timeZone: settings.timeZone),
            // Message-IDs carry the office's own domain.
            messageDomain: settings.smtp?.from.domain,
            // Items of one story raise one alert per rule, then updates as it spreads.
            storyKey: { $0.storyID.map { "story:\($0)" } ?? "item:\($0.id)" }
        )
    }

    /// The mail and webhook transports alerts and digests leave through, and the From address:
    /// libcurl's SMTP client for `smtp:` (unless a transport was injected), the webhook
    /// client for `webhooks:`; nil for what is not configured.
    func alertTransports() -> (mail: (any MailTransport)?, webhooks: (any WebhookTransport)?, from: MailAddress?) {
        let settings = configuration.settings
        let mail = mailTransport ?? settings.smtp.map { SMTPMailer(settings: $0, timeZone: reportTimeZone) }
        let webhooks: (any WebhookTransport)? = settings.webhooks.isEmpty ? nil
            : WebhookSender(webhooks: settings.webhooks, timeZone: reportTimeZone, userAgent: settings.crawl.userAgent)
        return (mail, webhooks, settings.smtp?.from)
    }

    /// Runs until a shutdown signal arrives (or `stopAfter` has passed), then stops cleanly.
    /// - Parameters:
    ///   - stopAfter: shut down gracefully after this long, as if SIGTERM had arrived.
    ///   - onReport: called after each poll, once its items are stored.
    ///   - onEndpoint: called with the `/healthz` and `/metrics` base URL once it listens.
    public func run(
        stopAfter: Duration? = nil,
        onReport: @escaping @Sendable (CrawlReport) async -> Void = { _ in },
        onEndpoint: @escaping @Sendable (URL) async -> Void = { _ in }
    ) async throws {
        let store = try openStore()
        let rules = try RuleBook(directory: rulesDirectory)
        let plan = alertPlan()
        let wakeup = AlertWakeup()
        let analyser = ItemAnalyser(rules: rules, store: store, logger: logger, clustering: configuration.settings.stories)
        let matcher = MatchPipeline(rules: rules, store: store, sources: configuration.sources, logger: logger,
                                    analyser: analyser, metrics: metrics, alerts: plan, wakeup: wakeup)
        let ruleSet = rules.snapshot.compiled.ruleSet
        let notifyLists = ruleSet.rules.map { ($0.name, $0.notify) } + ruleSet.volumeRules.map { ($0.name, $0.notify) }
        for unknown in plan.routing.unknownNames(in: notifyLists) {
            logger.warning("alerts for recipient '\(unknown.name)' reach no one: it is not in recipients: of yuqing.yml",
                           metadata: ["used_by": "\(unknown.usedBy.joined(separator: ", "))"])
        }
        matcher.restoreVolumeHistory()
        do {
            try matcher.analyser.restoreStories()
        } catch {
            logger.error("cannot restore stories; they will be rebuilt with the next items: \(error)")
        }
        await matcher.catchUp()
        let fetcher = try CurlFetcher(limits: FetchLimits(configuration.settings.crawl))
        defer { fetcher.shutdown() }
        let polite = PoliteFetcher(base: fetcher, settings: configuration.settings.crawl, store: store)
        let crawler = SourceCrawler(fetcher: polite, store: store, matcher: matcher, logger: logger)
        let roster = SourceRoster(configuration.sources)
        let crawl = CrawlService(
            roster: roster,
            crawler: crawler,
            concurrency: configuration.settings.crawl.concurrency,
            logger: logger,
            metrics: metrics,
            onReport: onReport
        )
        logger.info("yuqing starting", metadata: [
            "config": "\(configuration.directory.path)",
            "database": "\(configuration.settings.databasePath)",
            "sources": "\(configuration.sources.count)",
            "rules": "\(rules.snapshot.ruleCount)", "rules_version": "\(rules.snapshot.version)",
        ])
        let systemd = SystemdNotifier()
        let reloader = RulesReloadService(
            rules: rules, matcher: matcher, notifier: systemd, logger: logger, metrics: metrics,
            configuration: ConfigReloader(configuration: configuration, roster: roster, matcher: matcher, store: store,
                                          logger: logger)
        )
        metrics.addGaugeProvider(Self.sourceFailureGauges(store: store, roster: roster))
        metrics.addGaugeProvider(Self.outboxGauges(store: store))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: crawl), .init(service: reloader)]
        services.append(.init(service: RetentionService(settings: configuration.settings.retention, store: store,
                                                        logger: logger)))
        let http = configuration.settings.http
        if http.enabled {
            let endpoint = OperatorEndpoint(settings: http, store: store, metrics: metrics, logger: logger) { host, port in
                let bracketed = host.contains(":") ? "[\(host)]" : host
                if let url = URL(string: "http://\(bracketed):\(port)") { await onEndpoint(url) }
            }
            services.append(.init(service: endpoint))
        }
        let notifier = LifecycleNotifierService(
            notifier: systemd,
            store: store,
            status: "polling \(configuration.sources.filter(\.enabled).count) sources",
            watchdogInterval: SystemdNotifier.watchdogInterval(),
            logger: logger
        )
        let transports = alertTransports()
        let alerter = AlertService(
            store: store, plan: plan, mail: transports.mail, webhooks: transports.webhooks, from: transports.from,
            wakeup: wakeup, logger: logger)
        let digests = try digestService(store: store, transport: transports.mail)
        let group = ServiceGroup(configuration: .init(
            services: services + [.init(service: alerter), .init(service: digests), .init(service: notifier)],
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

    /// `yuqing_source_consecutive_failures{source}` for every enabled source, read from the store
    /// at scrape time so it survives restarts and agrees with `yuqing status`.
    static func sourceFailureGauges(store: Store, roster: SourceRoster) -> DaemonMetrics.GaugeProvider {
        {
            let enabled = Set(roster.snapshot.sources.filter(\.enabled).map(\.id))
            let states = (try? store.allSourceStates()) ?? []
            let failures = Dictionary(states.map { ($0.sourceID, $0.consecutiveFailures) }, uniquingKeysWith: max)
            return enabled.sorted().map { id in
                GaugeSample(name: "yuqing_source_consecutive_failures",
                            help: "Polls of the source that failed in a row (0 after a success).",
                            labels: [("source", id)], value: Double(failures[id] ?? 0))
            }
        }
    }
}
