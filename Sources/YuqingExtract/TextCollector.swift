import CLibXML2
import Foundation

/// Gathers the text under a libxml2 node (from an XML feed or from the HTML parser), as
/// plain text: text and CDATA nodes in document order, line breaks around block elements
/// when asked, script and style left out.
///
/// Entity references are where untrusted XML can explode (billion laughs) or leak files
/// (XXE), and libxml2's own `xmlNodeGetContent` expands them without limit. So here an
/// internal entity is expanded one level deep only (references inside it are dropped),
/// external entities never, undeclared HTML names (`&nbsp;` in a sloppy feed) through
/// libxml2's HTML entity table, and the whole result is capped at `limit` UTF-8 bytes.
struct TextCollector {
    /// The largest text one field may produce; the rest is dropped.
    static let defaultLimit = 256 * 1024

    /// The document the nodes belong to, for entity declarations.
    let document: xmlDocPtr?
    /// Whether block elements (`p`, `div`, `li`, `br`, …) produce line breaks.
    let keepBlocks: Bool
    /// The cap on the collected text, in UTF-8 bytes.
    let limit: Int
    /// The text so far.
    private(set) var text = ""
    private var length = 0

    init(document: xmlDocPtr?, keepBlocks: Bool, limit: Int = TextCollector.defaultLimit) {
        self.document = document
        self.keepBlocks = keepBlocks
        self.limit = limit
    }

    /// Elements whose content is never text a reader sees.
    private static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "head", "iframe", "object", "svg", "select", "button",
    ]

    /// Elements that start and end a line.
    private static let blocks: Set<String> = [
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "table", "tr", "section", "article", "header", "footer", "aside",
        "figure", "figcaption", "hr", "address", "center", "nav", "main", "details", "summary", "form",
    ]

    /// Collects the text of `parent`'s children.
    mutating func collect(children parent: xmlNodePtr) {
        var child = parent.pointee.children
        while let node = child, length < limit {
            collect(node: node, entityDepth: 0)
            child = node.pointee.next
        }
    }

    /// Collects the text of `node` and everything under it.
    mutating func collect(node: xmlNodePtr) {
        collect(node: node, entityDepth: 0)
    }

    private mutating func collect(node: xmlNodePtr, entityDepth: Int) {
        guard length < limit else { return }
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content { append(String(cString: content)) }
        case XML_ENTITY_REF_NODE:
            expandReference(node, entityDepth: entityDepth)
        case XML_ELEMENT_NODE:
            let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
            if Self.skipped.contains(name) { return }
            if keepBlocks {
                if name == "br" { append("\n"); return }
                if Self.blocks.contains(name) { lineBreak() }
                if name == "td" || name == "th" { append(" ") }
            }
            var child = node.pointee.children
            while let current = child, length < limit {
                collect(node: current, entityDepth: entityDepth)
                child = current.pointee.next
            }
            if keepBlocks, Self.blocks.contains(name) { lineBreak() }
        default:
            break  // comments, processing instructions, DTD nodes
        }
    }

    private mutating func expandReference(_ node: xmlNodePtr, entityDepth: Int) {
        guard let name = node.pointee.name else { return }
        guard let entity = xmlGetDocEntity(document, name) else {
            // Undeclared: a recovered `&nbsp;`, `&mdash;`, … from HTML habits.
            if let known = htmlEntityLookup(name), let scalar = Unicode.Scalar(known.pointee.value) {
                append(String(Character(scalar)))
            }
            return
        }
        // Never external entities, never a second level of nesting.
        guard entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, entityDepth == 0 else { return }
        if var child = entity.pointee.children {
            while length < limit {
                collect(node: child, entityDepth: entityDepth + 1)
                guard let next = child.pointee.next else { break }
                child = next
            }
        } else if let content = entity.pointee.content {
            let value = String(cString: content)
            if !value.contains("&"), !value.contains("<") { append(value) }
        }
    }

    private mutating func lineBreak() {
        if !text.isEmpty, text.last != "\n" { append("\n") }
    }

    private mutating func append(_ piece: String) {
        let count = piece.utf8.count
        if length + count <= limit {
            text += piece
            length += count
        } else {
            // Cut on a character boundary.
            var room = limit - length
            for character in piece {
                let size = character.utf8.count
                if size > room { break }
                text.append(character)
                room -= size
            }
            length = limit
        }
    }
}
