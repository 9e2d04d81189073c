import Foundation
import Hummingbird
import NIOCore

/// The built-in website of `yuqing demo`: a fictional city's government site, daily
/// newspaper, forum (served in GBK, as many real ones are) and a Weibo account seen
/// through an RSSHub-style bridge. New items appear every `interval` while it runs.
public struct DemoSite: Sendable {
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
        <title>\(escape(feed.name))</title>
        <link>/</link>
        <description>\(escape(catalog.city))演示站点</description>

        """
        for entry in entries {
            let description = feed.channel == "weibo"
                ? "<![CDATA[<p>\(entry.story.summary)</p><p><a href=\"\(articleURL(entry))\">全文</a></p>]]>"
                : escape(entry.story.summary)
            xml += """
            <item>
            <title>\(escape(entry.title))</title>
            <link>\(articleURL(entry))</link>
            <guid isPermaLink="false">jianglin-\(feed.id)-\(entry.sequence)</guid>
            <pubDate>\(rfc822(entry.published))</pubDate>
            <dc:creator>\(escape(entry.story.author))</dc:creator>
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
        <title>\(escape(feed.name))</title>
        <id>urn:yuqing-demo:\(feed.id)</id>
        <updated>\(rfc3339(entries.first?.published ?? timeline.start))</updated>

        """
        for entry in entries {
            xml += """
            <entry>
            <title>\(escape(entry.title))</title>
            <link rel="alternate" href="\(articleURL(entry))"/>
            <id>urn:yuqing-demo:\(feed.id):\(entry.sequence)</id>
            <published>\(rfc3339(entry.published))</published>
            <updated>\(rfc3339(entry.published))</updated>
            <author><name>\(escape(entry.story.author))</name></author>
            <summary type="text">\(escape(entry.story.summary))</summary>
            </entry>

            """
        }
        return xml + "</feed>\n"
    }

    private func indexPage() -> String {
        let links = catalog.feeds.map { "<li><a href=\"\($0.path)\">\(escape($0.name))</a></li>" }.joined()
        return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>\(escape(catalog.city))演示站点</title></head>"
            + "<body><h1>\(escape(catalog.city))演示站点</h1><ul>\(links)</ul></body></html>"
    }

    private func articlePage(_ entry: DemoTimeline.Entry) -> String {
        """
        <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>\(escape(entry.title))</title></head>
        <body><nav>首页 | 要闻 | 民生</nav><article><h1>\(escape(entry.title))</h1>
        <p class="meta">\(escape(entry.story.author)) · \(rfc3339(entry.published))</p>
        <p>\(escape(entry.story.summary))</p></article><footer>江临市演示站点 版权所有</footer></body></html>
        """
    }

    private func htmlResponse(_ html: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}

private func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        default: result.append(character)
        }
    }
    return result
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
