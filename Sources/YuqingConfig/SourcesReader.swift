import Foundation
import Yams
import YuqingCore

/// Reads `Sources.yml`: an optional `defaults:` map and the `sources:` list.
/// A source with a problem is reported and left out; the others are still read and checked.
struct SourcesReader {
    static let topKeys = ["defaults", "sources"]
    /// Keys a source may set; `defaults:` accepts the same minus the ones that identify one source.
    static let sourceKeys = [
        "id", "name", "kind", "url", "channel", "region", "tags", "interval", "encoding", "headers", "enabled",
        "selectors", "thread_selectors", "max_pages", "fetch_articles", "robots", "allow_private_addresses",
    ]
    // Safety switches are per source: in `defaults:` they would quietly apply to every site.
    static let perSourceOnly = [
        "id", "name", "url", "selectors", "thread_selectors", "robots", "allow_private_addresses",
    ]

    /// Channel spellings accepted besides the English raw values: how offices write them in Chinese.
    static let chineseChannels: [String: Channel] = [
        "新闻": .news, "新闻网站": .news, "网站": .news,
        "论坛": .forum,
        "微博": .weibo,
        "微信": .wechat, "公众号": .wechat, "微信公众号": .wechat,
        "其他": .other, "其它": .other,
    ]

    /// Values every source starts from: Core's defaults, then the `defaults:` map, then its own keys.
    struct Values {
        var kind: SourceKind = .feed
        var channel: Channel = .news
        var region: String?
        var tags: [String] = []
        var interval: Duration
        var encoding: String?
        var headers: [String: String] = [:]
        var enabled = true
        var maxPages: Int?
        var fetchArticles: Bool?
    }

    var reader: NodeReader
    /// Supplies `defaultInterval` and `minimumInterval`.
    let crawl: CrawlSettings
    /// Checks selectors as the HTML extractors will read them; nil checks only that they are not empty.
    var selectorChecker: (any SelectorChecker)? = nil

    /// The sources in file order; those with problems are left out (see `reader.issues`).
    mutating func read(_ text: String) -> [Source] {
        let root: Node
        switch reader.compose(text) {
        case .broken:
            return []
        case .empty:
            reader.report(
                "\(reader.file) is empty; add a 'sources:' list with one entry per site (see the example Sources.yml)",
                line: 1, column: 1
            )
            return []
        case let .node(node):
            root = node
        }
        guard case let .mapping(mapping) = root else {
            reader.report(
                "\(reader.file) must be a map with a 'sources:' list, found \(NodeReader.describe(root)); "
                    + "write 'sources:' on a line of its own and indent the list under it",
                at: root
            )
            return []
        }
        let fields = reader.fields(of: mapping, accepted: Self.topKeys, owner: "at the top of \(reader.file)")
        var defaults = Values(interval: crawl.defaultInterval)
        if let field = fields["defaults"] {
            if case let .mapping(map) = field.value {
                let owner = "in 'defaults'"
                let defaultFields = reader.fields(of: map, accepted: Self.sourceKeys, owner: owner)
                for name in Self.perSourceOnly {
                    if let field = defaultFields[name] {
                        reader.report("'\(name)' cannot be set in 'defaults': each source needs its own", at: field.key)
                    }
                }
                readShared(defaultFields, owner: owner, into: &defaults)
            } else {
                reader.report(
                    "expected a map for 'defaults', found \(NodeReader.describe(field.value)); "
                        + "indent keys such as 'interval: 10m' under 'defaults:'",
                    at: field.value
                )
            }
        }
        guard let sourcesField = fields["sources"] else {
            reader.report(
                "\(reader.file) has no 'sources:' list; add one with an entry per site (see the example Sources.yml)",
                at: root
            )
            return []
        }
        guard case let .sequence(list) = sourcesField.value else {
            reader.report(
                "expected a list for 'sources', found \(NodeReader.describe(sourcesField.value)); "
                    + "write each source as an item starting with '- id: …', indented under 'sources:'",
                at: sourcesField.value
            )
            return []
        }
        var sources: [Source] = []
        var firstLineOfID: [String: Int] = [:]
        for (index, item) in list.enumerated() {
            if let source = readSource(item, number: index + 1, defaults: defaults, seen: &firstLineOfID) {
                sources.append(source)
            }
        }
        return sources
    }

