import Foundation
import Testing
import YuqingCore

@Suite("Alert rendering")
struct AlertRendererTests {
    static let found = Date(timeIntervalSince1970: 1_795_399_200)  // 2026-11-23 10:00 Shanghai

    static func facts(title: String, summary: String, highlights: [Highlight] = [], url: String? = "https://news.example.cn/a/1.html",
                      kind: AlertKind = .new) -> AlertFacts {
        AlertFacts(
            kind: kind, ruleName: "化工异味", group: "环保", severity: .high, raisedAt: found,
            item: AlertFacts.Item(
                id: 7, title: title, summary: summary, url: url.flatMap(URL.init(string:)), sourceName: "江临日报",
                channel: .news, published: found.addingTimeInterval(-1_800), found: found, highlights: highlights,
                sentiment: Sentiment(label: .negative, score: -0.6)),
            story: AlertFacts.StorySize(items: 5, sites: 3), newItems: kind == .update ? 4 : nil)
    }

    @Test("subject, times in the configured zone, sentiment and story size are in the alert")
    func content() {
        let rendered = AlertRenderer(timeZone: "Asia/Shanghai").render(Self.facts(title: "江临化工厂夜间异味扰民", summary: "居民反映"))
        #expect(rendered.subject == "【舆情预警·重大】化工异味 — 江临化工厂夜间异味扰民")
        #expect(rendered.text.contains("发现时间：2026-11-23 10:00"))
        #expect(rendered.text.contains("发布时间：2026-11-23 09:30"))
        #expect(rendered.text.contains("来源：江临日报（新闻网站）"))
        #expect(rendered.text.contains("情感倾向：负面（-0.60）"))
        #expect(rendered.text.contains("事态规模：5 条信息，3 个网站"))
        #expect(rendered.fields["item_id"] == "7")
        let utc = AlertRenderer(timeZone: "UTC").render(Self.facts(title: "t", summary: ""))
        #expect(utc.text.contains("发现时间：2026-11-23 02:00"))
        let update = AlertRenderer().render(Self.facts(title: "江临化工厂", summary: "", kind: .update))
        #expect(update.subject == "【舆情预警·更新·重大】化工异味 — 江临化工厂（新增 4 条）")
    }

    @Test("matched terms are highlighted in the snippet at their UTF-16 offsets, in every format")
    func highlights() {
        let summary = "😀 居民称化工厂<夜间>排放异味"
        let highlights = [
            Highlight(term: "化工厂", field: .body, text: "化工厂", offset: 6, length: 3),
            Highlight(term: "异味", field: .body, text: "异味", offset: 15, length: 2),
        ]
        let rendered = AlertRenderer().render(Self.facts(title: "标题", summary: summary, highlights: highlights))
        #expect(rendered.text.contains("命中内容：😀 居民称【化工厂】<夜间>排放【异味】"))
        #expect(rendered.html.contains("<mark><b>化工厂</b></mark>&lt;夜间&gt;排放<mark><b>异味</b></mark>"))
        #expect(rendered.markdown.contains("**化工厂**＜夜间＞排放**异味**"))
    }

    @Test("a hostile title and summary arrive inert in HTML and Markdown; a javascript: link is dropped")
    func escaping() {
        let title = "<script>alert(1)</script>**[点我](javascript:alert(1))**"
        let rendered = AlertRenderer().render(Self.facts(
            title: title, summary: "<img src=x onerror=alert(1)> [x](http://evil.example/)", url: "javascript:alert(1)"))
        #expect(!rendered.html.contains("<script"))
        #expect(!rendered.html.contains("<img"))
        #expect(rendered.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!rendered.html.contains("javascript:alert(1)\""))
        #expect(!rendered.html.contains("href=\"javascript"))
        #expect(rendered.link == nil)
        // No Markdown link or bold survives from crawled text: every bracket, paren and star is escaped.
        #expect(!rendered.markdown.contains("](javascript"))
        #expect(!rendered.markdown.contains("](http://evil"))
        #expect(rendered.markdown.contains("\\*\\*\\[点我\\]\\(javascript\\:alert\\(1\\)\\)\\*\\*"))
        #expect(!rendered.markdown.contains("<script"))
        // The subject and chat title stay one line.
        let newline = AlertRenderer().render(Self.facts(title: "第一行\nBcc: x@example.com", summary: ""))
        #expect(!newline.subject.contains("\n"))
        #expect(!newline.title.contains("\n"))
    }

    @Test("a long summary is cut to a window around the first highlight without splitting characters")
    func snippetWindow() {
        let prefix = String(repeating: "前", count: 300)
        let summary = prefix + "化工厂" + String(repeating: "后", count: 300)
        let rendered = AlertRenderer().render(Self.facts(
            title: "t", summary: summary, highlights: [Highlight(term: "化工厂", field: .body, text: "化工厂", offset: 300, length: 3)]))
        let line = rendered.text.split(separator: "\n").first { $0.hasPrefix("命中内容") }.map(String.init) ?? ""
        #expect(line.contains("【化工厂】"))
        #expect(line.hasPrefix("命中内容：…"))
        #expect(line.hasSuffix("…"))
        #expect(line.count < 200)
    }

    @Test("messages built from one rendering carry the stable ids")
    func messages() throws {
        let rendered = AlertRenderer().render(Self.facts(title: "标题", summary: ""))
        let from = try #require(MailAddress(parsing: "舆情监测 <yuqing@example.gov.cn>"))
        let id = RenderedAlert.messageID(alertID: 42, delivery: 3, domain: from.domain)
        #expect(id == "alert-42.3@example.gov.cn")
        #expect(RenderedAlert.messageID(alertID: 42, delivery: 3, domain: nil) == "alert-42.3@yuqing.local")
        let mail = rendered.mailMessage(alertID: 42, from: from, to: [from], messageID: id, date: Self.found)
        #expect(mail.messageID == id)
        #expect(mail.html == rendered.html)
        let hook = rendered.webhookMessage(alertID: 42, date: Self.found)
        #expect(hook.id == "alert-42")
        #expect(hook.kind == "alert")
        #expect(hook.severity == .high)
        #expect(hook.fields["alert_id"] == "42")
    }

    @Test("a morning summary lists every held alert")
    func summary() {
        let held = (1 ... 3).map { n in
            AlertFacts.HeldLine(ruleName: "规则\(n)", severity: .low, title: "标题<\(n)>", link: URL(string: "https://a.example.cn/\(n)"),
                                raisedAt: Self.found)
        }
        let rendered = AlertRenderer().render(AlertFacts(kind: .summary, ruleName: "", group: "", severity: .low,
                                                         raisedAt: Self.found, held: held))
        #expect(rendered.subject == "【舆情预警·夜间汇总】3 条预警待阅")
        #expect(rendered.text.contains("3. [一般] 规则3 — 标题<3>"))
        #expect(rendered.html.contains("标题&lt;2&gt;"))
    }
}
