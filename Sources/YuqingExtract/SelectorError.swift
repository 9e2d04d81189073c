import Foundation

/// Why a configured CSS or XPath selector cannot be used. Raised when a list or forum
/// extractor is created, so a broken `Sources.yml` entry is reported before any page is
/// fetched; every message names the selector and what to change.
public enum SelectorError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The selector is empty or only whitespace.
    case empty(field: String)
    /// A CSS construct this translator does not support, at a 1-based character position.
    case unsupported(selector: String, position: Int, construct: String)
    /// The CSS is malformed at a 1-based character position.
    case syntax(selector: String, position: Int, problem: String)
    /// libxml2 rejected the XPath expression (written as XPath, or translated from CSS).
    case invalidXPath(selector: String)

    /// A one-line explanation for `yuqing check` and the logs.
    public var description: String {
        switch self {
        case .empty(let field):
            return "the \(field) selector is empty: give a CSS selector such as 'ul.list li' or an XPath starting with '/'"
        case .unsupported(let selector, let position, let construct):
            return "selector '\(selector)': \(construct) at position \(position) is not supported; "
                + "use type, #id, .class, [attr], [attr=v], [attr^=v], [attr$=v], [attr*=v], "
                + "descendant, '>', '+', '~', ',', :first-child, :last-child, :only-child, "
                + ":nth-child(an+b), :nth-last-child(an+b), :contains(text), or write the selector as XPath"
        case .syntax(let selector, let position, let problem):
            return "selector '\(selector)': \(problem) at position \(position); fix the selector (CSS) or start it with '/' to write XPath"
        case .invalidXPath(let selector):
            return "selector '\(selector)' is not a valid XPath 1.0 expression; check brackets and quotes"
        }
    }
}
