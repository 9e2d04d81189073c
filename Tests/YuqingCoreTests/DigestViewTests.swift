import Foundation
import Testing
import YuqingCore

/// What the report prints: 环比, titles, empty sections, links, CSV safety.
@Suite struct DigestViewTests {
    let zone = TimeZone(identifier: "Asia/Shanghai")!

    @Test func changeAgainstThePreviousPeriod() {
        let period = ReportPeriod(kind: .week, containing: Date(timeIntervalSince1970: 1_795_000_000), in: zone)
        let data = DigestData(period: period, generatedAt: period.end, overview: .init(
            total: 150, previousTotal: 120,
            channels: [.init(label: "news", count: 100, previous: 100), .init(label: "forum", count: 50, previous: 0),
                       .init(label: "weibo", count: 0, previous: 20)]))
        let view = DigestView(data, settings: ReportSettings(title: "江临市委网信办"), language: .zhCN)
        #expect(view.totalChange == "+25.0%")
        #expect(view.channels.map(\.label) == ["新闻网站", "论坛", "微博"])
        #expect(view.channels.map(\.change) == ["持平", "新增", "-100.0%"])
        #expect(view.channels.map(\.bar) == [100, 50, 0])
        #expect(view.subject.hasPrefix("江临市委网信办 舆情周报 2026年第"))
        #expect(view.alertsUnavailable && view.stories.isEmpty && !view.hasHotTerms)
        let english = DigestView(data, settings: ReportSettings(), language: .en)
        #expect(english.subject.hasPrefix("Weekly sentiment report Week "))
        #expect(english.channels.map(\.change) == ["±0%", "new", "-100.0%"])
    }

    @Test func onlyWebLinksBecomeLinks() {
        let period = ReportPeriod(kind: .day, containing: Date(timeIntervalSince1970: 1_795_000_000), in: zone)
        let data = DigestData(period: period, generatedAt: period.end, flagged: [.init(group: "g", severity: .high, count: 3, items: [
            .init(title: "a", url: URL(string: "javascript:alert(1)"), source: "s", seenAt: period.start, rule: "r"),
            .init(title: "b", url: URL(string: "https://news.example.cn/1.html"), source: "s", seenAt: period.start, rule: "r"),
        ])])
        let view = DigestView(data, settings: ReportSettings(logoURL: "javascript:x"), language: .zhCN)
        #expect(view.flagged[0].items.map(\.url) == [nil, "https://news.example.cn/1.html"])
        #expect(view.flagged[0].more == "另有 1 条未列出")
        #expect(view.logoURL == nil)
    }

    @Test func csvQuotesAndDefusesFormulas() {
        #expect(DigestCSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(DigestCSV.field("a,b") == "\"a,b\"")
        #expect(DigestCSV.field("-12") == "-12")
        #expect(DigestCSV.field("江临") == "江临")
    }
}
