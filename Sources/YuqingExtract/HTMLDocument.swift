import CLibXML2
import Foundation

/// One parsed HTML page, valid only inside `HTMLDocument.withParsed`'s closure.
struct HTMLPage {
    /// The libxml2 document.
    let document: htmlDocPtr
    /// The page's URL (after redirects).
    let url: URL
    /// What relative links resolve against: `<base href>` when the page has one, else `url`.
    let baseURL: URL
    /// How the bytes were decoded.
    let charset: CharsetSniffer.Decision

    /// The root element (`<html>`), if any.
    var root: xmlNodePtr? { xmlDocGetRootElement(document) }

    /// The `<body>` element, or the root when the page has none.
    var body: xmlNodePtr? { XPathQuery.nodes("/html/body", in: document).first ?? root }

    /// The text of `<title>`, on one line.
    var title: String? {
        guard let node = XPathQuery.nodes("/html/head/title | /html/title", in: document).first else { return nil }
        let text = HTMLNode.line(node)
        return text.isEmpty ? nil : text
    }

    /// The `content` of the first `<meta>` whose `name`, `property` or `itemprop` is one of
    /// `names` (compared case-insensitively), in the order of `names`.
    func meta(_ names: [String]) -> String? {
        let metas = XPathQuery.nodes("//meta[@content]", in: document)
        var found: [String: String] = [:]
        for node in metas {
            let view = XMLNodeView(node: node)
            for key in ["property", "name", "itemprop", "http-equiv"] {
                guard let name = view.attribute(key)?.lowercased(), found[name] == nil,
                      let content = view.attribute("content") else { continue }
                let trimmed = PlainText.singleLine(content)
                if !trimmed.isEmpty { found[name] = trimmed }
            }
        }
        for name in names { if let value = found[name.lowercased()] { return value } }
        return nil
    }

    /// Resolves a link found on the page (http and https only).
    func resolve(_ link: String) -> URL? {
        LinkResolver.resolve(link, against: baseURL)
    }
}

/// Parses HTML with libxml2's HTML parser after deciding the charset ourselves
/// (`CharsetSniffer.decideHTML`), and frees the document when the closure returns.
enum HTMLDocument {
    /// Never touch the network, never print, recover from any tag soup; the encoding we pass
    /// beats any `<meta>` libxml2 would find later (HTML_PARSE_IGNORE_ENC).
    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NODEFDTD.rawValue
            | HTML_PARSE_IGNORE_ENC.rawValue
    )

    /// Parses `data` and calls `body` with the page.
    static func withParsed<T>(
        _ data: Data,
        url: URL,
        httpCharset: String?,
        encodingOverride: String?,
        _ body: (HTMLPage) throws(ExtractError) -> T
    ) throws(ExtractError) -> T {
        let decision = CharsetSniffer.decideHTML(data, httpCharset: httpCharset, override: encodingOverride)
        let bytes = data.dropFirst(decision.byteOrderMarkLength)
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0) }) else {
            throw .empty
        }
        var encoding = decision.encoding ?? "UTF-8"
        if !(encoding.hasPrefix("UTF-16") || encoding.hasPrefix("UTF-32")) { try requireHTML(bytes) }
        guard yq_xml_has_encoding(encoding) != 0 else {
            throw .unsupportedEncoding(label: decision.label ?? encoding)
        }
        var input = Data(bytes)
        if LegacyTranscoder.isLegacy(encoding), let decoded = LegacyTranscoder.utf8(input, from: encoding) {
            (input, encoding) = (decoded, "UTF-8")
        }
        guard input.count < Int(Int32.max) else { throw .tooLarge(bytes: input.count) }

        LibXMLDocument.prepare()
        guard let context = htmlNewParserCtxt() else { throw .notHTML(reason: "libxml2 could not create a parser") }
        defer { htmlFreeParserCtxt(context) }
        let parsed: htmlDocPtr? = input.withUnsafeBytes { raw -> htmlDocPtr? in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
            return htmlCtxtReadMemory(context, base, Int32(raw.count), url.absoluteString, encoding, options)
        }
        guard let document = parsed else { throw .notHTML(reason: "libxml2 could not parse the page") }
        defer { xmlFreeDoc(document) }
        guard xmlDocGetRootElement(document) != nil else { throw .notHTML(reason: "the page has no elements") }

        var base = url
        if let href = XPathQuery.nodes("//base[@href]", in: document).first.flatMap({ XMLNodeView(node: $0).attribute("href") }),
           let resolved = LinkResolver.resolve(href, against: url) {
            base = resolved
        }
        return try body(HTMLPage(document: document, url: url, baseURL: base, charset: decision))
    }

    /// Rejects bodies that are clearly not HTML (a JSON API error, a feed, binary data) with
    /// a reason that shows what they are.
    private static func requireHTML(_ bytes: Data.SubSequence) throws(ExtractError) {
        guard let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else { return }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            let snippet = PlainText.singleLine(String(decoding: bytes.prefix(60), as: UTF8.self))
            throw .notHTML(reason: "the body is JSON, it starts with \"\(snippet)\"")
        }
        if bytes.prefix(512).contains(0) {
            throw .notHTML(reason: "the body is binary data")
        }
    }
}
