import Foundation

/// Decides which key identifies an entry within its source, so that a re-fetched
/// entry is recognised and never stored twice.
public enum ItemIdentity {
    /// The dedup key of `entry` within one source: the feed's GUID when it has one,
    /// else its normalized link, else its whitespace-folded title.
    ///
    /// The prefix keeps the three kinds of key from ever colliding with each other.
    public static func key(for entry: FeedEntry) -> String {
        if let guid = entry.guid?.trimmingCharacters(in: .whitespacesAndNewlines), !guid.isEmpty {
            return "guid:" + guid
        }
        if let link = entry.link {
            return "url:" + URLNormalizer.normalize(link)
        }
        let folded = entry.title.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return "title:" + folded
    }
}
