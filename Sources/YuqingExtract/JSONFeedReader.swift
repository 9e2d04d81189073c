import Foundation
import YuqingCore

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), recognised by content: a
/// JSON object whose `version` starts with `https://jsonfeed.org/version/`.
enum JSONFeedReader {
    /// The prefix of every JSON Feed `version`.
    static let versionPrefix = "https://jsonfeed.org/version/"

    /// The feed in `data`, or nil when `data` is not a JSON Feed (not JSON, or JSON without a
    /// JSON Feed `version`), so the caller can report what it is instead.
    ///
    /// - Throws: `ExtractError.invalidJSONFeed` for a JSON Feed whose `items` is unusable.
    static func read(_ data: Data, url: URL, timeZone: TimeZone) throws(ExtractError) -> ExtractedFeed? {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
              let root = object as? [String: Any],
              let version = root["version"] as? String, version.hasPrefix(versionPrefix) else { return nil }
        let format = version.hasSuffix("/1") ? "jsonfeed10" : "jsonfeed11"
        guard let rawItems = root["items"] else { throw .invalidJSONFeed(reason: "it has no \"items\" array") }
        guard let items = rawItems as? [Any] else { throw .invalidJSONFeed(reason: "\"items\" is not an array") }

        let base = (root["feed_url"] as? String).flatMap { LinkResolver.resolve($0, against: url) } ?? url
        let feedAuthors = authors(in: root)
        var entries: [FeedEntry] = []
        for case let item as [String: Any] in items {
            if let entry = entry(item, base: base, timeZone: timeZone, feedAuthors: feedAuthors) { entries.append(entry) }
        }
        let title = (root["title"] as? String).map(PlainText.singleLine)
        return ExtractedFeed(title: title?.isEmpty == false ? title : nil, format: format, entries: entries)
    }

    private static func entry(_ item: [String: Any], base: URL, timeZone: TimeZone, feedAuthors: String?) -> FeedEntry? {
        // `id` is required to be a string but numbers are common in the wild.
        let id: String? = {
            if let s = item["id"] as? String { return s.isEmpty ? nil : s }
            if let n = item["id"] as? NSNumber { return n.stringValue }
            return nil
        }()
        let link = (item["url"] as? String).flatMap { LinkResolver.resolve($0, against: base) }
            ?? (item["external_url"] as? String).flatMap { LinkResolver.resolve($0, against: base) }

        var text = (item["content_text"] as? String).map(PlainText.paragraphs) ?? ""
        if text.isEmpty, let html = item["content_html"] as? String {
            text = PlainText.paragraphs(HTMLText.text(fromHTML: html))
        }
        if text.isEmpty, let summary = item["summary"] as? String { text = PlainText.paragraphs(summary) }

        var title = (item["title"] as? String).map { PlainText.singleLine(HTMLText.text(fromHTML: $0)) } ?? ""
        if title.isEmpty { title = RSSReader.fallbackTitle(from: text) }
        guard id != nil || link != nil || !title.isEmpty else { return nil }

        let published = (item["date_published"] as? String).flatMap { FeedDate.parse($0, defaultTimeZone: timeZone) }
            ?? (item["date_modified"] as? String).flatMap { FeedDate.parse($0, defaultTimeZone: timeZone) }
        return FeedEntry(title: title, link: link, guid: id, published: published, summary: text,
                         author: authors(in: item) ?? feedAuthors)
    }

    /// Names from 1.1's `authors` array or 1.0's `author` object, joined with "、".
    private static func authors(in object: [String: Any]) -> String? {
        var list: [[String: Any]] = (object["authors"] as? [[String: Any]]) ?? []
        if list.isEmpty, let single = object["author"] as? [String: Any] { list = [single] }
        let names = list.compactMap { ($0["name"] as? String).map(PlainText.singleLine) }.filter { !$0.isEmpty }
        return names.isEmpty ? nil : names.joined(separator: "、")
    }
}
