import YuqingCore

/// The limits every transfer of a `CurlFetcher` runs under.
public struct FetchLimits: Sendable, Hashable {
    /// Sent as the User-Agent header.
    public var userAgent: String
    /// Time to establish a connection.
    public var connectTimeout: Duration
    /// Time for the whole transfer, redirects included.
    public var totalTimeout: Duration
    /// Largest body accepted after decompression.
    public var maxBodyBytes: Int
    /// Most redirects followed.
    public var maxRedirects: Int
    /// A transfer slower than `lowSpeedBytesPerSecond` for `lowSpeedTime` is aborted (slow drips).
    public var lowSpeedBytesPerSecond: Int
    /// See `lowSpeedBytesPerSecond`.
    public var lowSpeedTime: Duration
    /// Most connections libcurl keeps open per host.
    public var maxConnectionsPerHost: Int
    /// Most idle connections libcurl keeps for reuse (CURLMOPT_MAXCONNECTS). Each transfer
    /// that ends with the cache full scans the whole cache for the oldest connection, so a
    /// large cache costs CPU on every poll, while a crawl that polls thousands of hosts once a
    /// minute reuses almost none of them; a burst on one host (a list's article pages) needs few.
    public var idleConnections: Int
    /// How long libcurl keeps a resolved address for a keep-alive request
    /// (`FetchRequest.keepAlive`; CURLOPT_DNS_CACHE_TIMEOUT), in seconds. Other requests
    /// neither keep nor use one: every lookup walks libcurl's whole DNS cache to prune it, and
    /// with thousands of hosts that cost more than the lookup (BENCHMARKS.md, session 5).
    public var dnsCacheSeconds: Int

    /// Creates limits.
    public init(
        userAgent: String = CrawlSettings().userAgent,
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(30),
        maxBodyBytes: Int = 10 * 1024 * 1024,
        maxRedirects: Int = 5,
        lowSpeedBytesPerSecond: Int = 100,
        lowSpeedTime: Duration = .seconds(15),
        maxConnectionsPerHost: Int = 4,
        idleConnections: Int = 256,
        dnsCacheSeconds: Int = 60
    ) {
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
        self.lowSpeedTime = lowSpeedTime
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.idleConnections = idleConnections
        self.dnsCacheSeconds = dnsCacheSeconds
    }

    /// Limits taken from the `crawl:` settings of `yuqing.yml`.
    public init(_ crawl: CrawlSettings) {
        self.init(
            userAgent: crawl.userAgent,
            connectTimeout: crawl.connectTimeout,
            totalTimeout: crawl.totalTimeout,
            maxBodyBytes: crawl.maxBodyBytes,
            maxRedirects: crawl.maxRedirects
        )
    }
}

extension Duration {
    /// Whole milliseconds, for libcurl's `_MS` options.
    var milliseconds: Int {
        Int(components.seconds) * 1_000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }
}
