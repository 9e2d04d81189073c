import Foundation
import YuqingCore

/// The demo government site's 信息公开 column as HTML: a paginated list in the layout of the
/// TRS-built sites most Chinese government offices run, and article pages with navigation,
/// byline, related links and footer around the text. `kind: list` sources read it.
///
/// The list holds the timeline's `gov` stories (newest first) followed by a fixed archive of
/// older notices, so it spans several pages from the start.
struct DemoGovList: Sendable {
    /// Entries per list page.
    static let pageSize = 4
    /// URL path of the list's first page; later pages are `index_1.html`, `index_2.html`, …
    static let firstPage = "/gov/xxgk/index.html"

    /// One row of the list.
    struct Row: Sendable, Hashable {
        /// Path of the article page.
        var path: String
        var title: String
        var published: Date
        var office: String
        var text: String
    }

    /// Older notices that are always there.
    static let archive: [(title: String, office: String, text: String)] = [
        ("关于王镕故居修缮工程竣工验收情况的公示", "市文化广电旅游局",
         "旧居修缮工程已按设计要求完成，经组织竣工验收，工程质量合格。现予以公示，公示期为五个工作日。"),
        ("江临市2026年第三季度政府信息公开工作情况通报", "市人民政府办公室",
         "第三季度全市共主动公开政府信息一万二千余条，受理依申请公开三百一十二件，均在法定期限内答复。"),
        ("关于开展2026年度城镇老旧小区改造项目意见征集的公告", "市住房和城乡建设局",
         "为做好老旧小区改造工作，现就改造内容、实施方式向社会公开征求意见，欢迎市民通过信箱提出建议。"),
        ("江临市人民政府关于调整部分行政许可事项的决定", "市人民政府",
         "经研究决定，取消和下放行政许可事项十二项，进一步优化营商环境，方便企业和群众办事。"),
        ("市财政局关于2025年度市级部门决算公开的说明", "市财政局",
         "市级部门决算已按规定向社会公开，公开内容包括收支总表、财政拨款支出表和三公经费支出情况。"),
        ("江临市突发事件应急预案（2026年修订）", "市应急管理局",
         "预案明确了突发事件分级标准、指挥体系和响应程序，自发布之日起施行，原预案同时废止。"),
    ]

    let timeline: DemoTimeline

    /// Every row at `now`, newest first.
    func rows(at now: Date) -> [Row] {
        var rows = timeline.entries(feed: "gov", at: now, limit: 40).map { entry in
            Row(path: "/gov/xxgk/art/t\(entry.sequence).html", title: entry.title, published: entry.published,
                office: entry.story.author, text: entry.story.summary)
        }
        for (index, notice) in Self.archive.enumerated() {
            let published = timeline.start.addingTimeInterval(-Double(index + 2) * 86_400 * 3)
            rows.append(Row(path: "/gov/xxgk/art/a\(index).html", title: notice.title, published: published,
                            office: notice.office, text: notice.text))
        }
        return rows
    }

    /// List page `number` (0 for `index.html`), or nil past the last page.
    func listPage(_ number: Int, at now: Date) -> String? {
        let all = rows(at: now)
        let pages = max(1, (all.count + Self.pageSize - 1) / Self.pageSize)
        guard number >= 0, number < pages else { return nil }
        let slice = all.dropFirst(number * Self.pageSize).prefix(Self.pageSize)
        var items = ""
        for row in slice {
            // Long titles are cut in the link text and kept whole in title="", as TRS lists do.
            let shown = row.title.count > 18 ? String(row.title.prefix(16)) + "..." : row.title
            items += "<li><a href=\"\(row.path)\" title=\"\(escapeHTML(row.title))\" target=\"_blank\">\(escapeHTML(shown))</a>"
                + "<span class=\"date\">\(dayText(row.published))</span></li>\n"
        }
        let next = number + 1 < pages ? "<a class=\"next\" href=\"index_\(number + 1).html\">下一页</a>" : ""
        let previous = number == 0 ? "" : "<a href=\"\(number == 1 ? "index.html" : "index_\(number - 1).html")\">上一页</a>"
        return """
        <!DOCTYPE html>
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
        <title>信息公开_江临市人民政府</title></head>
        <body>
        \(Self.header)
        <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/gov/xxgk/index.html">信息公开</a></div>
        <div class="main"><div class="column-title">通知公告</div>
        <ul class="list">
        \(items)</ul>
        <div class="page">共\(pages)页 \(previous) \(next)</div></div>
        \(Self.footer)
        </body></html>
        """
    }

    /// The article at `path`, or nil when there is none (not published yet, or unknown).
    func article(_ path: String, at now: Date) -> String? {
        guard let row = rows(at: now).first(where: { $0.path == path }) else { return nil }
        let related = rows(at: now).filter { $0.path != path }.prefix(4).map {
            "<li><a href=\"\($0.path)\">\(escapeHTML($0.title))</a></li>"
        }.joined()
        return """
        <!DOCTYPE html>
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
        <title>\(escapeHTML(row.title))_江临市人民政府</title>
        <meta name="ArticleTitle" content="\(escapeHTML(row.title))">
        <meta name="PubDate" content="\(minuteText(row.published))">
        <meta name="ContentSource" content="\(escapeHTML(row.office))">
        </head>
        <body>
        \(Self.header)
        <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/gov/xxgk/index.html">信息公开</a> &gt; 正文</div>
        <div class="article">
        <h1>\(escapeHTML(row.title))</h1>
        <div class="info">发布时间：\(minuteText(row.published))　来源：\(escapeHTML(row.office))　字号：[大 中 小]</div>
        <div class="TRS_Editor">
        <p>\(escapeHTML(row.text))</p>
        <p>各有关单位要高度重视，认真组织实施，确保各项工作落到实处。执行中遇到的问题，请及时向\(escapeHTML(row.office))反映。</p>
        <p>联系电话：0000-12345678。</p>
        </div>
        <div class="editor">（责任编辑：王小明）</div>
        </div>
        <div class="related"><h3>相关链接</h3><ul>\(related)</ul></div>
        \(Self.footer)
        </body></html>
        """
    }

    private static let header = """
        <div class="top"><a href="/">江临市人民政府</a> | <a href="#">无障碍</a> | <a href="#">English</a></div>
        <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/gov/xxgk/index.html">信息公开</a></li>
        <li><a href="#">政务服务</a></li><li><a href="#">互动交流</a></li><li><a href="#">走进江临</a></li></ul></div>
        """

    private static let footer = """
        <div class="footer"><p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a></p>
        <p>主办：江临市人民政府办公室　版权所有　ICP备00000000号</p><p>网站标识码 0000000000　公安备案号 00000000000000</p></div>
        """
}

/// `2026-11-20` in Beijing time.
func dayText(_ date: Date) -> String {
    LocalTime().day(date)
}

/// `2026-11-20 09:30` in Beijing time.
func minuteText(_ date: Date) -> String {
    LocalTime().format(date)
}

/// `text` with the characters that are special in HTML escaped.
func escapeHTML(_ text: String) -> String {
    MarkupEscaping.html(text)
}
