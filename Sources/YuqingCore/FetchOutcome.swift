/// How one fetch of a source ended, as recorded in the fetch log.
///
/// The raw values are what the store writes to `fetch_log.outcome`; never change
/// an existing one, only add new cases.
public enum FetchOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// A 2xx response that was parsed.
    case ok
    /// A 304 answer to a conditional request, or a feed's 200 whose body is the one read last
    /// time byte for byte (`SourceState.bodyDigest`): nothing changed since the last fetch.
    case notModified = "not_modified"
    /// The server answered with an error status (4xx, 5xx, or an unexpected code).
    case httpError = "http_error"
    /// No usable HTTP response: DNS, connect, TLS, timeout, size limit, redirects.
    case transportError = "transport_error"
    /// The response arrived but its body could not be read as a feed or page.
    case parseError = "parse_error"

    /// Whether the fetch counts as a success for source health (`ok`, `not_modified`).
    public var isSuccess: Bool {
        switch self {
        case .ok, .notModified: true
        case .httpError, .transportError, .parseError: false
        }
    }
}