    private mutating func readSource(
        _ item: Node, number: Int, defaults: Values, seen firstLineOfID: inout [String: Int]
    ) -> Source? {
        guard case let .mapping(mapping) = item else {
            reader.report(
                "source #\(number) must be a map of keys such as 'id:' and 'url:', found \(NodeReader.describe(item)); "
                    + "start each source with '- id: …' and indent its other keys under 'id'",
                at: item
            )
            return nil
        }
        // Name the source by its id in every message when it has one, however malformed.
        let owner: String
        if let idNode = mapping["id"], case let .scalar(scalar) = idNode, !NodeReader.isNull(idNode),
           !scalar.string.isEmpty
        {
            owner = "in source '\(scalar.string)'"
        } else {
            owner = "in source #\(number)"
        }
        let fields = reader.fields(of: mapping, accepted: Self.sourceKeys, owner: owner)

        var id: String?
        if let field = fields["id"] {
            if let text = reader.text(field, owner: owner) {
                if !Self.isValidID(text) {
                    reader.report(Self.badIDMessage(text), at: field.value)
                } else if let firstLine = firstLineOfID[text] {
                    reader.report(
                        "duplicate source id '\(text)'; it is already used on line \(firstLine); give each source its own id",
                        at: field.value
                    )
                } else {
                    firstLineOfID[text] = field.value.mark?.line ?? 1
                    id = text
                }
            }
        } else {
            reader.report(
                "missing 'id' \(owner); add a unique id such as 'id: gov-news' "
                    + "(lowercase letters, digits, '-', '_' and '.')",
                at: item
            )
        }

        var url: URL?
        if let field = fields["url"] {
            if let text = reader.text(field, owner: owner) {
                url = checkedURL(text, field: field, owner: owner)
            }
        } else {
            reader.report(
                "missing 'url' \(owner); add the address to poll, e.g. 'url: https://www.example.gov.cn/rss.xml'",
                at: item
            )
        }

        var name: String?
        if let field = fields["name"] {
            name = reader.text(field, owner: owner)
        }

        var values = defaults
        readShared(fields, owner: owner, into: &values)
        let pages = readPageKeys(fields, kind: values.kind, values: values, source: item, owner: owner)

        let safety = readSafetyKeys(fields, owner: owner)
        guard let id, let url, let pages else { return nil }
        return Source(
            id: id, name: name, kind: values.kind, url: url, channel: values.channel, region: values.region,
            tags: values.tags, interval: values.interval, encoding: values.encoding, headers: values.headers,
            enabled: values.enabled, listSelectors: pages.listSelectors, fetchArticles: pages.fetchArticles,
            forumListSelectors: pages.forumListSelectors, threadSelectors: pages.threadSelectors,
            allowsPrivateAddresses: safety.allowsPrivateAddresses, obeysRobots: safety.obeysRobots
        )
    }

