import CLibXML2
import Foundation

/// A configured selector, CSS or XPath, checked and translated once when an extractor is made.
///
/// A selector that starts with `/`, `(` or `./` is XPath and used as written; anything else is
/// CSS and goes through `CSSTranslator`.
public struct PageSelector: Sendable, Hashable, CustomStringConvertible {
    /// The selector as configured.
    public let source: String
    /// The XPath expression that is evaluated.
    public let xpath: String

    /// Checks and translates `text`.
    ///
    /// - Parameters:
    ///   - relative: true when the selector is applied inside an already selected element.
    ///   - field: the configuration key, for the message when `text` is empty.
    public init(_ text: String, relative: Bool = false, field: String = "item") throws(SelectorError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty(field: field) }
        source = trimmed
        if Self.isXPath(trimmed) {
            xpath = trimmed
        } else {
            xpath = try CSSTranslator.xpath(trimmed, relative: relative)
        }
        // Compile once now so a broken expression is reported at configuration time.
        LibXMLDocument.prepare()
        guard let compiled = xmlXPathCompile(xpath) else { throw .invalidXPath(selector: trimmed) }
        xmlXPathFreeCompExpr(compiled)
    }

    /// A selector from XPath written in this module, known to be valid.
    static func unchecked(_ xpath: String) -> PageSelector {
        PageSelector(source: xpath, xpath: xpath)
    }

    private init(source: String, xpath: String) {
        self.source = source
        self.xpath = xpath
    }

    /// Whether `text` is written as XPath rather than CSS.
    public static func isXPath(_ text: String) -> Bool {
        text.hasPrefix("/") || text.hasPrefix("(") || text.hasPrefix("./")
    }

    /// The selector as configured.
    public var description: String { source }

    /// The elements `self` selects under `context` (the document when nil), in document order.
    func select(in document: xmlDocPtr, from context: xmlNodePtr? = nil) -> [xmlNodePtr] {
        XPathQuery.nodes(xpath, in: document, from: context).filter { $0.pointee.type == XML_ELEMENT_NODE }
    }

    /// The first element `self` selects under `context`.
    func first(in document: xmlDocPtr, from context: xmlNodePtr? = nil) -> xmlNodePtr? {
        select(in: document, from: context).first
    }
}

/// Evaluates XPath expressions with libxml2, freeing every object it creates.
enum XPathQuery {
    /// The nodes `expression` selects with `context` (or the document) as the context node.
    static func nodes(_ expression: String, in document: xmlDocPtr, from context: xmlNodePtr? = nil) -> [xmlNodePtr] {
        LibXMLDocument.prepare()
        guard let xpathContext = xmlXPathNewContext(document) else { return [] }
        defer { xmlXPathFreeContext(xpathContext) }
        if let context { xpathContext.pointee.node = context }
        guard let result = xmlXPathEvalExpression(expression, xpathContext) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval,
              set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { table[$0] }
    }
}
