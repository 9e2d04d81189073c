import Foundation

/// Why a list or forum source could not be read at all, beyond what the extractors report.
enum SourceReadError: Error, CustomStringConvertible {
    /// A `kind: list` source reached the crawler without selectors (built in code, not from
    /// `Sources.yml`, which refuses it).
    case missingListSelectors(sourceID: String)

    /// A one-line explanation for the fetch log.
    var description: String {
        switch self {
        case .missingListSelectors(let id):
            "source '\(id)' is kind: list but has no selectors; add 'selectors: {item: …}' to it in Sources.yml"
        }
    }
}
