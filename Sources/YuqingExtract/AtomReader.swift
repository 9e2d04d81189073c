import Foundation
import YuqingCore

/// Reads Atom 1.0 and Atom 0.3 documents.
enum AtomReader {
    /// Reads the feed title and entries under `root` (`<feed>`), whose elements are in
    /// namespace `ns` (Atom 1.0's, Atom 0.3's, or none for a feed that forgot it).
    static func read(root: XMLNodeView, ns: String?, format: String,
                     documentURL: URL, timeZone: TimeZone) -> ExtractedFeed {
        let names: Set<String?> = [ns]
        let title = root.child("title", in: names).map { FeedText.line($0, markup: FeedText.atomMarkup($0)) }
        // Entries without an author inherit the feed's (RFC 4287 §4.2.1).
        let feedAuthor = authorName(in: root, names: names)
        let entries = root.children.filter { $0.is("entry", in: names) }.map {
            entry($0, names: names, feedAuthor: feedAuthor, documentURL: documentURL, timeZone: timeZone)
        }
        return ExtractedFeed(title: title?.isEmpty == false ? title : nil, format: format, entries: entries)
    }

    /// Date elements in order of preference; `issued`/`modified`/`created` are Atom 0.3's.
    private static let dateRanks: [String: Int] = [
        "published": 0, "issued": 1, "created": 2, "updated": 3, "modified": 4,
    ]

    private static func entry(_ element: XMLNodeView, names: Set<String?>, feedAuthor: String?,
                              documentURL: URL, timeZone: TimeZone) -> FeedEntry {
        var titleElement: XMLNodeView?
        var links: [XMLNodeView] = []
        var id: String?
        var summaryElement: XMLNodeView?
        var contentElement: XMLNodeView?
        var dates: [(rank: Int, text: String)] = []

        for child in element.children {
            if names.contains(child.namespace) {
                switch child.localName {
                case "title": titleElement = titleElement ?? child
                case "link": links.append(child)
                case "id": id = id ?? PlainText.singleLine(child.rawText)
                case "summary": summaryElement = summaryElement ?? child
                case "content": contentElement = contentElement ?? child
                case let name:
                    if let rank = dateRanks[name] { dates.append((rank, child.rawText)) }
                }
            } else if child.namespace == FeedNamespace.dc, child.localName == "date" {
                dates.append((dateRanks.count, child.rawText))
            }
        }

        let summary = [summaryElement, contentElement].lazy.compactMap { $0 }
            .map(text(of:)).first { !$0.isEmpty } ?? ""
        var title = titleElement.map { FeedText.line($0, markup: FeedText.atomMarkup($0)) } ?? ""
        if title.isEmpty { title = RSSReader.fallbackTitle(from: summary) }
        let published = dates.sorted { $0.rank < $1.rank }
            .lazy.compactMap { FeedDate.parse($0.text, defaultTimeZone: timeZone) }.first

        return FeedEntry(
            title: title,
            link: link(from: links, documentURL: documentURL),
            guid: id?.isEmpty == false ? id : nil,
            published: published,
            summary: summary,
            author: authorName(in: element, names: names) ?? feedAuthor
        )
    }

    /// The alternate link: `rel="alternate"` or no `rel` (which means alternate), preferring
    /// an HTML one; resolved against the link's own `xml:base`.
    private static func link(from links: [XMLNodeView], documentURL: URL) -> URL? {
        let alternates = links.filter { ($0.attribute("rel") ?? "alternate").lowercased() == "alternate" }
        let ordered = alternates.filter { ($0.attribute("type") ?? "text/html").lowercased().contains("html") }
            + alternates
        for candidate in ordered {
            guard let href = candidate.attribute("href") else { continue }
            if let url = LinkResolver.resolve(href, against: candidate.baseURL(documentURL: documentURL)) {
                return url
            }
        }
        return nil
    }

    private static func text(of element: XMLNodeView) -> String {
        FeedText.atomBase64(element) ?? FeedText.paragraphs(element, markup: FeedText.atomMarkup(element))
    }

    private static func authorName(in element: XMLNodeView, names: Set<String?>) -> String? {
        guard let name = element.child("author", in: names)?.child("name", in: names) else { return nil }
        let text = PlainText.singleLine(name.rawText)
        return text.isEmpty ? nil : text
    }
}
