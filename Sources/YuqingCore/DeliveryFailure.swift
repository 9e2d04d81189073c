/// Why a message could not be delivered, as the outbox needs to know it: retry later, or give up.
public struct DeliveryFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, naming the server or webhook (never a secret).
    public var reason: String
    /// True when retrying cannot help (SMTP 5xx, HTTP 4xx other than 408/429, a rejected signature).
    public var isPermanent: Bool
    /// The server's status code (SMTP reply code or HTTP status), when there was one.
    public var code: Int?
    /// How long the server asked us to wait (HTTP Retry-After), when it did.
    public var retryAfter: Duration?

    /// Creates a failure.
    public init(reason: String, isPermanent: Bool, code: Int? = nil, retryAfter: Duration? = nil) {
        self.reason = reason
        self.isPermanent = isPermanent
        self.code = code
        self.retryAfter = retryAfter
    }

    /// The reason, with the code when there is one.
    public var description: String {
        code.map { "\(reason) (\($0))" } ?? reason
    }
}
