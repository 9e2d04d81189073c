import CLibXML2
import Foundation

/// Finds the element that holds an article's main text, readability-style, and strips what
/// does not belong to it.
///
/// 1. **Prune** (`prune`): remove elements no reader counts as the article: `nav`, `header`,
///    `footer`, `aside`, `script`, `style`, `form`, `iframe`, hidden elements, and elements
///    whose class or id words say comment / share / related / breadcrumb / sidebar / footer /
///    pager / ad / disclaimer … (Chinese CMSs too: `pinglun`, `fenxiang`, `xgxw` 相关新闻,
///    `bdshare`, `jiathis`, `shengming` 声明) unless another of their names says content /
///    article / TRS_Editor …. When that leaves no text, the extractor tries again on a fresh
///    parse pruning by tag only (a page-wide wrapper can carry a `nav` or `widget` class).
/// 2. **Score** (`best`): every block (`p`, `div`, `td`, `li`, `pre`, …) whose own text (not
///    counting nested blocks) has at least 10 characters is a paragraph worth
///    `1 + punctuation + min(length / 100, 3)` — Chinese prose is full of ，。、；, menus
///    and link lists are not. The paragraph's parent gets its full worth and its grandparent
///    half; a `div`/`td`/`section` holding text directly (paragraphs split by `<br>`, common on
///    TRS pages) also counts for itself. Each container starts from a tag weight (div +5,
///    td/pre/blockquote +3, lists −3, headings −5) plus ±25 for its class and id words, and its
///    total is multiplied by `1 − link density` (link text / all text), which sinks link lists;
///    blocks inside an `<a>` (teaser cards) are never chosen.
/// 3. **Clean** (`cleanCandidate`): inside the winner, drop blocks that are mostly links
///    (related-links lists inside the content `div`) and short boilerplate lines (分享到, 【打印】【关闭】,
///    上一篇 / 下一篇).
enum ContentScorer {
    /// Elements removed before scoring.
    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe",
        "object", "embed", "svg", "canvas", "select", "button", "input", "textarea", "menu", "dialog", "map",
    ]

    /// Class/id words of boilerplate (exact words after splitting on non-alphanumerics).
    static let negativeWords: Set<String> = [
        "nav", "navbar", "navi", "menu", "header", "head", "top", "topbar", "footer", "foot", "bottom", "copyright",
        "sidebar", "side", "aside", "widget", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "position", "location",
        "dqwz", "comment", "comments", "pinglun", "reply", "share", "sharing", "fenxiang", "bdshare", "jiathis",
        "social", "related", "relate", "relative", "xgxw", "xglj", "xgwz", "recommend", "tuijian", "hot", "rank",
        "ad", "ads", "advert", "advertisement", "gg", "banner", "sponsor", "pager", "pagination", "pages", "paging",
        "prev", "next", "prenext", "tool", "tools", "toolbar", "print", "login", "search", "qrcode", "ewm", "tags",
        "more", "link", "links", "friendlink", "yqlj", "disclaimer", "statement", "shengming", "mianze",
    ]

    /// Class/id words of article containers.
    static let positiveWords: Set<String> = [
        "content", "article", "articles", "text", "body", "main", "detail", "details", "trs", "editor", "zoom",
        "con", "cont", "txt", "zw", "zhengwen", "post", "entry", "story", "artibody", "endtext", "news", "wenzhang",
        "xl", "xxgk", "view",
    ]

    /// Tags whose text blocks count as paragraphs.
    static let blockTags: Set<String> = [
        "p", "div", "td", "th", "li", "pre", "blockquote", "section", "article", "main", "dd", "center",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "tbody", "tr", "body", "font",
    ]

    /// Containers that may hold text directly (split by `<br>`) and then also score for themselves.
    static let selfScoringTags: Set<String> = ["div", "td", "section", "article", "main", "font", "center"]

    // MARK: - Prune

    /// Removes boilerplate elements under `root`: by tag and `hidden`, and (unless `byName` is
    /// false, the extractor's second try) by class and id names.
    static func prune(_ root: xmlNodePtr, byName: Bool = true) {
        var doomed: [xmlNodePtr] = []
        for node in HTMLNode.descendants(root, includingSelf: false) {
            let name = HTMLNode.name(node)
            if droppedTags.contains(name) || HTMLNode.isHidden(node) || byName && classWeight(node) < 0 && isBoilerplate(node) {
                doomed.append(node)
            }
        }
        HTMLNode.remove(doomed)
    }

    /// Whether a negatively named element is really boilerplate: one of its class/id values
    /// is negative (`share`, `article-share`, `news_related`) and none is a content name
    /// without a negative word in it (`TRS_Editor`, `content`).
    private static func isBoilerplate(_ node: xmlNodePtr) -> Bool {
        var negative = false
        for key in ["class", "id"] {
            guard let value = HTMLNode.attribute(node, key)?.lowercased() else { continue }
            for whole in value.split(whereSeparator: \.isWhitespace) {
                let words = whole.split { !($0.isLetter || $0.isNumber) }.map(String.init)
                let neg = words.contains(where: negativeWords.contains)
                let pos = words.contains(where: positiveWords.contains)
                if pos && !neg { return false }
                // In `article-share` / `news_related` the last word names what the element is.
                if neg && (!pos || negativeWords.contains(words.last ?? "")) { negative = true }
            }
        }
        return negative
    }

    /// +25 for content names, −25 for boilerplate names, 0 for neither or both.
    static func classWeight(_ node: xmlNodePtr) -> Double {
        let words = HTMLNode.classAndIDWords(node)
        guard !words.isEmpty else { return 0 }
        let neg = words.contains(where: negativeWords.contains)
        let pos = words.contains(where: positiveWords.contains)
        if pos == neg { return 0 }
        return pos ? 25 : -25
    }

    // MARK: - Score

    /// The element with the highest score under `root`, or nil when no block has text.
    static func best(under root: xmlNodePtr) -> xmlNodePtr? {
        var scores: [xmlNodePtr: Double] = [:]

        func initial(_ node: xmlNodePtr) -> Double {
            let base: Double
            switch HTMLNode.name(node) {
            case "div", "article", "section", "main": base = 5
            case "td", "pre", "blockquote", "font", "center": base = 3
            case "ul", "ol", "dl", "li", "dd", "form": base = -3
            case "h1", "h2", "h3", "h4", "h5", "h6", "th": base = -5
            default: base = 0
            }
            return base + classWeight(node)
        }
        func add(_ node: xmlNodePtr, _ amount: Double) {
            if scores[node] == nil { scores[node] = initial(node) }
            scores[node]! += amount
        }

        for node in HTMLNode.descendants(root) {
            let name = HTMLNode.name(node)
            guard blockTags.contains(name) else { continue }
            let own = ownText(node)
            let length = own.count
            guard length >= 10 else { continue }
            let punctuation = own.reduce(0) { $0 + ("，。、；！？,;：".contains($1) ? 1 : 0) }
            let worth = 1 + Double(punctuation) + min(Double(length) / 100, 3)
            if selfScoringTags.contains(name) { add(node, worth) }
            if let parent = HTMLNode.parent(node) {
                add(parent, worth)
                if let grandparent = HTMLNode.parent(parent) { add(grandparent, worth / 2) }
            }
        }

        var best: (node: xmlNodePtr, score: Double)?
        for (node, score) in scores {
            // A block inside a link is a teaser card (a live feed or a "more news" list whose
            // items are <a><div>…</div></a>): all of its text is link text.
            if isInsideLink(node) { continue }
            let final = score * (1 - linkDensity(node))
            if best == nil || final > best!.score { best = (node, final) }
        }
        return best?.node
    }

    /// Whether an `<a>` encloses `node`.
    static func isInsideLink(_ node: xmlNodePtr) -> Bool {
        var current = HTMLNode.parent(node)
        while let ancestor = current {
            if HTMLNode.name(ancestor) == "a" { return true }
            current = HTMLNode.parent(ancestor)
        }
        return false
    }

    /// The text directly inside `node`: its text nodes and inline descendants, not nested blocks.
    static func ownText(_ node: xmlNodePtr) -> String {
        var text = ""
        func walk(_ parent: xmlNodePtr) {
            var child = parent.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content { text += String(cString: content) }
                case XML_ELEMENT_NODE:
                    if !blockTags.contains(HTMLNode.name(current)) { walk(current) }
                default:
                    break
                }
                child = current.pointee.next
            }
        }
        walk(node)
        return PlainText.singleLine(text)
    }

    /// Share of `node`'s text that sits inside links (0 when it has no text).
    static func linkDensity(_ node: xmlNodePtr) -> Double {
        let total = HTMLNode.line(node).count
        guard total > 0 else { return 0 }
        var linked = 0
        for anchor in HTMLNode.descendants(node) where HTMLNode.name(anchor) == "a" {
            linked += HTMLNode.line(anchor).count
        }
        return min(1, Double(linked) / Double(total))
    }

    // MARK: - Clean

    /// Short lines that are page furniture, not text.
    static let boilerplatePhrases = [
        "分享到", "分享至", "打印本页", "关闭窗口", "【打印】", "【关闭】", "[打印]", "[关闭]", "扫一扫", "扫描二维码",
        "【字体", "字号：", "字体：", "返回顶部", "上一篇", "下一篇", "上一条", "下一条", "相关链接", "相关新闻",
        "相关阅读", "延伸阅读", "推荐阅读", "热点推荐", "网友评论", "发表评论", "我要评论",
    ]

    /// Removes link lists and boilerplate blocks inside the chosen element.
    static func cleanCandidate(_ candidate: xmlNodePtr) {
        var doomed: [xmlNodePtr] = []
        for node in HTMLNode.descendants(candidate, includingSelf: false) {
            let name = HTMLNode.name(node)
            guard blockTags.contains(name) else { continue }
            let text = HTMLNode.line(node)
            if text.isEmpty { continue }
            let anchors = HTMLNode.descendants(node).filter { HTMLNode.name($0) == "a" }.count
            if anchors >= 2, linkDensity(node) > 0.5 {
                doomed.append(node)
            } else if text.count <= 60, boilerplatePhrases.contains(where: text.contains) {
                doomed.append(node)
            }
        }
        HTMLNode.remove(doomed)
    }
}
