import Foundation

/// Why a fetched document could not be read as a feed or page. Each message says what was found
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
    /// The body cannot be read as an HTML page (JSON, binary data).
    case notHTML(reason: String)
    /// A configured selector found nothing on a page that should have it.
    case selectorMatchedNothing(selector: String, url: URL)
    /// An article page yielded no main text.
    case noArticleText(url: URL)
    /// The body is a JSON Feed whose content is unusable.
    case invalidJSONFeed(reason: String)

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
        case .notHTML(let reason):
            return "not an HTML page: \(reason); check that the URL still leads to the page and not to an API or a download"
        case .selectorMatchedNothing(let selector, let url):
            return "selector '\(selector)' matched nothing on \(url.absoluteString): check the page structure or the selector"
        case .noArticleText(let url):
            return "no article text found on \(url.absoluteString): the page may be an index, a login page or "
                + "built by JavaScript; open it in a browser and check the source's kind"
        case .invalidJSONFeed(let reason):
            return "invalid JSON Feed: \(reason); check the feed in a JSON Feed validator"
        }
    }
}
