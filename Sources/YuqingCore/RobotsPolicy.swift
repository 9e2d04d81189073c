import Foundation

/// A parsed robots.txt (RFC 9309) and the decisions drawn from it: which group applies to our
/// user agent, whether a path may be fetched (longest match, `*` and `$`, Allow wins ties),
/// and the group's `Crawl-delay` (not in the RFC, but widely used by Chinese portals).
public struct RobotsPolicy: Sendable, Hashable {
    /// One `Allow` or `Disallow` line.
    public struct Rule: Sendable, Hashable {
        /// Whether the line is `Allow`.
        public var allow: Bool
        /// The path pattern, percent-encoded and normalised (`%2f` → `%2F`).
        public var pattern: String
    }

    /// One group: the user agents it names and its rules.
    public struct Group: Sendable, Hashable {
        /// Lower-cased product tokens (`*` for every crawler).
        public var userAgents: [String]
        /// Rules in file order.
        public var rules: [Rule]
        /// `Crawl-delay`, when given.
        public var crawlDelay: Duration?
    }

    /// The groups in file order.
    public private(set) var groups: [Group]
    /// Set by `disallowAll`: every path is refused, whatever the groups say.
    public private(set) var refusesEverything: Bool

    /// The RFC asks crawlers to read at least 500 KiB; more is ignored.
    public static let maximumParsedBytes = 500 * 1024

    /// A policy that allows every path (no robots.txt, or a 4xx answer).
    public static let allowAll = RobotsPolicy(groups: [], refusesEverything: false)
    /// A policy that refuses every path (robots.txt unreachable or a 5xx answer).
    public static let disallowAll = RobotsPolicy(groups: [], refusesEverything: true)

    private init(groups: [Group], refusesEverything: Bool) {
        self.groups = groups
        self.refusesEverything = refusesEverything
    }

    /// Parses robots.txt text; unknown lines and keys are skipped, as the RFC asks.
    public init(parsing text: String) {
        var groups: [Group] = []
        var current: Group?
        var lastWasUserAgent = false
        let limited = text.utf8.count > Self.maximumParsedBytes
            ? String(decoding: text.utf8.prefix(Self.maximumParsedBytes), as: UTF8.self) : text
        for rawLine in limited.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if !lastWasUserAgent {
                    if let current { groups.append(current) }
                    current = Group(userAgents: [], rules: [], crawlDelay: nil)
                }
                current?.userAgents.append(Self.productToken(of: value).lowercased())
                lastWasUserAgent = true
            case "allow", "disallow":
                lastWasUserAgent = false
                // An empty Disallow allows everything: it adds no rule. Rules before any group are ignored.
                guard current != nil, !value.isEmpty else { continue }
                current?.rules.append(Rule(allow: key == "allow", pattern: Self.normalise(value)))
            case "crawl-delay":
                lastWasUserAgent = false
                if let seconds = Double(value), seconds.isFinite, seconds >= 0 {
                    current?.crawlDelay = .milliseconds(Int64((seconds * 1_000).rounded()))
                }
            default:
                // Sitemap and unknown keys end a run of user-agent lines but change nothing else.
                lastWasUserAgent = false
            }
        }
        if let current { groups.append(current) }
        self.init(groups: groups, refusesEverything: false)
    }

    /// The rules that apply to `userAgent`: every group naming its product token, merged; else
    /// every `*` group, merged; else none (everything allowed).
    public func group(for userAgent: String) -> Group {
        let token = Self.productToken(of: userAgent).lowercased()
        var matching = groups.filter { $0.userAgents.contains(token) }
        if matching.isEmpty { matching = groups.filter { $0.userAgents.contains("*") } }
        return Group(
            userAgents: [token],
            rules: matching.flatMap(\.rules),
            crawlDelay: matching.compactMap(\.crawlDelay).max()
        )
    }

    /// Whether `url` may be fetched by `userAgent`. `/robots.txt` itself is always allowed.
    public func allows(_ url: URL, userAgent: String) -> Bool {
        if refusesEverything { return false }
        let path = Self.pathAndQuery(of: url)
        if path == "/robots.txt" { return true }
        var best: Rule?
        for rule in group(for: userAgent).rules where Self.matches(rule.pattern, path) {
            // Longest pattern wins; on a tie Allow wins (the least restrictive rule).
            if let current = best {
                if rule.pattern.utf8.count > current.pattern.utf8.count
                    || (rule.pattern.utf8.count == current.pattern.utf8.count && rule.allow && !current.allow)
                {
                    best = rule
                }
            } else {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    /// The `Crawl-delay` of the group that applies to `userAgent`.
    public func crawlDelay(for userAgent: String) -> Duration? {
        group(for: userAgent).crawlDelay
    }

    /// The first word of a User-Agent (`Yuqing/0.1 (+…)` → `Yuqing`): what groups are matched against.
    public static func productToken(of userAgent: String) -> String {
        let trimmed = userAgent.trimmingCharacters(in: .whitespaces)
        if trimmed == "*" { return "*" }
        let token = trimmed.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return token.isEmpty ? trimmed : String(token)
    }

    /// The path and query of `url` as sent on the wire, normalised like patterns.
    public static func pathAndQuery(of url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        var path = components?.percentEncodedPath ?? "/"
        if path.isEmpty { path = "/" }
        if let query = components?.percentEncodedQuery { path += "?" + query }
        return normalise(path)
    }

    /// Percent-encodes non-ASCII bytes and upper-cases existing escapes, so `/新闻` in a file
    /// matches `/%E6%96%B0%E9%97%BB` in a URL.
    static func normalise(_ text: String) -> String {
        var out = ""
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
               let _ = UInt8(String(decoding: bytes[index + 1 ... index + 2], as: UTF8.self), radix: 16)
            {
                out += "%" + String(decoding: bytes[index + 1 ... index + 2], as: UTF8.self).uppercased()
                index += 3
                continue
            }
            if byte >= 0x80 || byte <= 0x20 {
                out += String(format: "%%%02X", byte)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
            index += 1
        }
        return out
    }

    /// Whether `pattern` matches a prefix of `path` (`*` any run, a final `$` anchors the end).
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var p = Array(pattern.utf8)
        let s = Array(path.utf8)
        let anchored = p.last == UInt8(ascii: "$")
        if anchored { p.removeLast() } else { p.append(UInt8(ascii: "*")) }
        // Iterative glob match with one backtrack point: linear-ish, no recursion on hostile input.
        var pi = 0, si = 0
        var star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] == UInt8(ascii: "*") {
                star = pi
                mark = si
                pi += 1
            } else if pi < p.count, p[pi] == s[si] {
                pi += 1
                si += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                si = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
