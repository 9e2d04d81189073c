import Foundation
import Yams
import YuqingCore

/// The keys that say how a `kind: list` or `kind: forum` source's HTML pages are read:
/// `selectors`, `thread_selectors`, `max_pages` and `fetch_articles`.
extension SourcesReader {
    /// Keys of a list source's `selectors:` map; `item` is required.
    static let listSelectorKeys = ["item", "link", "title", "date", "next_page"]
    /// Keys of a forum source's `selectors:` map (its thread list); `item` is required when the map is given.
    static let forumSelectorKeys = ["item", "link", "title", "date", "replies", "last_post", "next_page"]
    /// Keys of `thread_selectors:` (a thread page); each one left out keeps Discuz!'s default.
    static let threadSelectorKeys = ["post", "author", "time", "body", "title"]
    /// Selectors matched against the whole page; the others are matched inside one item.
    static let pageWideSelectors: Set<String> = ["item", "next_page", "post", "title@thread"]
    /// The most pages of a list one poll may read: more is rarely news and is hard on small sites.
    static let maxPagesLimit = 50

    /// What the page keys of one source say.
    struct PageKeys {
        var listSelectors: ListSelectors?
        var fetchArticles = true
        var forumListSelectors = ForumListSelectors.discuz
        var threadSelectors = ForumSelectors.discuz
    }

    /// Reads the page keys written on one source (`fields`), given its final kind; `values`
    /// supplies `max_pages` and `fetch_articles` from `defaults:`. Returns nil when a list
    /// source cannot be read (no usable `selectors.item`).
    mutating func readPageKeys(
        _ fields: [String: Field], kind: SourceKind, values: Values, source: Node, owner: String
    ) -> PageKeys? {
        var keys = PageKeys()
        if let fetch = values.fetchArticles { keys.fetchArticles = fetch }

        // Keys that mean nothing for this kind are mistakes (a forgotten `kind: list`, a key on
        // the wrong source): say so rather than ignore them.
        let applies: [String: [SourceKind]] = [
            "selectors": [.list, .forum], "max_pages": [.list, .forum],
            "fetch_articles": [.list], "thread_selectors": [.forum],
        ]
        for name in ["selectors", "thread_selectors", "max_pages", "fetch_articles"] {
            guard let field = fields[name], let kinds = applies[name], !kinds.contains(kind) else { continue }
            let allowed = kinds.map { "kind: \($0.rawValue)" }.joined(separator: " or ")
            let verb = name.hasSuffix("selectors") ? "apply" : "applies"
            reader.report(
                "\(name) only \(verb) to \(allowed), and source '\(Self.sourceName(owner))' is kind: \(kind.rawValue); "
                    + "remove '\(name)' or set the kind",
                at: field.key
            )
        }

        switch kind {
        case .feed:
            return keys
        case .list:
            guard let field = fields["selectors"] else {
                reader.report(
                    "missing 'selectors' \(owner): a kind: list source needs at least 'selectors: {item: …}' "
                        + "naming one entry of the list, e.g. 'item: ul.list li' (see docs/sources.md)",
                    at: source
                )
                return nil
            }
            guard let map = selectorMap(field, accepted: Self.listSelectorKeys, owner: owner),
                  let item = requiredItem(map, field: field, owner: owner) else { return nil }
            keys.listSelectors = ListSelectors(
                item: item, link: map["link"], title: map["title"], date: map["date"],
                nextPage: map["next_page"], maxPages: values.maxPages ?? 1
            )
        case .forum:
            // Both maps are read before giving up, so one run reports the problems of both.
            var usable = true
            if let field = fields["selectors"] {
                // A custom thread list is described whole: keys left out are unset, not Discuz!'s,
                // because Discuz!'s class names would match nothing on another forum's page.
                if let map = selectorMap(field, accepted: Self.forumSelectorKeys, owner: owner),
                   let item = requiredItem(map, field: field, owner: owner) {
                    keys.forumListSelectors = ForumListSelectors(
                        item: item, link: map["link"], title: map["title"], date: map["date"],
                        replies: map["replies"], lastPost: map["last_post"], nextPage: map["next_page"]
                    )
                } else {
                    usable = false
                }
            }
            keys.forumListSelectors.maxPages = values.maxPages ?? 1
            if let field = fields["thread_selectors"] {
                guard let map = selectorMap(field, accepted: Self.threadSelectorKeys, owner: owner, thread: true),
                      usable else { return nil }
                let defaults = ForumSelectors.discuz
                keys.threadSelectors = ForumSelectors(
                    post: map["post"] ?? defaults.post, author: map["author"] ?? defaults.author,
                    time: map["time"] ?? defaults.time, body: map["body"] ?? defaults.body,
                    title: map["title"] ?? defaults.title
                )
            }
            guard usable else { return nil }
        }
        return keys
    }

    /// `max_pages` and `fetch_articles`, which `defaults:` may set too.
    mutating func readPageLimits(_ fields: [String: Field], owner: String, into values: inout Values) {
        if let field = fields["max_pages"], let pages = reader.integer(field, owner: owner, minimum: 1) {
            if pages > Self.maxPagesLimit {
                reader.report(
                    "'max_pages' \(owner) must be at most \(Self.maxPagesLimit), found \(pages); "
                        + "poll more often instead of reading deep into the list",
                    at: field.value
                )
            } else {
                values.maxPages = pages
            }
        }
        if let field = fields["fetch_articles"], let fetch = reader.bool(field, owner: owner) {
            values.fetchArticles = fetch
        }
    }

    /// The selectors of a `selectors:` / `thread_selectors:` map by key, each checked; nil when
    /// the value is not a map or a selector is unusable (every problem is reported).
    private mutating func selectorMap(
        _ field: Field, accepted: [String], owner: String, thread: Bool = false
    ) -> [String: String]? {
        guard case let .mapping(mapping) = field.value else {
            reader.report(
                "expected a map for '\(field.name)' \(owner), found \(NodeReader.describe(field.value)); "
                    + "indent one 'key: selector' a line under '\(field.name):', e.g. 'item: ul.list li'",
                at: field.value
            )
            return nil
        }
        let entries = reader.fields(of: mapping, accepted: accepted, owner: "in '\(field.name)' \(owner)")
        var result: [String: String] = [:]
        var usable = true
        for name in accepted {
            guard let entry = entries[name] else { continue }
            guard let text = reader.text(entry, owner: "in '\(field.name)' \(owner)") else {
                usable = false
                continue
            }
            let pageWide = Self.pageWideSelectors.contains(thread && name == "title" ? "title@thread" : name)
            if let checker = selectorChecker,
               let problem = checker.problem(with: text, relative: !pageWide, field: name) {
                reader.report("bad selector '\(field.name).\(name)' \(owner): \(problem)", at: entry.value)
                usable = false
                continue
            }
            result[name] = text
        }
        return usable ? result : nil
    }

    private mutating func requiredItem(_ map: [String: String], field: Field, owner: String) -> String? {
        if let item = map["item"] { return item }
        reader.report(
            "missing 'item' in '\(field.name)' \(owner): name one entry of the list, e.g. 'item: ul.list li' "
                + "(CSS) or 'item: //ul[@class=\"list\"]/li' (XPath)",
            at: field.value
        )
        return nil
    }

    /// `gov-news` from "in source 'gov-news'", `#3` from "in source #3".
    private static func sourceName(_ owner: String) -> String {
        owner.replacingOccurrences(of: "in source ", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "'"))
    }
}
