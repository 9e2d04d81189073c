import Foundation
import Hummingbird
import NIOCore

/// The built-in website of `yuqing demo`: a fictional city's government site, daily
/// newspaper, forum (served in GBK, as many real ones are) and a Weibo account seen
/// through an RSSHub-style bridge. New items appear every `interval` while it runs.
///
/// Besides the feeds it serves HTML for the other kinds of source: the government site's
/// 信息公开 list with article pages (`DemoGovList`, `kind: list`) and the forum as a
/// Discuz!-style board in GBK whose threads gain replies (`DemoForum`, `kind: forum`).
public struct DemoSite: Sendable {
    /// Path of the government site's 信息公开 list, read by a `kind: list` source.
    public static let govListPath = DemoGovList.firstPage
    /// Path of the forum board's first page, read by a `kind: forum` source.
    public static let forumBoardPath = DemoForum.boardPath

    /// The bundled content.
    public let catalog: DemoCatalog
    /// Which items exist when.
    public let timeline: DemoTimeline
    private let now: @Sendable () -> Date

    /// Creates the site; `now` is injectable so tests can move time.
    public init(
        catalog: DemoCatalog,
        interval: Duration = .seconds(5),
        initialCount: Int = 8,
        start: Date = Date(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.catalog = catalog
        self.timeline = DemoTimeline(start: start, interval: interval, initialCount: initialCount, stories: catalog.stories)
        self.now = now
    }

    /// The router serving every page of the site.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in htmlResponse(indexPage()) }
        for feed in catalog.feeds {
            router.get(RouterPath(feed.path)) { request, _ in
                feedResponse(feed, request: request)
            }
        }
        let govList = DemoGovList(timeline: timeline)
        router.get(RouterPath(DemoGovList.firstPage)) { request, _ in
            // The first page carries a validator, as the crawler sends conditional GETs for it.
            let tag = "\"xxgk-\(timeline.publishedCount(at: now()))\""
            if request.headers[.ifNoneMatch] == tag { return Response(status: .notModified, headers: [.eTag: tag]) }
            var response = htmlResponse(govList.listPage(0, at: now()) ?? "")
            response.headers[.eTag] = tag
            return response
        }
        router.get("/gov/xxgk/:page") { _, context in
            let name = context.parameters.get("page") ?? ""
            guard name.hasPrefix("index_"), name.hasSuffix(".html"), let number = Int(name.dropFirst(6).dropLast(5)),
                  let page = govList.listPage(number, at: now()) else { return Response(status: .notFound) }
            return htmlResponse(page)
        }
        router.get("/gov/xxgk/art/:name") { request, _ in
            guard let page = govList.article(request.uri.path, at: now()) else { return Response(status: .notFound) }
            return htmlResponse(page)
        }
        let forum = DemoForum(timeline: timeline)
        router.get(RouterPath(DemoForum.boardPath)) { request, _ in
            let tag = forum.boardTag(at: now())
            if request.headers[.ifNoneMatch] == tag { return Response(status: .notModified, headers: [.eTag: tag]) }
            var response = gbkResponse(forum.board(at: now()))
            response.headers[.eTag] = tag
            return response
        }
        router.get("/bbs/:name") { _, context in
            let name = context.parameters.get("name") ?? ""
            guard name.hasSuffix(".html"), let page = forum.threadPage(String(name.dropLast(5)), at: now()) else {
                return Response(status: .notFound)
            }
            return gbkResponse(page)
        }
        router.get("/articles/:sequence") { _, context in
            let name = context.parameters.get("sequence") ?? ""
            guard name.hasSuffix(".html"), let sequence = Int(name.dropLast(5)),
                  sequence >= 0, sequence < timeline.publishedCount(at: now()) else {
                return Response(status: .notFound)
            }
            return htmlResponse(articlePage(timeline.entry(sequence)))
        }
        return router
    }

