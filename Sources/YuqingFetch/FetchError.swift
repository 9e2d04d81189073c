import Foundation
import YuqingCore

/// Why a fetch produced no usable HTTP response. Every case names the URL.
public enum FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// libcurl could not be set up (out of memory, bad option); not the server's fault.
    case setup(message: String)
    /// The URL is not one libcurl will fetch (only http and https are allowed).
    case unsupportedURL(url: String)
    /// The host name did not resolve.
    case dnsFailure(url: String, message: String)
    /// The connection was refused, reset or otherwise failed.
    case connectionFailed(url: String, message: String)
    /// The connect, total or low-speed time limit ran out.
    case timedOut(url: String, message: String)
    /// The body grew past the configured limit (after decompression).
    case bodyTooLarge(url: String, limit: Int)
    /// More redirects than allowed.
    case tooManyRedirects(url: String, limit: Int)
    /// TLS failed (certificate, handshake).
    case tls(url: String, message: String)
    /// Any other transfer error libcurl reported, with its code.
    case transfer(url: String, code: Int, message: String)
    /// The fetcher was shut down before the transfer finished.
    case shutDown(url: String)
    /// A connection (usually after a redirect) would have reached an address outside the
    /// source's own class, e.g. a public site bouncing us into 127.0.0.1 or the office LAN.
    case addressRefused(url: String, address: String, addressClass: AddressClass, baseline: AddressClass)

    /// A one-line explanation naming the URL and what to check.
    public var description: String {
        switch self {
        case .setup(let message):
            "cannot set up HTTP client: \(message)"
        case .unsupportedURL(let url):
            "\(url): only http:// and https:// URLs can be fetched"
        case .dnsFailure(let url, let message):
            "\(url): host name did not resolve (\(message)); check the URL's host and the machine's DNS"
        case .connectionFailed(let url, let message):
            "\(url): connection failed (\(message))"
        case .timedOut(let url, let message):
            "\(url): timed out (\(message)); the server is slow or unreachable"
        case .bodyTooLarge(let url, let limit):
            "\(url): response larger than \(limit) bytes; raise crawl.max_body in yuqing.yml if this source is legitimate"
        case .tooManyRedirects(let url, let limit):
            "\(url): more than \(limit) redirects (a redirect loop?)"
        case .tls(let url, let message):
            "\(url): TLS error (\(message))"
        case .transfer(let url, let code, let message):
            "\(url): transfer failed (curl error \(code): \(message))"
        case .shutDown(let url):
            "\(url): fetch abandoned because the fetcher is shutting down"
        case .addressRefused(let url, let address, let addressClass, let baseline):
            "\(url): refused to connect to \(address), a \(addressClass.rawValue) address, for a source whose "
                + "configured host is \(baseline.rawValue) (a redirect or DNS answer led into the local network); "
                + "if this source really lives there, set 'allow_private_addresses: true' on it in Sources.yml"
        }
    }

    /// A short machine-friendly reason for logs and source health (`dns`, `timeout`, …).
    public var reason: String {
        switch self {
        case .setup: "setup"
        case .unsupportedURL: "unsupported_url"
        case .dnsFailure: "dns"
        case .connectionFailed: "connect"
        case .timedOut: "timeout"
        case .bodyTooLarge: "too_large"
        case .tooManyRedirects: "redirects"
        case .tls: "tls"
        case .transfer: "transfer"
        case .shutDown: "shutdown"
        case .addressRefused: "address_refused"
        }
    }
}
