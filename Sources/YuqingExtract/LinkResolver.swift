import Foundation
import YuqingCore

/// Turns the link text found in a feed into an absolute URL.
enum LinkResolver {
    /// Resolves `text` (trimmed; relative or absolute) against `base`.
    ///
    /// With `httpOnly`, only http and https results are returned: an entry's link is later
    /// fetched and shown to people, and `javascript:` or `mailto:` links are neither.
    static func resolve(_ text: String, against base: URL, httpOnly: Bool = true) -> URL? {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        guard !trimmed.isEmpty,
              let url = URL(string: trimmed, relativeTo: base)?.absoluteURL else { return nil }
        if httpOnly {
            guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  url.host?.isEmpty == false else { return nil }
        }
        return url
    }
}