    /// The keys a source and `defaults:` have in common; each present, valid one overrides `values`.
    private mutating func readShared(_ fields: [String: Field], owner: String, into values: inout Values) {
        if let field = fields["kind"], let text = reader.text(field, owner: owner) {
            if let kind = SourceKind(rawValue: text.lowercased()) {
                values.kind = kind
            } else {
                let accepted = SourceKind.allCases.map(\.rawValue)
                var message = "unknown kind '\(text)' \(owner); use one of: \(accepted.joined(separator: ", "))"
                if let suggestion = KeySuggestion.closest(to: text, in: accepted) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                reader.report(message, at: field.value)
            }
        }
        if let field = fields["channel"], let text = reader.text(field, owner: owner) {
            if let channel = Channel(rawValue: text.lowercased()) ?? Self.chineseChannels[text] {
                values.channel = channel
            } else {
                let accepted = ["news (新闻)", "forum (论坛)", "weibo (微博)", "wechat (微信)", "other (其他)"]
                var message = "unknown channel '\(text)' \(owner); use one of: \(accepted.joined(separator: ", "))"
                if let suggestion = KeySuggestion.closest(to: text, in: Channel.allCases.map(\.rawValue)) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                reader.report(message, at: field.value)
            }
        }
        if let field = fields["region"], let text = reader.text(field, owner: owner) {
            values.region = text
        }
        if let field = fields["tags"], let tags = reader.textList(field, owner: owner) {
            values.tags = tags
        }
        if let field = fields["interval"], let interval = reader.duration(field, owner: owner) {
            if interval < crawl.minimumInterval {
                reader.report(
                    "interval \(DurationText.format(interval)) \(owner) is shorter than the minimum "
                        + "\(DurationText.format(crawl.minimumInterval)) (crawl.minimum_interval in yuqing.yml); "
                        + "use \(DurationText.format(crawl.minimumInterval)) or longer",
                    at: field.value
                )
            } else {
                values.interval = interval
            }
        }
        if let field = fields["encoding"], let text = reader.text(field, owner: owner) {
            if text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }) {
                values.encoding = text
            } else {
                reader.report(
                    "bad encoding '\(text)' \(owner); write a charset name such as gbk, gb18030, big5 or utf-8",
                    at: field.value
                )
            }
        }
        if let field = fields["headers"], let entries = reader.textMap(field, owner: owner) {
            for (entry, value) in entries where checkHeader(entry, value: value, owner: owner) {
                // Header names are case-insensitive: a source's `referer` replaces the defaults' `Referer`.
                for existing in values.headers.keys where existing.lowercased() == entry.name.lowercased() {
                    values.headers[existing] = nil
                }
                values.headers[entry.name] = value
            }
        }
        if let field = fields["enabled"], let enabled = reader.bool(field, owner: owner) {
            values.enabled = enabled
        }
        readPageLimits(fields, owner: owner, into: &values)
    }

    private mutating func checkedURL(_ text: String, field: Field, owner: String) -> URL? {
        let example = "write the full address, e.g. https://www.example.gov.cn/rss.xml"
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)) else {
            reader.report("bad url '\(text)' \(owner): it is not a valid URL; \(example)", at: field.value)
            return nil
        }
        guard let scheme = url.scheme?.lowercased() else {
            reader.report("bad url '\(text)' \(owner): it has no scheme; start it with https:// or http://", at: field.value)
            return nil
        }
        guard scheme == "http" || scheme == "https" else {
            reader.report(
                "bad url '\(text)' \(owner): the scheme must be http or https, found '\(scheme)'; \(example)",
                at: field.value
            )
            return nil
        }
        guard let host = url.host, !host.isEmpty else {
            reader.report("bad url '\(text)' \(owner): it has no host; \(example)", at: field.value)
            return nil
        }
        return url
    }

    /// Header names must be HTTP tokens and values one line: a newline would smuggle in another header.
    private mutating func checkHeader(_ entry: Field, value: String, owner: String) -> Bool {
        let tokenPunctuation = "!#$%&'*+-.^_`|~"
        guard entry.name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || tokenPunctuation.contains($0)) })
        else {
            reader.report(
                "bad header name '\(entry.name)' in 'headers' \(owner): use letters, digits and '-', e.g. Referer",
                at: entry.key
            )
            return false
        }
        guard !value.contains(where: { $0.isNewline || $0 == "\0" }) else {
            reader.report(
                "header '\(entry.name)' in 'headers' \(owner) must be one line; remove the line break", at: entry.value)
            return false
        }
        return true
    }

    /// `[a-z0-9][a-z0-9_.-]*`: safe in URLs, file names, metrics labels and log lines.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, isIDStart(first) else { return false }
        return id.unicodeScalars.allSatisfy { isIDStart($0) || "_.-".unicodeScalars.contains($0) }
    }

    private static func isIDStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func badIDMessage(_ id: String) -> String {
        var message = "bad id '\(id)': ids use lowercase letters a-z, digits, '-', '_' and '.', "
            + "and start with a letter or digit"
        // Offer the obvious repair (`Gov News` → `gov-news`) when there is one.
        let repaired = String(id.lowercased().map { $0 == " " ? "-" : $0 })
        if repaired != id, isValidID(repaired) {
            message += "; e.g. '\(repaired)'"
        } else {
            message += ", e.g. 'gov-news'"
        }
        return message
    }
}
