import Foundation

/// One HTTP GET the crawler wants made.
public struct FetchRequest: Sendable, Hashable {
    /// The address to fetch.
    public var url: URL
    /// Extra request headers (a source's configured headers).
    public var headers: [String: String]
    /// `ETag` from the previous fetch, sent as `If-None-Match`.
    public var etag: String?
    /// `Last-Modified` from the previous fetch, sent as `If-Modified-Since`.
    public var lastModified: String?
    /// Addresses the fetch may connect to, redirects included; nil allows any (one-off tools).
    public var addressPolicy: AddressPolicy?
    /// Whether robots.txt is consulted (a polite fetcher does; `robots: ignore` turns it off).
    public var obeysRobots: Bool
    /// Whether the connection (and the resolved address) is kept for more requests to the same
    /// host: true for the pages a list or forum poll fetches in a burst; false for a poll, whose
    /// host is asked again only after its interval, when the server has closed the connection.
    public var keepAlive: Bool

    /// Creates a request.
    public init(
        url: URL, headers: [String: String] = [:], etag: String? = nil, lastModified: String? = nil,
        addressPolicy: AddressPolicy? = nil, obeysRobots: Bool = true, keepAlive: Bool = false
    ) {
        self.url = url
        self.headers = headers
        self.etag = etag
        self.lastModified = lastModified
        self.addressPolicy = addressPolicy
        self.obeysRobots = obeysRobots
        self.keepAlive = keepAlive
    }
}

/// The answer to a `FetchRequest` that reached a server.
public struct FetchResponse: Sendable, Hashable {
    /// HTTP status code of the final response (after redirects).
    public var status: Int
    /// The URL finally fetched, after redirects.
    public var finalURL: URL
    /// Response headers of the final response, names lower-cased.
    public var headers: [String: String]
    /// The decoded (decompressed) body bytes.
    public var body: Data
    /// Wall time of the transfer.
    public var elapsed: Duration
    /// Connections the transfer had to open (0 when it reused a kept-alive one).
    public var newConnections: Int

    /// Creates a response.
    public init(status: Int, finalURL: URL, headers: [String: String], body: Data, elapsed: Duration, newConnections: Int = 1) {
        self.status = status
        self.finalURL = finalURL
        self.headers = headers
        self.body = body
        self.elapsed = elapsed
        self.newConnections = newConnections
    }

    /// The `Content-Type` header, when present.
    public var contentType: String? { headers["content-type"] }

    /// The charset named in the `Content-Type` header, lower-cased, when present.
    public var declaredCharset: String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2,
                  pair[0].trimmingWhitespaceAndNewlines().lowercased() == "charset" else { continue }
            let value = pair[1].trimmingWhitespaceAndNewlines().trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value.lowercased()
        }
        return nil
    }

    /// Whether the server answered 304 Not Modified to a conditional request.
    public var isNotModified: Bool { status == 304 }
}

/// Fetches pages over HTTP. The libcurl adapter in `YuqingFetch` implements it.
public protocol PageFetcher: Sendable {
    /// Performs `request`; throws when no usable HTTP response arrived (DNS, connect,
    /// timeout, size limit, too many redirects). A 4xx/5xx answer is returned, not thrown.
    func fetch(_ request: FetchRequest) async throws -> FetchResponse
}
