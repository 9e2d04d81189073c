import CLibXML2
import Foundation
import YuqingCore

/// Reads a forum's thread list (Discuz! by default): each thread's title, link and start date
/// as a list page has them, plus the reply count and the last-post time the crawler compares
/// between polls to find threads that gained replies.
public struct ForumListExtractor: Sendable {
    /// The selectors as configured.
    public let selectors: ForumListSelectors
    private let list: ListPageExtractor
    private let replies: PageSelector?
    private let lastPost: PageSelector?

    /// Checks and translates `selectors`.
    public init(selectors: ForumListSelectors = .discuz,
                defaultTimeZone: TimeZone = FeedDate.chinaStandardTime) throws(SelectorError) {
        self.selectors = selectors
        list = try ListPageExtractor(selectors: selectors.list, defaultTimeZone: defaultTimeZone)
        replies = try selectors.replies.map { (s: String) throws(SelectorError) in
            try PageSelector(s, relative: true, field: "replies")
        }
        lastPost = try selectors.lastPost.map { (s: String) throws(SelectorError) in
            try PageSelector(s, relative: true, field: "last_post")
        }
    }

    /// Reads one page of the thread list.
    ///
    /// - Parameters: as `ListPageExtractor.extract`.
    /// - Throws: `ExtractError.selectorMatchedNothing` when no thread row is found (the board
    ///   moved, needs a login, or is not a Discuz! board: configure `selectors`).
    public func extract(
        _ data: Data,
        url: URL,
        httpCharset: String? = nil,
        encodingOverride: String? = nil,
        referenceDate: Date = Date()
    ) throws(ExtractError) -> ForumListPage {
        let zone = list.defaultTimeZone
        let result = try list.rows(data, url: url, httpCharset: httpCharset, encodingOverride: encodingOverride,
                                   referenceDate: referenceDate) { entry, node, page in
            ForumListThread(
                entry: entry,
                replies: replies?.first(in: page.document, from: node).flatMap { Self.firstNumber(in: HTMLNode.line($0)) },
                lastPost: lastPost?.first(in: page.document, from: node).flatMap {
                    Self.lastPost($0, timeZone: zone, referenceDate: referenceDate)
                }
            )
        }
        return ForumListPage(title: result.title, threads: result.rows, nextPage: result.nextPage)
    }

    /// The first run of ASCII digits in `text` (`56`, `回复 56`), ignoring thousands separators.
    static func firstNumber(in text: String) -> Int? {
        let digits = text.drop { !$0.isASCII || !$0.isNumber }
            .prefix { ($0.isASCII && $0.isNumber) || $0 == "," }
            .filter { $0 != "," }
        return digits.isEmpty ? nil : Int(digits)
    }

    /// The last-post time: a date in a `title` attribute (Discuz! shows "3 分钟前" and keeps
    /// the time there) or in the text, as ISO 8601; else the text itself, so a change is
    /// still noticed.
    private static func lastPost(_ element: xmlNodePtr, timeZone: TimeZone, referenceDate: Date) -> String? {
        var candidates: [String] = []
        for inner in HTMLNode.descendants(element) {
            if let value = HTMLNode.attribute(inner, "title") { candidates.append(value) }
        }
        let text = HTMLNode.line(element)
        candidates.append(text)
        for candidate in candidates {
            if let date = DateInText.find(in: candidate, defaultTimeZone: timeZone, referenceDate: referenceDate) {
                return date.formatted(.iso8601)
            }
        }
        return text.isEmpty ? nil : text
    }
}
