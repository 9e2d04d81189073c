/// The operator endpoint serving `/healthz` and `/metrics` (the `http:` block of `yuqing.yml`).
///
/// Off unless the block is present: a daemon that opens a port should say so in its config.
/// The reader refuses a non-loopback `listen` address unless `allow_remote: true`, because
/// the endpoint has no authentication.
public struct HTTPSettings: Sendable, Hashable {
    /// Whether the endpoint runs.
    public var enabled: Bool
    /// The address to bind (an IP literal or `localhost`).
    public var host: String
    /// The TCP port; 0 lets the kernel pick one (tests).
    public var port: Int
    /// Whether a non-loopback `host` was explicitly allowed.
    public var allowRemote: Bool

    /// The default listen address, `127.0.0.1:9464` (9464 is the port Prometheus exporters commonly use for this).
    public static let defaultHost = "127.0.0.1"
    /// The default port.
    public static let defaultPort = 9464

    /// Creates settings; the defaults describe a disabled endpoint on 127.0.0.1:9464.
    public init(enabled: Bool = false, host: String = Self.defaultHost, port: Int = Self.defaultPort, allowRemote: Bool = false) {
        self.enabled = enabled
        self.host = host
        self.port = port
        self.allowRemote = allowRemote
    }
}
