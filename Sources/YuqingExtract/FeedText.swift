import Foundation

/// Reads the text of feed elements into the plain text that `FeedEntry` holds.
enum FeedText {
    /// How an element's content is written.
    enum Markup {
        /// Plain text; entities already decoded by the XML parser.
        case text
        /// Escaped HTML (RSS descriptions, Atom `type="html"`).
        case html
        /// Inline XHTML or other element children.
        case xhtml
    }

    /// A one-line field (title, author). `markup` `.html` strips tags and decodes HTML
    /// entities in the text; inline elements are read as text either way.
    static func line(_ element: XMLNodeView, markup: Markup) -> String {
        PlainText.singleLine(render(element, markup: markup))
    }

    /// A multi-paragraph field (summary, content): paragraphs survive as `\n`.
    static func paragraphs(_ element: XMLNodeView, markup: Markup) -> String {
        PlainText.paragraphs(render(element, markup: markup))
    }

    private static func render(_ element: XMLNodeView, markup: Markup) -> String {
        if markup == .xhtml || element.hasElementChildren {
            var collector = TextCollector(document: element.node.pointee.doc, keepBlocks: true)
            collector.collect(children: element.node)
            return collector.text
        }
        let raw = element.rawText
        return markup == .html ? HTMLText.text(fromHTML: raw) : raw
    }

    /// The markup of an Atom text construct, from `type` (Atom 1.0: `text`/`html`/`xhtml`;
    /// Atom 0.3: a MIME type) and Atom 0.3's `mode` (`xml`/`escaped`/`base64`).
    static func atomMarkup(_ element: XMLNodeView) -> Markup {
        let type = element.attribute("type")?.lowercased() ?? "text"
        if element.attribute("mode")?.lowercased() == "escaped" {
            return type.contains("html") || type == "text" ? .html : .text
        }
        switch type {
        case "html", "text/html": return .html
        case "xhtml", "application/xhtml+xml": return .xhtml
        default: return element.hasElementChildren ? .xhtml : .text
        }
    }

    /// Atom 0.3 `mode="base64"` content, decoded; nil when the element is not base64.
    static func atomBase64(_ element: XMLNodeView) -> String? {
        guard element.attribute("mode")?.lowercased() == "base64" else { return nil }
        let compact = element.rawText.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else { return "" }
        let decoded = String(decoding: data, as: UTF8.self)
        let isHTML = element.attribute("type")?.lowercased().contains("html") ?? false
        return PlainText.paragraphs(isHTML ? HTMLText.text(fromHTML: decoded) : decoded)
    }

    /// The name in an RSS `author` value: `editor@example.cn (张三)` → `张三`; otherwise the
    /// value itself.
    static func authorName(_ value: String) -> String? {
        let trimmed = PlainText.singleLine(value)
        if trimmed.isEmpty { return nil }
        if trimmed.contains("@"), let open = trimmed.firstIndex(of: "("), let close = trimmed.lastIndex(of: ")"),
           open < close {
            let name = PlainText.singleLine(String(trimmed[trimmed.index(after: open)..<close]))
            if !name.isEmpty { return name }
        }
        return trimmed
    }
}
