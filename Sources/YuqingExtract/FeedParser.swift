import CLibXML2
import Foundation
import YuqingCore

/// Reads RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0, Atom 0.3 and JSON Feed 1.0/1.1 documents into
/// an `ExtractedFeed`.
///
/// Feeds are untrusted input. libxml2 runs with the network off, no DTD loading, no entity
/// substitution and a process-wide entity loader that refuses everything, so external
/// entities (XXE) are never read and entity bombs (billion laughs) are not expanded; the
/// text walker bounds what an internal entity may add. Slightly broken feeds are recovered
/// (`XML_PARSE_RECOVER`); documents that are not feeds at all raise an `ExtractError` that
/// says what was found instead.
public struct FeedParser: Sendable {
    /// The zone for dates that carry none (Chinese feeds mean Beijing time).
    public var defaultTimeZone: TimeZone

    /// Creates a parser.
    public init(defaultTimeZone: TimeZone = FeedDate.chinaStandardTime) {
        self.defaultTimeZone = defaultTimeZone
    }

    /// Parses a fetched feed.
    ///
    /// - Parameters:
    ///   - data: the response body.
    ///   - url: the URL the body came from (after redirects); relative links resolve against it.
    ///   - httpCharset: the `charset` of the response's `Content-Type`, if any.
    ///   - encodingOverride: the source's configured encoding, which beats everything else.
    /// - Returns: the feed's title, format (`rss2`, `rss09x`, `rdf`, `rss090`, `atom1`, `atom03`,
    ///   `jsonfeed10`, `jsonfeed11`)
    ///   and entries in document order.
    public func parse(
        _ data: Data,
        url: URL,
        httpCharset: String? = nil,
        encodingOverride: String? = nil
    ) throws(ExtractError) -> ExtractedFeed {
        let decision = CharsetSniffer.decide(data, httpCharset: httpCharset, override: encodingOverride)
        var body = Data(data.dropFirst(decision.byteOrderMarkLength))
        let wide = decision.encoding.map { $0.hasPrefix("UTF-16") || $0.hasPrefix("UTF-32") } ?? false
        if !wide {
            body = Self.cleaned(body)
            guard !body.isEmpty else { throw .empty }
            // JSON Feed is recognised by content, whatever the Content-Type says.
            if body.first == UInt8(ascii: "{"),
               let feed = try JSONFeedReader.read(body, url: url, timeZone: defaultTimeZone) {
                return feed
            }
            try Self.requireMarkup(body)
            body = EntityRepair.repair(body)
        } else if body.allSatisfy({ $0 == 0 || $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw .empty
        }
        if let encoding = decision.encoding, yq_xml_has_encoding(encoding) == 0 {
            throw .unsupportedEncoding(label: decision.label ?? encoding)
        }
        guard body.count < Int(Int32.max) else { throw .tooLarge(bytes: body.count) }
        var encoding = decision.encoding
        if let legacy = encoding, LegacyTranscoder.isLegacy(legacy), let decoded = LegacyTranscoder.utf8(body, from: legacy) {
            (body, encoding) = (decoded, "UTF-8")
        }

        return try LibXMLDocument.withParsed(body, url: url, encoding: encoding) { (doc, failure) throws(ExtractError) in
            guard let rootNode = xmlDocGetRootElement(doc) else {
                if Self.looksLikeHTML(body) { throw .notAFeed(rootElement: "html") }
                throw .notXML(reason: failure ?? "no root element")
            }
            let root = XMLNodeView(node: rootNode)
            guard let feed = read(root: root, url: url) else {
                // A recovered HTML page may have <p> or <div> as its root: name it as HTML.
                throw .notAFeed(rootElement: Self.looksLikeHTML(body) ? "html" : root.qualifiedName)
            }
            return feed
        }
    }

    /// The feed under `root`, or nil when `root` is not a feed's root element.
    private func read(root: XMLNodeView, url: URL) -> ExtractedFeed? {
        switch (root.namespace, root.localName) {
        case (let ns, "rss"):
            let version = root.attribute("version")?.trimmingCharacters(in: .whitespaces) ?? ""
            let format = version.hasPrefix("0.9") ? "rss09x" : "rss2"
            return RSSReader.read(root: root, core: [nil, ns], format: format,
                                  documentURL: url, timeZone: defaultTimeZone)
        case (FeedNamespace.rdf?, "RDF"):
            let old = root.children.contains { $0.namespace == FeedNamespace.rss090 }
            return RSSReader.read(root: root, core: [FeedNamespace.rss1, FeedNamespace.rss090, nil],
                                  format: old ? "rss090" : "rdf", documentURL: url, timeZone: defaultTimeZone)
        case (FeedNamespace.atom?, "feed"), (nil, "feed"):
            return AtomReader.read(root: root, ns: root.namespace, format: "atom1",
                                   documentURL: url, timeZone: defaultTimeZone)
        case (FeedNamespace.atom03?, "feed"):
            return AtomReader.read(root: root, ns: FeedNamespace.atom03, format: "atom03",
                                   documentURL: url, timeZone: defaultTimeZone)
        default:
            return nil
        }
    }

    // MARK: - Before libxml2

    /// Drops leading whitespace (PHP feeds often start with a blank line, which makes the XML
    /// declaration illegal) and C0 control characters that XML forbids and CMSs leave in
    /// titles. Safe for every ASCII-compatible encoding we decode: no GB18030, Big5 or UTF-8
    /// multi-byte sequence contains a byte below 0x20.
    static func cleaned(_ data: Data) -> Data {
        let start = data.firstIndex { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) } ?? data.endIndex
        let trimmed = data[start...]
        // Scanned through a raw buffer: `Data`'s own iterator costs a call a byte, which was
        // 1 % of a steady crawl's CPU.
        guard trimmed.withUnsafeBytes({ $0.contains(where: isForbiddenControl) }) else { return Data(trimmed) }
        return Data(trimmed.filter { !isForbiddenControl($0) })
    }

    private static func isForbiddenControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }

    /// Rejects bodies that cannot be markup, with a reason that shows what they are.
    static func requireMarkup(_ body: Data) throws(ExtractError) {
        guard let first = body.first, first != UInt8(ascii: "<") else { return }
        let snippet = PlainText.singleLine(String(decoding: body.prefix(60), as: UTF8.self))
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            throw .notXML(reason: "the body is JSON, it starts with \"\(snippet)\"")
        }
        throw .notXML(reason: "the body starts with \"\(snippet)\" instead of '<'")
    }

    static func looksLikeHTML(_ body: Data) -> Bool {
        let head = String(decoding: body.prefix(1024), as: UTF8.self).lowercased()
        return head.contains("<!doctype html") || head.contains("<html")
    }
}
