import CLibXML2
import Foundation

/// Turns an HTML fragment (an RSS description, Atom `type="html"` content) into plain text
/// with libxml2's HTML parser, which copes with real-world tag soup and knows every HTML
/// entity — regular expressions do neither.
enum HTMLText {
    /// Options for the HTML parser: never touch the network, never print, recover from anything.
    private static let options: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NODEFDTD.rawValue
    )

    /// The text of `html`, block elements as line breaks (not yet whitespace-normalised).
    static func text(fromHTML html: String) -> String {
        guard PlainText.mayContainMarkup(html) else { return html }
        let length = html.utf8.count
        guard length > 0, length < Int(Int32.max) else { return "" }
        let document: htmlDocPtr? = html.withCString { bytes in
            htmlReadMemory(bytes, Int32(length), nil, "UTF-8", options)
        }
        guard let document else { return "" }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return "" }
        var collector = TextCollector(document: document, keepBlocks: true)
        collector.collect(node: root)
        return collector.text
    }
}
