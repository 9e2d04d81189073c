import Foundation

/// The publication time and author an article page declares in schema.org JSON-LD
/// (`<script type="application/ld+json">`), as news sites and many CMSs write it for search
/// engines: a `NewsArticle`, `Article`, `BlogPosting` (…) object, alone, in a list, or in an
/// `@graph`, with `datePublished` and `author` as a name, a `Person` / `Organization` object,
/// a list of either, or an `@id` reference to a node of the graph.
///
/// The script text comes from untrusted pages: it is read only when it is at most
/// `maximumBytes` long and nested at most `maximumDepth` deep, raw line breaks inside strings
/// (invalid JSON that CMS templates often emit) are tolerated, and anything else malformed
/// yields nothing rather than an error.
public struct ArticleLinkedData: Sendable, Hashable {
    /// `datePublished` (else `dateCreated`) of the article object.
    public var published: Date?
    /// The author names, joined with ", " (at most five).
    public var author: String?

    /// The largest script read, in UTF-8 bytes; larger ones are skipped.
    public static let maximumBytes = 256 * 1024
    /// The deepest nesting of objects and arrays read.
    public static let maximumDepth = 48
    /// The most JSON nodes looked at in one script.
    private static let maximumNodes = 5_000

    /// The schema.org types read as an article.
    static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
        "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle", "techarticle", "report", "liveblogposting",
        "socialmediaposting", "discussionforumposting", "webpage",
    ]

    /// Creates a value.
    public init(published: Date? = nil, author: String? = nil) {
        self.published = published
        self.author = author
    }

    /// Reads the scripts of one page in order; the first article object with a date or an
    /// author wins field by field. Nil when no script yields either.
    public init?(scripts: [String], defaultTimeZone: TimeZone = FeedDate.chinaStandardTime) {
        var published: Date?
        var author: String?
        for script in scripts {
            guard let root = Self.parse(script) else { continue }
            for found in Self.articles(in: root) {
                if published == nil { published = found.published(defaultTimeZone) }
                if author == nil { author = found.author() }
            }
            if published != nil, author != nil { break }
        }
        guard published != nil || author != nil else { return nil }
        self.init(published: published, author: author)
    }

    // MARK: - Parsing

    /// The JSON value of a script, or nil when it is too large, too deep or not JSON.
    static func parse(_ script: String) -> Any? {
        guard script.utf8.count <= maximumBytes, let cleaned = sanitized(script) else { return nil }
        return try? JSONSerialization.jsonObject(with: cleaned, options: [])
    }

    /// The script as bytes with HTML comment markers around it dropped and control characters
    /// inside strings turned into spaces; nil when objects and arrays nest too deep.
    private static func sanitized(_ script: String) -> Data? {
        var bytes = Array(script.utf8)
        // `<!-- … -->` around a script body is an old habit some templates keep.
        if let start = bytes.firstIndex(where: { $0 > 0x20 }), bytes[start...].starts(with: Array("<!--".utf8)) {
            bytes.replaceSubrange(start..<(start + 4), with: [0x20, 0x20, 0x20, 0x20])
        }
        if let end = bytes.lastIndex(where: { $0 > 0x20 }), end >= 2, bytes[(end - 2)...end].elementsEqual(Array("-->".utf8)) {
            bytes.replaceSubrange((end - 2)...end, with: [0x20, 0x20, 0x20])
        }
        var depth = 0
        var inString = false
        var escaped = false
        for index in bytes.indices {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                } else if byte < 0x20 {
                    bytes[index] = 0x20
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > maximumDepth { return nil }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return Data(bytes)
    }

    /// A name with its runs of whitespace collapsed to single spaces, trimmed.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    // MARK: - Walking

    /// An article object and the graph its `@id` references point into.
    struct Found {
        let object: [String: Any]
        let nodesByID: [String: [String: Any]]

        func published(_ zone: TimeZone) -> Date? {
            for key in ["datePublished", "dateCreated"] {
                if let text = object[key] as? String, text.utf8.count <= 100,
                   let date = FeedDate.parse(text, defaultTimeZone: zone) ?? DateInText.find(in: text, defaultTimeZone: zone) {
                    return date
                }
            }
            return nil
        }

        func author() -> String? {
            guard let value = object["author"] ?? object["creator"] else { return nil }
            let values = (value as? [Any]) ?? [value]
            var names: [String] = []
            for value in values.prefix(20) {
                guard let name = name(of: value), !names.contains(name) else { continue }
                names.append(name)
                if names.count == 5 { break }
            }
            return names.isEmpty ? nil : names.joined(separator: ", ")
        }

        private func name(of value: Any) -> String? {
            var candidate: String?
            switch value {
            case let text as String:
                candidate = text
            case let object as [String: Any]:
                if let name = object["name"] as? String {
                    candidate = name
                } else if let id = object["@id"] as? String, let node = nodesByID[id] {
                    candidate = node["name"] as? String
                }
            default:
                candidate = nil
            }
            guard let trimmed = candidate.map(ArticleLinkedData.collapse),
                  !trimmed.isEmpty, trimmed.count <= 60, !trimmed.contains("://") else { return nil }
            return trimmed
        }
    }

    /// Every article object in the value (a bounded, breadth-first walk), best type first.
    static func articles(in root: Any) -> [Found] {
        var queue: [(value: Any, depth: Int)] = [(root, 0)]
        var objects: [[String: Any]] = []
        var nodesByID: [String: [String: Any]] = [:]
        var head = 0
        while head < queue.count, head < maximumNodes {
            let (value, depth) = queue[head]
            head += 1
            guard depth < maximumDepth else { continue }
            switch value {
            case let list as [Any]:
                for item in list.prefix(maximumNodes) { queue.append((item, depth + 1)) }
            case let object as [String: Any]:
                objects.append(object)
                if let id = object["@id"] as? String, nodesByID[id] == nil { nodesByID[id] = object }
                // Only where articles and people live: not into every string and number.
                for key in ["@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "item", "hasPart"] {
                    if let child = object[key], child is [Any] || child is [String: Any] { queue.append((child, depth + 1)) }
                }
            default:
                break
            }
        }
        let ranked = objects.compactMap { object -> (rank: Int, object: [String: Any])? in
            let types: [String]
            if let one = object["@type"] as? String {
                types = [one]
            } else if let list = object["@type"] as? [Any] {
                types = list.compactMap { $0 as? String }
            } else {
                return nil
            }
            let lowered = types.map { $0.lowercased().replacingOccurrences(of: "schema:", with: "") }
            guard let best = lowered.filter(articleTypes.contains).map({ $0 == "webpage" ? 1 : 0 }).min() else { return nil }
            return (best, object)
        }
        // A stable sort: articles before a WebPage, each in document order.
        return ranked.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .map { Found(object: $0.element.object, nodesByID: nodesByID) }
    }
}
