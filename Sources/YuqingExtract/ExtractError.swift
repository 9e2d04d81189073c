import Foundation

/// Why a fetched document could not be read as a feed. Each message says what was found
/// and what to check, because it ends up in a source's health report for a person to act on.
public enum ExtractError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The body was empty or only whitespace.
    case empty
    /// The body is not XML at all (JSON, plain text, binary, or XML too broken to recover).
    case notXML(reason: String)
    /// The body is XML (or HTML) but its root element is not a feed's.
    case notAFeed(rootElement: String)
    /// The charset named by the source's override, the HTTP header or the document is one
    /// this machine cannot decode.
    case unsupportedEncoding(label: String)
    /// The body is larger than libxml2 can take in one piece.
    case tooLarge(bytes: Int)

    /// A one-line explanation for logs and the source health page.
    public var description: String {
        switch self {
        case .empty:
            return "empty body: the server sent no content; check the URL and whether the site now needs a login"
        case .notXML(let reason):
            return "not XML: \(reason); check that the URL still points at a feed and not at a page or an API error"
        case .notAFeed(let root):
            return "not a feed: root element <\(root)> (expected <rss>, <feed> or <rdf:RDF>); "
                + "the URL may now lead to an HTML page or a login page, open it in a browser"
        case .unsupportedEncoding(let label):
            return "unsupported encoding \"\(label)\": check the source's encoding override and the server's Content-Type charset"
        case .tooLarge(let bytes):
            return "document too large to parse (\(bytes) bytes)"
        }
    }
}
