import Foundation

/// The service-wide settings read from `yuqing.yml`; every field has a working default.
public struct ServiceSettings: Sendable, Hashable {
    /// Path of the SQLite database file. Relative paths in `yuqing.yml` are resolved
    /// against the config directory by the loader, so this is absolute once loaded.
    public var databasePath: String
    /// IANA time zone used for reports and day boundaries (default Asia/Shanghai).
    public var timeZone: String
    /// Crawler limits and defaults.
    public var crawl: CrawlSettings
    /// Alert grouping, quiet hours and retries (the `alerts:` block).
    public var alerts = AlertSettings()
    /// The mail server (`smtp:`); nil when email is not configured.
    public var smtp: SMTPSettings?
    /// The webhooks (`webhooks:`), in file order.
    public var webhooks: [WebhookSettings]
    /// Who can be notified (`recipients:`), in file order.
    public var recipients: [Recipient]
    /// The `/healthz` and `/metrics` endpoint (`http:`).
    public var http: HTTPSettings = HTTPSettings()
    /// How long items and the fetch log are kept (`retention:`).
    public var retention: RetentionSettings = RetentionSettings()
    /// How reports present the office (`report:`).
    public var report: ReportSettings = ReportSettings()
    /// The scheduled digests (`digests:`), in file order.
    public var digests: [DigestSchedule] = []
    /// The in-memory story index (`stories:`): its memory limit.
    public var stories = StoryClusterer.Configuration()

    /// Creates settings.
    public init(
        databasePath: String, timeZone: String = "Asia/Shanghai", crawl: CrawlSettings = CrawlSettings(),
        smtp: SMTPSettings? = nil, webhooks: [WebhookSettings] = [], recipients: [Recipient] = []
    ) {
        self.databasePath = databasePath
        self.timeZone = timeZone
        self.crawl = crawl
        self.smtp = smtp
        self.webhooks = webhooks
        self.recipients = recipients
    }
}

/// Limits and defaults that apply to every fetch (the `crawl:` block of `yuqing.yml`).
public struct CrawlSettings: Sendable, Hashable {
    /// The User-Agent header sent with every request.
    public var userAgent: String
    /// Poll interval of sources that do not set their own.
    public var defaultInterval: Duration
    /// The shortest interval a source may ask for; shorter ones are rejected by the loader.
    public var minimumInterval: Duration
    /// Time allowed to establish a connection.
    public var connectTimeout: Duration
    /// Time allowed for a whole transfer, redirects included.
    public var totalTimeout: Duration
    /// Largest body accepted, after decompression, in bytes.
    public var maxBodyBytes: Int
    /// Most redirects followed for one request.
    public var maxRedirects: Int
    /// Most fetches in flight at once.
    public var concurrency: Int
    /// Most requests in flight to one host (`per_host_concurrency`).
    public var perHostConcurrency: Int
    /// Least time between two requests to one host (`per_host_delay`); a robots.txt Crawl-delay raises it.
    public var perHostDelay: Duration

    /// Creates crawl settings; the defaults suit a few hundred news sites.
    public init(
        userAgent: String = "Yuqing/0.1 (+public-sentiment monitor)",
        defaultInterval: Duration = .seconds(600),
        minimumInterval: Duration = .seconds(1),
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(30),
        maxBodyBytes: Int = 10 * 1024 * 1024,
        maxRedirects: Int = 5,
        concurrency: Int = 16,
        perHostConcurrency: Int = 2,
        perHostDelay: Duration = .seconds(1)
    ) {
        self.userAgent = userAgent
        self.defaultInterval = defaultInterval
        self.minimumInterval = minimumInterval
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.concurrency = concurrency
        self.perHostConcurrency = perHostConcurrency
        self.perHostDelay = perHostDelay
    }
}

/// Everything read from one config directory: `yuqing.yml`, `Sources.yml` (and, later, `Rules/`).
public struct Configuration: Sendable, Hashable {
    /// The directory the files were read from.
    public var directory: URL
    /// Service settings from `yuqing.yml` (defaults when the file is absent).
    public var settings: ServiceSettings
    /// The sources from `Sources.yml`, in file order.
    public var sources: [Source]

    /// Creates a configuration.
    public init(directory: URL, settings: ServiceSettings, sources: [Source]) {
        self.directory = directory
        self.settings = settings
        self.sources = sources
    }

    /// The source with the given id, if configured.
    public func source(id: String) -> Source? {
        sources.first { $0.id == id }
    }
}
