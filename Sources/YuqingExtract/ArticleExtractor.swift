import CLibXML2
import Foundation
import YuqingCore

/// Reads an article page (a news story, a government notice) into an `Article`: headline,
/// publication time, author, source and the main text with its paragraph breaks.
///
/// Metadata is read first, from the untouched page: the headline from `og:title`, TRS's
/// `ArticleTitle` meta, an `<h1>` or a cleaned `<title>`; the time from schema.org JSON-LD
/// (`datePublished` of a `NewsArticle` …, see `ArticleLinkedData`), else
/// `article:published_time` / `pubdate` / `PubDate` metas or Parse.ly's `parsely-page`,
/// `<time datetime>`, the byline under the headline (`发布时间：…`, `来源：… 2026年11月20日`,
/// `Published November 20, 2026`), or an element whose class names it (`cmnc-publish`);
/// the author from JSON-LD, metas or the byline; the source from metas or the byline. Then
/// boilerplate is pruned and the main block is chosen by `ContentScorer`.
public struct ArticleExtractor: Sendable {
    /// The zone for times that carry none (Beijing time for Chinese sites).
    public var defaultTimeZone: TimeZone

    /// Creates an extractor.
    public init(defaultTimeZone: TimeZone = FeedDate.chinaStandardTime) {
        self.defaultTimeZone = defaultTimeZone
    }

    /// Meta names that carry the publication time, most specific first.
    private static let dateMetas = [
        "article:published_time", "og:article:published_time", "og:published_time", "og:release_date", "pubdate",
        "publishdate", "publish_date", "publish-date", "publishtime", "publish_time", "published_time", "publication_date",
        "firstpublishedtime", "datepublished", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued",
        "dc.date", "dcterms.created", "dcterms.date", "date", "article:modified_time", "og:updated_time",
    ]

    /// Meta names that carry the author, most specific first.
    private static let authorMetas = ["author", "article:author", "og:article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"]

    /// The most JSON-LD scripts read on one page (each bounded by `ArticleLinkedData.maximumBytes`).
    private static let maximumLinkedDataScripts = 8

    /// Reads one article page.
    ///
    /// - Parameters:
    ///   - data: the response body.
    ///   - url: the page's URL (after redirects).
    ///   - httpCharset: the `charset` of the response's `Content-Type`, if any.
    ///   - encodingOverride: the source's configured encoding, which beats everything else.
    /// - Throws: `ExtractError.noArticleText` when no block of text is found, and the parsing
    ///   errors of `ExtractError`.
    public func extract(
        _ data: Data,
        url: URL,
        httpCharset: String? = nil,
        encodingOverride: String? = nil
    ) throws(ExtractError) -> Article {
        try HTMLDocument.withParsed(data, url: url, httpCharset: httpCharset,
                                    encodingOverride: encodingOverride) { (page) throws(ExtractError) in
            guard let body = page.body else { throw .noArticleText(url: url) }
            let title = headline(page)
            let lines = HTMLNode.paragraphs(body).split(separator: "\n").map(String.init)
            // Pages that print the headline twice (a desktop and a mobile header, as news.cn
            // does) may have the byline under either copy.
            // Later copies count only as bare headlines (not a related-articles line that
            // contains a short title).
            let copies = title.isEmpty ? [] : lines.indices.filter { lines[$0].contains(title) }
            let titleIndices = Array((copies.prefix(1) + copies.dropFirst().filter { lines[$0].count <= title.count + 10 }).prefix(3))
            let byline = Byline(lines: lines, titleIndices: titleIndices, timeZone: defaultTimeZone)

            // JSON-LD first: it says datePublished and author in so many words, for search engines.
            let linked = ArticleLinkedData(scripts: Self.linkedDataScripts(page), defaultTimeZone: defaultTimeZone)
            var published = linked?.published
                ?? page.meta(Self.dateMetas).flatMap { Self.date(in: $0, timeZone: defaultTimeZone) }
                ?? page.meta(["parsely-page"]).flatMap { Self.parselyDate($0, timeZone: defaultTimeZone) }
            if published == nil {
                let query = "//time[@datetime] | //*[@itemprop='datePublished'][@datetime] | //time[@pubdate]"
                for node in XPathQuery.nodes(query, in: page.document).prefix(20) {
                    // `<time pubdate>` without `datetime` says the date in its text.
                    let value = HTMLNode.attribute(node, "datetime") ?? String(HTMLNode.line(node).prefix(100))
                    if let date = Self.date(in: value, timeZone: defaultTimeZone) {
                        published = date
                        break
                    }
                }
            }
            published = published ?? byline.published ?? Self.dateInNamedElement(page, timeZone: defaultTimeZone)

            let author = linked?.author ?? page.meta(Self.authorMetas).flatMap(Self.plausibleName).map(Self.withoutBy) ?? byline.author
            let source = page.meta(["contentsource", "source", "og:site_name", "copyright_source"]).flatMap(Self.plausibleName)
                ?? byline.source

            var text = Self.mainText(body, title: title, pruningByName: true)
            if text.isEmpty {
                // Class names prune whole wrappers now and then (`blq-int-nav` on a BBC page's
                // outer div, `widget Blog` around a Blogger post): read a fresh copy of the
                // page again with only the tag-based pruning, as readability retries.
                text = (try? HTMLDocument.withParsed(data, url: url, httpCharset: httpCharset,
                                                     encodingOverride: encodingOverride) { (fresh) throws(ExtractError) in
                    fresh.body.map { Self.mainText($0, title: title, pruningByName: false) } ?? ""
                }) ?? ""
            }
            guard !text.isEmpty else { throw .noArticleText(url: url) }
            return Article(title: title.isEmpty ? (page.title ?? "") : title, url: url, published: published,
                           author: author, source: source, text: text)
        }
    }

