import CLibXML2
import Foundation
import YuqingCore

/// A read-only view of one libxml2 element node. Valid only while its document lives:
/// the parser creates and frees the document around every use.
struct XMLNodeView {
    /// The underlying node.
    let node: xmlNodePtr

    /// The element's local name (without prefix).
    var localName: String { node.pointee.name.map { String(cString: $0) } ?? "" }

    /// The element's namespace URI, or nil for none.
    var namespace: String? { node.pointee.ns?.pointee.href.map { String(cString: $0) } }

    /// The name as written, with its prefix (`rdf:RDF`), for error messages.
    var qualifiedName: String {
        if let prefix = node.pointee.ns?.pointee.prefix { return "\(String(cString: prefix)):\(localName)" }
        return localName
    }

    /// True when this element is `name` in one of `namespaces` (nil in the set means "no namespace").
    func `is`(_ name: String, in namespaces: Set<String?>) -> Bool {
        namespaces.contains(namespace) && localName == name
    }

    /// Element children, in document order.
    var children: [XMLNodeView] {
        var result: [XMLNodeView] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLNodeView(node: current)) }
            child = current.pointee.next
        }
        return result
    }

    /// True when the element has element children (inline markup rather than text).
    var hasElementChildren: Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { return true }
            child = current.pointee.next
        }
        return false
    }

    /// The first child element with `name` in one of `namespaces`.
    func child(_ name: String, in namespaces: Set<String?>) -> XMLNodeView? {
        children.first { $0.is(name, in: namespaces) }
    }

    /// An attribute value; `namespace` nil means an attribute without a namespace.
    func attribute(_ name: String, namespace: String? = nil) -> String? {
        let value: UnsafeMutablePointer<xmlChar>?
        if let namespace {
            value = xmlGetNsProp(node, name, namespace)
        } else {
            value = xmlGetNoNsProp(node, name)
        }
        guard let value else { return nil }
        defer { yq_xml_free(value) }
        return String(cString: value)
    }

    /// The element's text: text and CDATA descendants, with entity references expanded
    /// only within a bound (see `TextCollector`).
    var rawText: String {
        var collector = TextCollector(document: node.pointee.doc, keepBlocks: false)
        collector.collect(children: node)
        return collector.text
    }

    /// The `xml:base` in force for this element, resolved against `documentURL`, outermost first.
    func baseURL(documentURL: URL) -> URL {
        var bases: [String] = []
        var current: xmlNodePtr? = node
        while let element = current, element.pointee.type == XML_ELEMENT_NODE {
            if let base = XMLNodeView(node: element).attribute("base", namespace: "http://www.w3.org/XML/1998/namespace") {
                bases.append(base.trimmingWhitespaceAndNewlines())
            }
            current = element.pointee.parent
        }
        var url = documentURL
        for base in bases.reversed() {
            if let resolved = LinkResolver.resolve(base, against: url, httpOnly: false) { url = resolved }
        }
        return url
    }
}
