import Foundation

/// Reduces URLs to one canonical spelling so that the same article reached by
/// slightly different links (`HTTP://Example.com:80/a?utm_source=x#top`) is stored once.
public enum URLNormalizer {
    /// Query parameters that only track the visitor and never change the page.
    public static let trackingParameters: Set<String> = [
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id",
        "spm", "share_token", "fbclid", "gclid", "yclid", "mc_cid", "mc_eid",
    ]

    /// Returns the canonical string for `url`: lower-case scheme and host, no default port,
    /// no fragment, no tracking parameters, an empty path written as `/`, and the
    /// remaining query parameters kept in their original order.
    public static func normalize(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            return url.absoluteString
        }
        components.scheme = components.scheme?.lowercased()
        components.host = components.host?.lowercased()
        if let port = components.port,
           (components.scheme == "http" && port == 80) || (components.scheme == "https" && port == 443) {
            components.port = nil
        }
        components.fragment = nil
        if components.percentEncodedPath.isEmpty {
            components.percentEncodedPath = "/"
        }
        if let items = components.percentEncodedQueryItems {
            let kept = items.filter { !trackingParameters.contains($0.name.lowercased()) }
            components.percentEncodedQueryItems = kept.isEmpty ? nil : kept
        }
        return components.string ?? url.absoluteString
    }
}
