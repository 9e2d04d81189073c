import CLibXML2
import Foundation
import YuqingCore

/// Reads a forum thread page (Discuz! by default) into its posts: author, time and text of
/// the opening post and of each reply on the page.
///
/// Message bodies lose what is not the poster's own words: quotes of earlier posts
/// (`div.quote`, `blockquote`), Discuz!'s "本帖最后由 … 编辑" notes (`i.pstatus`), its
/// anti-copy noise (`font.jammer`, `span` hidden with `display:none`), signatures and
/// attachment boxes.
public struct ForumThreadExtractor: Sendable {
    /// The selectors as configured.
    public let selectors: ForumSelectors
    /// The zone for times that carry none (Beijing time for Chinese forums).
    public var defaultTimeZone: TimeZone

    private let post: PageSelector
    private let author: PageSelector
    private let time: PageSelector
    private let body: PageSelector
    private let title: PageSelector

    /// Checks and translates `selectors`.
    public init(selectors: ForumSelectors = .discuz, defaultTimeZone: TimeZone = FeedDate.chinaStandardTime) throws(SelectorError) {
        self.selectors = selectors
        self.defaultTimeZone = defaultTimeZone
        post = try PageSelector(selectors.post, field: "post")
        author = try PageSelector(selectors.author, relative: true, field: "author")
        time = try PageSelector(selectors.time, relative: true, field: "time")
        body = try PageSelector(selectors.body, relative: true, field: "body")
        title = try PageSelector(selectors.title, field: "title")
    }

    /// Elements inside a message that are not the poster's words.
    private static let noise = PageSelector.unchecked(
        ".//div[contains(concat(' ', normalize-space(@class), ' '), ' quote ')] | .//blockquote"
            + " | .//i[contains(concat(' ', normalize-space(@class), ' '), ' pstatus ')]"
            + " | .//*[contains(concat(' ', normalize-space(@class), ' '), ' jammer ')]"
            + " | .//*[contains(concat(' ', normalize-space(@class), ' '), ' sign ')]"
            + " | .//*[contains(concat(' ', normalize-space(@class), ' '), ' tattl ')] | .//script | .//style"
    )

    /// Reads one thread page.
    ///
    /// - Parameters:
    ///   - data: the response body.
    ///   - url: the page's URL (after redirects).
    ///   - httpCharset: the `charset` of the response's `Content-Type`, if any.
    ///   - encodingOverride: the source's configured encoding, which beats everything else.
    /// - Throws: `ExtractError.selectorMatchedNothing` when the post selector finds nothing
    ///   (a deleted thread, a login wall, another forum software), and the parsing errors.
    public func extract(
        _ data: Data,
        url: URL,
        httpCharset: String? = nil,
        encodingOverride: String? = nil
    ) throws(ExtractError) -> ForumThread {
        try HTMLDocument.withParsed(data, url: url, httpCharset: httpCharset,
                                    encodingOverride: encodingOverride) { (page) throws(ExtractError) in
            let postNodes = post.select(in: page.document)
            guard !postNodes.isEmpty else { throw .selectorMatchedNothing(selector: post.source, url: url) }
            // Every post is read before anything is freed: posts can nest (one inside another's
            // message or hidden box), and freeing one message's noise could free a later post's
            // nodes, which the loop would then use (a use-after-free found by fuzz-html).
            var found: [(node: xmlNodePtr, message: xmlNodePtr)] = []
            for node in postNodes {
                // Discuz! also has empty post_ containers (ads, the "new post" anchor).
                guard let message = body.first(in: page.document, from: node) else { continue }
                found.append((node, message))
            }
            let doomed = found.flatMap { post in
                Self.noise.select(in: page.document, from: post.message) + HTMLNode.descendants(post.message).filter(HTMLNode.isHidden)
            }
            // A message inside noise or a hidden box of another post goes with it.
            let doomedSet = Set(doomed)
            let kept = found.filter { !HTMLNode.isInside($0.message, anyOf: doomedSet) }
            // Author and time before the removal, which may free nodes of later posts; the text after.
            let drafts = kept.map { post in
                ForumPost(id: Self.postID(post.node),
                          author: author.first(in: page.document, from: post.node).map(HTMLNode.line).flatMap { $0.isEmpty ? nil : $0 },
                          published: published(in: post.node, page: page), text: "")
            }
            HTMLNode.remove(doomed)
            var posts = drafts
            for (index, post) in kept.enumerated() { posts[index].text = HTMLNode.paragraphs(post.message) }
            guard !posts.isEmpty else { throw .selectorMatchedNothing(selector: body.source, url: url) }
            let subject = title.first(in: page.document).map(HTMLNode.line).flatMap { $0.isEmpty ? nil : $0 }
                ?? page.title.map(TitleCleaner.clean) ?? ""
            return ForumThread(title: subject, url: url, posts: posts)
        }
    }

    /// The post's time: a `title` attribute inside the time element first (Discuz! shows
    /// "3 天前" and keeps `2026-11-20 08:15` in a span's title), then its text (`发表于 2026-11-20 08:15`).
    private func published(in node: xmlNodePtr, page: HTMLPage) -> Date? {
        guard let element = time.first(in: page.document, from: node) else { return nil }
        for inner in HTMLNode.descendants(element) {
            if let value = HTMLNode.attribute(inner, "title"),
               let date = DateInText.find(in: value, defaultTimeZone: defaultTimeZone) {
                return date
            }
        }
        return DateInText.find(in: HTMLNode.line(element), defaultTimeZone: defaultTimeZone)
    }

    /// `123` from `post_123` (or `pid123`), else the element's id as is.
    private static func postID(_ node: xmlNodePtr) -> String? {
        guard let id = HTMLNode.attribute(node, "id"), !id.isEmpty else { return nil }
        let digits = id.drop { !$0.isNumber }
        return digits.isEmpty || !digits.allSatisfy(\.isNumber) ? id : String(digits)
    }
}