    /// Prunes `body` (destructively), picks the main block and returns its tidied text, or ""
    /// when no block has text.
    private static func mainText(_ body: xmlNodePtr, title: String, pruningByName: Bool) -> String {
        ContentScorer.prune(body, byName: pruningByName)
        guard let main = ContentScorer.best(under: body) else { return "" }
        ContentScorer.cleanCandidate(main)
        return tidy(HTMLNode.paragraphs(main), title: title)
    }

    // MARK: - Headline

    /// `og:title` (cleaned of a site suffix), TRS's `ArticleTitle`, the `<h1>` that `<title>`
    /// repeats (or the longest `<h1>` outside header and navigation), else the cleaned `<title>`.
    private func headline(_ page: HTMLPage) -> String {
        if let og = page.meta(["og:title", "twitter:title"]).map(TitleCleaner.clean), !og.isEmpty { return og }
        if let trs = page.meta(["articletitle"]), !trs.isEmpty { return PlainText.singleLine(trs) }
        let documentTitle = page.title ?? ""
        let headings = XPathQuery.nodes("//h1", in: page.document).filter { node in
            !XPathQuery.nodes("ancestor-or-self::*[self::header or self::nav or contains(@class, 'logo') or contains(@id, 'logo')]",
                              in: page.document, from: node).contains { _ in true }
        }.map(HTMLNode.line).filter { !$0.isEmpty }
        if let repeated = headings.first(where: { documentTitle.contains($0) }) { return repeated }
        if let longest = headings.max(by: { $0.count < $1.count }), longest.count >= 4 { return longest }
        return TitleCleaner.clean(documentTitle)
    }

    // MARK: - Helpers

    /// A whole-string date (ISO 8601 in metas), else the first date inside the text.
    private static func date(in text: String, timeZone: TimeZone) -> Date? {
        FeedDate.parse(text, defaultTimeZone: timeZone) ?? DateInText.find(in: text, defaultTimeZone: timeZone)
    }

    /// `pub_date` of the Parse.ly `parsely-page` meta, a JSON object many English news sites
    /// carry instead of `article:published_time`.
    private static func parselyDate(_ json: String, timeZone: TimeZone) -> Date? {
        guard json.utf8.count <= 16_384,
              let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let value = object["pub_date"] as? String else { return nil }
        return date(in: value, timeZone: timeZone)
    }

