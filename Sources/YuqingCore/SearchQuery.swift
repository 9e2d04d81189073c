/// A full-text query as the user typed it, split into terms that must all occur, with the
/// FTS5 expression for the terms the trigram index can serve and the snippet shown per hit.
public struct SearchQuery: Sendable, Hashable {
    /// The terms (whitespace-separated; `"…"` keeps spaces inside one term), in order.
    public var terms: [String]

    /// The shortest term the trigram index finds; shorter ones are matched with LIKE.
    public static let shortestIndexedTerm = 3

    /// Splits `text` into terms; empty when it holds none.
    public init(_ text: String) {
        var terms: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
            } else if character.isWhitespace, !quoted {
                if !current.isEmpty { terms.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { terms.append(current) }
        self.terms = terms
    }

    /// Terms long enough for the trigram index.
    public var indexedTerms: [String] { terms.filter { $0.count >= Self.shortestIndexedTerm } }
    /// Terms of 1-2 characters, which the trigram index cannot find (e.g. 舆情).
    public var shortTerms: [String] { terms.filter { $0.count < Self.shortestIndexedTerm } }

    /// The FTS5 MATCH expression for `indexedTerms`, each a quoted string (so `AND`, `*`, `:`,
    /// `(` and quotes in user input are literal text), or nil when there are none.
    public var ftsExpression: String? {
        let indexed = indexedTerms
        guard !indexed.isEmpty else { return nil }
        return indexed.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND ")
    }

    /// A `LIKE` pattern that matches `term` anywhere, with `\` as the escape character.
    public static func likePattern(_ term: String) -> String {
        var pattern = "%"
        for character in term {
            if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }

    /// Up to `radius` characters either side of the first term found in `text`, the term in
    /// 【】; the start of `text` when no term occurs in it.
    public func snippet(of text: String, radius: Int = 20) -> String {
        let folded = text.lowercased()
        for term in terms {
            guard let range = folded.range(of: term.lowercased()) else { continue }
            // Lowercasing keeps CJK and ASCII lengths, so offsets carry over to `text`.
            let start = folded.distance(from: folded.startIndex, to: range.lowerBound)
            let length = folded.distance(from: range.lowerBound, to: range.upperBound)
            let characters = Array(text)
            guard start + length <= characters.count else { break }
            let from = max(0, start - radius)
            let to = min(characters.count, start + length + radius)
            return (from > 0 ? "…" : "") + String(characters[from ..< start]) + "【"
                + String(characters[start ..< start + length]) + "】"
                + String(characters[start + length ..< to]) + (to < characters.count ? "…" : "")
        }
        let characters = Array(text)
        return String(characters.prefix(radius * 2)) + (characters.count > radius * 2 ? "…" : "")
    }
}
