import CLibXML2
import Foundation
import YuqingCore

/// Reads the entries of an HTML list page (a government site's 信息公开 list, a portal's
/// column, a Discuz! forum's thread list) with the selectors configured for the source.
///
/// One call reads one page; the crawler follows `ListPage.nextPage` up to
/// `ListSelectors.maxPages`. Selectors are checked and translated when the extractor is
/// created, so a broken selector is a configuration error, not a failed fetch.
public struct ListPageExtractor: Sendable {
    /// The selectors as configured.
    public let selectors: ListSelectors
    /// The zone for dates that carry none (Beijing time for Chinese sites).
    public var defaultTimeZone: TimeZone

    private let item: PageSelector
    private let link: PageSelector?
    private let title: PageSelector?
    private let date: PageSelector?
    private let nextPage: PageSelector?

    /// Checks and translates `selectors`.
    public init(selectors: ListSelectors, defaultTimeZone: TimeZone = FeedDate.chinaStandardTime) throws(SelectorError) {
        self.selectors = selectors
        self.defaultTimeZone = defaultTimeZone
        item = try PageSelector(selectors.item, field: "item")
        link = try selectors.link.map { (s: String) throws(SelectorError) in try PageSelector(s, relative: true, field: "link") }
        title = try selectors.title.map { (s: String) throws(SelectorError) in try PageSelector(s, relative: true, field: "title") }
        date = try selectors.date.map { (s: String) throws(SelectorError) in try PageSelector(s, relative: true, field: "date") }
        nextPage = try selectors.nextPage.map { (s: String) throws(SelectorError) in try PageSelector(s, field: "next_page") }
    }

    /// Reads one list page.
    ///
    /// - Parameters:
    ///   - data: the response body.
    ///   - url: the page's URL (after redirects); links resolve against it or `<base href>`.
    ///   - httpCharset: the `charset` of the response's `Content-Type`, if any.
    ///   - encodingOverride: the source's configured encoding, which beats everything else.
    ///   - referenceDate: "now", to place dates written without a year (`11-20`).
    /// - Throws: `ExtractError.selectorMatchedNothing` when the item selector finds nothing
    ///   (the site changed its layout), and the parsing errors of `ExtractError`.
    public func extract(
        _ data: Data,
        url: URL,
        httpCharset: String? = nil,
        encodingOverride: String? = nil,
        referenceDate: Date = Date()
    ) throws(ExtractError) -> ListPage {
        let rows = try rows(data, url: url, httpCharset: httpCharset, encodingOverride: encodingOverride,
                            referenceDate: referenceDate) { entry, _, _ in entry }
        return ListPage(title: rows.title, entries: rows.rows, nextPage: rows.nextPage)
    }

    /// Reads one list page, turning each item that yields an entry into a `Row` with `makeRow`,
    /// which also sees the item's element (the forum reader takes reply counts from it).
    func rows<Row>(
        _ data: Data,
        url: URL,
        httpCharset: String?,
        encodingOverride: String?,
        referenceDate: Date,
        _ makeRow: (FeedEntry, xmlNodePtr, HTMLPage) -> Row
    ) throws(ExtractError) -> (title: String?, rows: [Row], nextPage: URL?) {
        try HTMLDocument.withParsed(data, url: url, httpCharset: httpCharset,
                                    encodingOverride: encodingOverride) { (page) throws(ExtractError) in
            let items = item.select(in: page.document)
            guard !items.isEmpty else { throw .selectorMatchedNothing(selector: item.source, url: url) }
            let rows = items.compactMap { node in
                entry(from: node, page: page, referenceDate: referenceDate).map { makeRow($0, node, page) }
            }
            if rows.isEmpty {
                // Items were found, but none had a link: the inner selectors are wrong.
                throw .selectorMatchedNothing(selector: link?.source ?? title?.source ?? "\(item.source) a[href]", url: url)
            }
            return (page.title, rows, next(on: page))
        }
    }

    // MARK: - Entries