    /// Class or id fragments that name an element holding the publication time
    /// (`<dd class="cmnc-publish">2018/6/19 5:50</dd>`, `<span id="pubtime">`).
    private static let publicationTimeNames = ["publish", "pubtime", "pubdate", "pub-date", "pub_date", "post-date", "post_date", "posttime", "post-time"]

    /// The date in the first short element whose class or id names a publication time: the
    /// last resort, after metadata and the byline, since a sidebar may use the same names.
    private static func dateInNamedElement(_ page: HTMLPage, timeZone: TimeZone) -> Date? {
        let lower = "translate(@%@, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
        let tests = publicationTimeNames.flatMap { name in
            ["class", "id"].map { "contains(\(String(format: lower, $0)), '\(name)')" }
        }
        let query = "//body//*[\(tests.joined(separator: " or "))]"
        for node in XPathQuery.nodes(query, in: page.document).prefix(20) {
            let text = HTMLNode.line(node)
            guard text.count <= 80, let date = DateInText.find(in: text, defaultTimeZone: timeZone) else { continue }
            return date
        }
        return nil
    }

    /// The text of the page's `<script type="application/ld+json">` elements, in order; a script
    /// over `ArticleLinkedData.maximumBytes` is skipped without being copied.
    private static func linkedDataScripts(_ page: HTMLPage) -> [String] {
        let query = "//script[contains(translate(@type, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'ld+json')]"
        var scripts: [String] = []
        for script in XPathQuery.nodes(query, in: page.document).prefix(maximumLinkedDataScripts) {
            var bytes: [UInt8] = []
            var child = script.pointee.children
            var tooLong = false
            while let node = child, !tooLong {
                if node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE, let content = node.pointee.content {
                    let length = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
                    if bytes.count + length > ArticleLinkedData.maximumBytes {
                        tooLong = true
                    } else {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: length))
                    }
                }
                child = node.pointee.next
            }
            if !tooLong, !bytes.isEmpty { scripts.append(String(decoding: bytes, as: UTF8.self)) }
        }
        return scripts
    }

    /// `Jane Doe` for `By Jane Doe` (the `byl` meta of English news sites).
    private static func withoutBy(_ name: String) -> String {
        guard name.count > 3, name.prefix(3).lowercased() == "by " else { return name }
        return String(name.dropFirst(3)).trimmingCharacters(in: .whitespaces)
    }

    /// A meta value that can be a name (not a URL, not a sentence).
    private static func plausibleName(_ value: String) -> String? {
        let trimmed = PlainText.singleLine(value)
        guard !trimmed.isEmpty, trimmed.count <= 40, !trimmed.contains("://") else { return nil }
        return trimmed
    }

    /// Editor credits that close Chinese articles: (责任编辑：王五), 【编辑：李四】.
    private static let creditPrefixes = ["责任编辑", "编辑", "审核", "校对", "责编", "终审", "初审"]

    /// Drops lines the text should not start or end with: the headline repeated inside the
    /// content block, a byline, and trailing editor credits.
    static func tidy(_ text: String, title: String) -> String {
        var lines = text.split(separator: "\n").map(String.init)
        while let first = lines.first, (!title.isEmpty && first == title) || isBylineLine(first) {
            lines.removeFirst()
        }
        while let last = lines.last, isCreditLine(last) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    private static func isBylineLine(_ line: String) -> Bool {
        guard line.count <= 100 else { return false }
        if ["发布时间", "来源：", "来源:", "发布日期", "作者：", "浏览次数", "字号"].contains(where: line.contains), !line.contains("。") {
            return true
        }
        // `By Li Na | Published Nov. 20, 2026 6:45 PM` on English pages.
        return ["By ", "Published", "Posted", "Updated"].contains(where: line.hasPrefix) && DateInText.find(in: line) != nil
    }

    private static func isCreditLine(_ line: String) -> Bool {
        let stripped = line.trimmingCharacters(in: CharacterSet(charactersIn: "()（）[]【】 "))
        return line.count <= 40 && creditPrefixes.contains { stripped.hasPrefix($0 + "：") || stripped.hasPrefix($0 + ":") }
    }
}
