import Foundation
import YuqingCore

/// Reads RSS 0.9x, 2.0 and 1.0 (RDF) documents, whose items share one vocabulary.
enum RSSReader {
    /// Reads the channel title and items under `root` (`<rss>` or `<rdf:RDF>`).
    ///
    /// - Parameter core: the namespaces RSS's own elements may be in: none for RSS 2.0,
    ///   `http://purl.org/rss/1.0/` for RDF.
    static func read(root: XMLNodeView, core: Set<String?>, format: String,
                     documentURL: URL, timeZone: TimeZone) -> ExtractedFeed {
        let channel = root.child("channel", in: core)
        // RSS puts items in the channel, RDF beside it; sloppy feeds do either.
        var items = channel?.children.filter { $0.is("item", in: core) } ?? []
        items += root.children.filter { $0.is("item", in: core) }
        let title = channel?.child("title", in: core).map { FeedText.line($0, markup: .html) }
        return ExtractedFeed(
            title: title?.isEmpty == false ? title : nil,
            format: format,
            entries: items.map { entry($0, core: core, documentURL: documentURL, timeZone: timeZone) }
        )
    }

    /// Date elements in order of preference: the publication time beats the update time.
    private static let dateRanks: [String: Int] = [
        "pubDate": 0, "dc:date": 1, "dcterms:issued": 2, "dcterms:created": 3,
        "atom:published": 4, "dcterms:modified": 5, "atom:updated": 6,
    ]

    private static func entry(_ item: XMLNodeView, core: Set<String?>, documentURL: URL, timeZone: TimeZone) -> FeedEntry {
        var titleElement: XMLNodeView?
        var linkText: String?
        var atomLink: XMLNodeView?
        var guidElement: XMLNodeView?
        var description: XMLNodeView?
        var encoded: XMLNodeView?
        var author: String?
        var creator: String?
        var dates: [(rank: Int, text: String)] = []

        for child in item.children {
            let name = child.localName
            switch child.namespace {
            case let ns where core.contains(ns):
                switch name {
                case "title": titleElement = titleElement ?? child
                case "link": if linkText == nil { linkText = child.rawText }
                case "guid": guidElement = guidElement ?? child
                case "description": description = description ?? child
                case "author": author = author ?? FeedText.authorName(child.rawText)
                case "pubDate": dates.append((dateRanks["pubDate"]!, child.rawText))
                default: break
                }
            case FeedNamespace.dc?:
                switch name {
                case "creator": creator = creator ?? FeedText.authorName(child.rawText)
                case "date": dates.append((dateRanks["dc:date"]!, child.rawText))
                case "title": titleElement = titleElement ?? child
                case "description": description = description ?? child
                default: break
                }
            case FeedNamespace.dcterms?:
                if let rank = dateRanks["dcterms:\(name)"] { dates.append((rank, child.rawText)) }
            case FeedNamespace.content?:
                if name == "encoded" { encoded = encoded ?? child }
            case FeedNamespace.atom?:
                if name == "link", atomLink == nil,
                   (child.attribute("rel") ?? "alternate") == "alternate" { atomLink = child }
                if let rank = dateRanks["atom:\(name)"] { dates.append((rank, child.rawText)) }
            default:
                break
            }
        }

        let base = item.baseURL(documentURL: documentURL)
        var link = linkText.flatMap { LinkResolver.resolve($0, against: base) }
        if link == nil, let atomLink, let href = atomLink.attribute("href") {
            link = LinkResolver.resolve(href, against: atomLink.baseURL(documentURL: documentURL))
        }

        // RDF items are identified by rdf:about; RSS 2.0 by guid.
        var guid = guidElement.map { PlainText.singleLine($0.rawText) }
        if guid?.isEmpty ?? true { guid = item.attribute("about", namespace: FeedNamespace.rdf) }
        if guid?.isEmpty == true { guid = nil }
        // A permalink guid stands in for a missing link (RSS 2.0: isPermaLink defaults to true).
        if link == nil, let guidElement, let guid, guidElement.attribute("isPermaLink")?.lowercased() != "false" {
            link = LinkResolver.resolve(guid, against: base)
        }

        let summary: String = {
            if let description {
                let text = FeedText.paragraphs(description, markup: .html)
                if !text.isEmpty { return text }
            }
            return encoded.map { FeedText.paragraphs($0, markup: .html) } ?? ""
        }()

        var title = titleElement.map { FeedText.line($0, markup: .html) } ?? ""
        if title.isEmpty { title = fallbackTitle(from: summary) }

        let published = dates.sorted { $0.rank < $1.rank }
            .lazy.compactMap { FeedDate.parse($0.text, defaultTimeZone: timeZone) }.first

        return FeedEntry(title: title, link: link, guid: guid, published: published,
                         summary: summary, author: author ?? creator)
    }

    /// RSS 2.0 allows items with only a description (microblog bridges produce them): their
    /// first line, shortened, serves as the title.
    static func fallbackTitle(from summary: String) -> String {
        let firstLine = summary.split(separator: "\n").first.map(String.init) ?? ""
        return firstLine.count > 80 ? String(firstLine.prefix(80)) + "…" : firstLine
    }
}