    private func entry(from node: xmlNodePtr, page: HTMLPage, referenceDate: Date) -> FeedEntry? {
        let anchor = linkElement(in: node, page: page)
        let href = anchor.flatMap { HTMLNode.attribute($0, "href") }
        let url = href.flatMap { page.resolve($0) }

        var text = ""
        if let title {
            text = title.first(in: page.document, from: node).map(HTMLNode.line) ?? ""
        } else if let anchor {
            text = HTMLNode.line(anchor)
            // Lists cut long titles ("关于做好…的通知...") and keep the whole one in title="".
            if let full = HTMLNode.attribute(anchor, "title").map(PlainText.singleLine), !full.isEmpty,
               text.isEmpty || Self.isCutShort(text, of: full) {
                text = full
            }
        }
        // An item without an http(s) link (an ad's `javascript:`, a heading row) is not an entry.
        guard let url else { return nil }
        if text.isEmpty { text = url.absoluteString }

        return FeedEntry(title: text, link: url, published: published(in: node, title: text, page: page,
                                                                       referenceDate: referenceDate))
    }

    /// Whether `text` is `full` shortened with an ellipsis (or just a prefix of it).
    static func isCutShort(_ text: String, of full: String) -> Bool {
        var stem = Substring(text)
        while let last = stem.last, last == "." || last == "…" || last == "。" || last.isWhitespace { stem = stem.dropLast() }
        return stem.count < full.count && full.hasPrefix(stem)
    }

    /// The link element: the `link` selector's match (or an `<a>` inside or around it), else
    /// the item itself when it is an `<a>`, else its first `<a href>` with text, else its first `<a href>`.
    private func linkElement(in node: xmlNodePtr, page: HTMLPage) -> xmlNodePtr? {
        if let link {
            guard let match = link.first(in: page.document, from: node) else { return nil }
            if HTMLNode.attribute(match, "href") != nil { return match }
            if let inner = XPathQuery.nodes(".//a[@href]", in: page.document, from: match).first { return inner }
            return XPathQuery.nodes("ancestor::a[@href]", in: page.document, from: match).first
        }
        if HTMLNode.name(node) == "a", HTMLNode.attribute(node, "href") != nil { return node }
        let anchors = XPathQuery.nodes(".//a[@href]", in: page.document, from: node)
        return anchors.first { page.resolve(HTMLNode.attribute($0, "href") ?? "") != nil && !HTMLNode.line($0).isEmpty }
            ?? anchors.first
    }

    /// The item's date: from the `date` selector's text or its `title` / `datetime`
    /// attributes (Discuz! shows "3 天前" and keeps the date in `title`), else the first date in
    /// the item's text outside the title.
    private func published(in node: xmlNodePtr, title: String, page: HTMLPage, referenceDate: Date) -> Date? {
        if let date {
            guard let match = date.first(in: page.document, from: node) else { return nil }
            var candidates = [HTMLNode.line(match)]
            for element in HTMLNode.descendants(match) {
                for key in ["datetime", "title"] {
                    if let value = HTMLNode.attribute(element, key) { candidates.append(value) }
                }
            }
            for text in candidates {
                if let found = DateInText.find(in: text, defaultTimeZone: defaultTimeZone, referenceDate: referenceDate) {
                    return found
                }
            }
            return nil
        }
        var text = HTMLNode.line(node)
        if let range = text.range(of: title) { text.removeSubrange(range) }
        return DateInText.find(in: text, defaultTimeZone: defaultTimeZone, referenceDate: referenceDate)
    }

    // MARK: - Next page

    /// Link texts that mean "next page".
    private static let nextTexts: Set<String> = ["下一页", "下页", "下一頁", "下頁", "next", "next page", "next »", "›", "»", "下一页>", "下一页 >", "下一页»"]

    private func next(on page: HTMLPage) -> URL? {
        var candidate: URL?
        if let nextPage {
            if let match = nextPage.first(in: page.document) {
                let anchor = HTMLNode.attribute(match, "href") != nil ? match
                    : XPathQuery.nodes(".//a[@href]", in: page.document, from: match).first
                candidate = anchor.flatMap { HTMLNode.attribute($0, "href") }.flatMap { page.resolve($0) }
            }
        } else if selectors.maxPages > 1 {
            for anchor in XPathQuery.nodes("//a[@href]", in: page.document) {
                let text = HTMLNode.line(anchor).lowercased()
                if Self.nextTexts.contains(text), let url = HTMLNode.attribute(anchor, "href").flatMap({ page.resolve($0) }) {
                    candidate = url
                    break
                }
            }
            if candidate == nil { candidate = TRSPager.nextPage(on: page) }
        }
        guard let candidate, !Self.samePage(candidate, page.url) else { return nil }
        return candidate
    }

    private static func samePage(_ a: URL, _ b: URL) -> Bool {
        func key(_ url: URL) -> String {
            let s = url.absoluteString
            return s.firstIndex(of: "#").map { String(s[..<$0]) } ?? s
        }
        return key(a) == key(b)
    }
}
