import Foundation

/// Decides which key identifies an entry within its source, so that a re-fetched
/// entry is recognised and never stored twice.
public enum ItemIdentity {
    /// The dedup key of `entry` within one source: the feed's GUID when it has one,
    /// else its normalized link, else its whitespace-folded title, else its folded summary.
    ///
    /// The prefix keeps the three kinds of key from ever colliding with each other.
    public static func key(for entry: FeedEntry) -> String {
        let key = unsanitizedKey(for: entry)
        // The store finds known keys through SQLite's JSON functions, which before SQLite 3.45
        // end a string at an escaped NUL: a key holding one would never be found again, and
        // every later poll of its source would fail on the unique key. A JSON Feed can carry one.
        return key.utf8.contains(0) ? String(key.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : Character($0) }) : key
    }

    private static func unsanitizedKey(for entry: FeedEntry) -> String {
        if let guid = entry.guid?.trimmingWhitespaceAndNewlines(), !guid.isEmpty {
            return "guid:" + guid
        }
        if let link = entry.link {
            return "url:" + URLNormalizer.normalize(link)
        }
        let title = fold(entry.title)
        if !title.isEmpty { return "title:" + title }
        return "text:" + fold(entry.summary)
    }

    /// Whether the entry carries anything to identify and store it by; an entry with no
    /// GUID, link, title or text is noise from a broken feed and is skipped.
    /// (`key(for:)` is not "text:"; decided without building the key, which may normalize a URL.)
    public static func isIdentifiable(_ entry: FeedEntry) -> Bool {
        if entry.link != nil || entry.guid.map({ !$0.trimmingWhitespaceAndNewlines().isEmpty }) == true { return true }
        return entry.title.contains { !$0.isWhitespace } || entry.summary.contains { !$0.isWhitespace }
    }

    private static func fold(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
