import Foundation

/// The mail server alerts and digests go through (the `smtp:` block of `yuqing.yml`).
public struct SMTPSettings: Sendable, Hashable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// Plain connection upgraded with STARTTLS, which must succeed (port 587, `smtp://`).
        case starttls
        /// TLS from the first byte (port 465, `smtps://`).
        case tls
        /// No TLS at all; the loader accepts it for loopback servers only.
        case none
    }

    /// `smtp://host:port` or `smtps://host:port`.
    public var url: URL
    /// How the connection is protected.
    public var security: Security
    /// The AUTH user name, when the server wants one.
    public var username: String?
    /// The AUTH password (from `password_env` or `password_credential`).
    public var password: SecretText?
    /// The From mailbox of every message.
    public var from: MailAddress
    /// Time allowed for one whole message, connection included.
    public var timeout: Duration
    /// A PEM file of CA certificates to trust instead of the system's (a private CA, a test server).
    public var caFile: String?

    /// Creates SMTP settings.
    public init(
        url: URL, security: Security, username: String? = nil, password: SecretText? = nil,
        from: MailAddress, timeout: Duration = .seconds(30), caFile: String? = nil
    ) {
        self.url = url
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.timeout = timeout
        self.caFile = caFile
    }

    /// `host:port` of the server, for messages and logs.
    public var serverName: String {
        let host = url.host ?? "?"
        let port = url.port ?? (url.scheme == "smtps" ? 465 : 25)
        return "\(host):\(port)"
    }
}
