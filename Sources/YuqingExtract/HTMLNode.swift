import CLibXML2
import Foundation

/// Small read-only helpers over libxml2 element nodes of an HTML document.
enum HTMLNode {
    /// The element's lower-cased tag name ("" for non-elements).
    static func name(_ node: xmlNodePtr) -> String {
        guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    /// An attribute's value.
    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        XMLNodeView(node: node).attribute(name)
    }

    /// The element's text on one line (whitespace collapsed, scripts and styles left out).
    static func line(_ node: xmlNodePtr) -> String {
        var collector = TextCollector(document: node.pointee.doc, keepBlocks: false)
        collector.collect(node: node)
        return PlainText.singleLine(collector.text)
    }

    /// The element's text with block elements as line breaks.
    static func paragraphs(_ node: xmlNodePtr) -> String {
        var collector = TextCollector(document: node.pointee.doc, keepBlocks: true)
        collector.collect(node: node)
        return PlainText.paragraphs(collector.text)
    }

    /// Element children in document order.
    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    /// The element and all its element descendants, in document order.
    static func descendants(_ node: xmlNodePtr, includingSelf: Bool = true) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        func walk(_ n: xmlNodePtr) {
            result.append(n)
            for child in children(n) { walk(child) }
        }
        if includingSelf { walk(node) } else { for child in children(node) { walk(child) } }
        return result
    }

    /// The element's parent element.
    static func parent(_ node: xmlNodePtr) -> xmlNodePtr? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return parent
    }

    /// True when `ancestor` is `node` or contains it.
    static func contains(_ ancestor: xmlNodePtr, _ node: xmlNodePtr) -> Bool {
        var current: xmlNodePtr? = node
        while let n = current {
            if n == ancestor { return true }
            current = n.pointee.parent
        }
        return false
    }

    /// The `class` and `id` words, lower-cased and split on anything that is not a letter or
    /// digit (`TRS_Editor` → `trs`, `editor`; `xl-content` → `xl`, `content`), followed by the
    /// unsplit values.
    static func classAndIDWords(_ node: xmlNodePtr) -> [String] {
        var words: [String] = []
        for key in ["class", "id"] {
            guard let value = attribute(node, key)?.lowercased(), !value.isEmpty else { continue }
            for whole in value.split(whereSeparator: \.isWhitespace) {
                words.append(String(whole))
                let parts = whole.split { !($0.isLetter || $0.isNumber) }
                if parts.count > 1 { words += parts.map(String.init) }
            }
        }
        return words
    }

    /// Whether an inline `style` hides the element (`display:none`, `visibility:hidden`):
    /// forums hide anti-copy noise that way.
    static func isHidden(_ node: xmlNodePtr) -> Bool {
        guard let style = attribute(node, "style")?.lowercased().filter({ !$0.isWhitespace }) else { return false }
        return style.contains("display:none") || style.contains("visibility:hidden")
    }

    /// Whether `node` or one of its ancestors is in `nodes`.
    static func isInside(_ node: xmlNodePtr, anyOf nodes: Set<xmlNodePtr>) -> Bool {
        var current: xmlNodePtr? = node
        while let step = current {
            if nodes.contains(step) { return true }
            current = step.pointee.parent
        }
        return false
    }

    /// Unlinks and frees `nodes`; a node inside another one of `nodes` goes with it, and a
    /// node listed twice is freed once.
    static func remove(_ nodes: [xmlNodePtr]) {
        let all = Set(nodes)
        // Decide every node before freeing any: once an ancestor is freed, walking up from one
        // of its descendants would read freed memory (found by fuzz-html).
        let outermost = all.filter { node in
            guard let parent = node.pointee.parent else { return true }
            return !isInside(parent, anyOf: all)
        }
        for node in outermost {
            xmlUnlinkNode(node)
            xmlFreeNode(node)
        }
    }
}