    private func feedResponse(_ feed: DemoCatalog.Feed, request: Request) -> Response {
        let entries = timeline.entries(feed: feed.id, at: now())
        // The newest item's number changes exactly when the feed does: a cheap, honest validator.
        let etag = "\"\(feed.id)-\(entries.first?.sequence ?? -1)\""
        if request.headers[.ifNoneMatch] == etag {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        let xml = feed.format == "atom" ? atom(feed, entries) : rss(feed, entries)
        let body: Data
        if feed.charset.lowercased() == "gb2312" {
            // Declared gb2312 but holding GBK-only characters (镕, 堃): the common real-world case.
            body = xml.data(using: String.Encoding(rawValue: 0x8000_0632)) ?? Data(xml.utf8)
        } else {
            body = Data(xml.utf8)
        }
        let type = feed.format == "atom" ? "application/atom+xml" : "application/rss+xml"
        return Response(
            status: .ok,
            headers: [.contentType: "\(type); charset=\(feed.charset)", .eTag: etag],
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }

    private func articleURL(_ entry: DemoTimeline.Entry) -> String {
        "/articles/\(entry.sequence).html"
    }

    private func rss(_ feed: DemoCatalog.Feed, _ entries: [DemoTimeline.Entry]) -> String {
        var xml = """
        <?xml version="1.0" encoding="\(feed.charset)"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
        <title>\(escapeHTML(feed.name))</title>
        <link>/</link>
        <description>\(escapeHTML(catalog.city))演示站点</description>

        """
        for entry in entries {
            let description = feed.channel == "weibo"
                ? "<![CDATA[<p>\(entry.story.summary)</p><p><a href=\"\(articleURL(entry))\">全文</a></p>]]>"
                : escapeHTML(entry.story.summary)
            xml += """
            <item>
            <title>\(escapeHTML(entry.title))</title>
            <link>\(articleURL(entry))</link>
            <guid isPermaLink="false">jianglin-\(feed.id)-\(entry.sequence)</guid>
            <pubDate>\(rfc822(entry.published))</pubDate>
            <dc:creator>\(escapeHTML(entry.story.author))</dc:creator>
            <description>\(description)</description>
            </item>

            """
        }
        return xml + "</channel>\n</rss>\n"
    }

    private func atom(_ feed: DemoCatalog.Feed, _ entries: [DemoTimeline.Entry]) -> String {
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
        <title>\(escapeHTML(feed.name))</title>
        <id>urn:yuqing-demo:\(feed.id)</id>
        <updated>\(rfc3339(entries.first?.published ?? timeline.start))</updated>

        """
        for entry in entries {
            xml += """
            <entry>
            <title>\(escapeHTML(entry.title))</title>
            <link rel="alternate" href="\(articleURL(entry))"/>
            <id>urn:yuqing-demo:\(feed.id):\(entry.sequence)</id>
            <published>\(rfc3339(entry.published))</published>
            <updated>\(rfc3339(entry.published))</updated>
            <author><name>\(escapeHTML(entry.story.author))</name></author>
            <summary type="text">\(escapeHTML(entry.story.summary))</summary>
            </entry>

            """
        }
        return xml + "</feed>\n"
    }

    private func indexPage() -> String {
        let links = catalog.feeds.map { "<li><a href=\"\($0.path)\">\(escapeHTML($0.name))</a></li>" }.joined()
            + "<li><a href=\"\(Self.govListPath)\">信息公开（网页列表）</a></li>"
            + "<li><a href=\"\(Self.forumBoardPath)\">江临论坛（GBK 网页）</a></li>"
        return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>\(escapeHTML(catalog.city))演示站点</title></head>"
            + "<body><h1>\(escapeHTML(catalog.city))演示站点</h1><ul>\(links)</ul></body></html>"
    }

    private func articlePage(_ entry: DemoTimeline.Entry) -> String {
        """
        <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>\(escapeHTML(entry.title))</title></head>
        <body><nav>首页 | 要闻 | 民生</nav><article><h1>\(escapeHTML(entry.title))</h1>
        <p class="meta">\(escapeHTML(entry.story.author)) · \(rfc3339(entry.published))</p>
        <p>\(escapeHTML(entry.story.summary))</p></article><footer>江临市演示站点 版权所有</footer></body></html>
        """
    }

    /// HTML in GBK bytes (encoded as GB18030, its superset, which Foundation can write).
    private func gbkResponse(_ html: String) -> Response {
        let body = html.data(using: String.Encoding(rawValue: 0x8000_0632)) ?? Data(html.utf8)
        return Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=gbk"],
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }

    private func htmlResponse(_ html: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}

private func rfc822(_ date: Date) -> String {
    date.formatted(Date.VerbatimFormatStyle(
        format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) +0800",
        locale: Locale(identifier: "en_US_POSIX"),
        timeZone: TimeZone(identifier: "Asia/Shanghai")!,
        calendar: Calendar(identifier: .gregorian)
    ))
}

private func rfc3339(_ date: Date) -> String {
    date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
}
