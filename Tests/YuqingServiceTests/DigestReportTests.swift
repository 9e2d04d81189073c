import Foundation
import Testing
import YuqingCore
import YuqingService
import YuqingStore

/// A full weekly report from a store of fixture items: the numbers and sections a reader sees.
@Suite struct DigestReportTests {
    static let week = ReportPeriod(kind: .week, containing: DigestFixtures.local("2026-11-18 12:00"), in: DigestFixtures.zone)

    func build(_ store: Store, groups: [String] = [], regions: [String] = []) throws -> DigestData {
        try DigestBuilder(store: store, sources: DigestFixtures.sources, timeZone: DigestFixtures.zone)
            .build(period: Self.week, groups: groups, regions: regions, now: DigestFixtures.local("2026-11-23 08:00"))
    }

    @Test func sectionsAndNumbers() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            try await DigestFixtures.fill(store)
            let data = try build(store)
            #expect(data.overview.total == 6)
            #expect(data.overview.previousTotal == 4)
            #expect(data.overview.sourcesCovered == 3)
            #expect(data.overview.sourcesConfigured == 4)
            #expect(data.trend.map(\.items) == [3, 0, 2, 0, 0, 0, 1])
            #expect(data.flagged.map(\.group) == ["安全生产"])
            #expect(data.flagged.first?.items.first?.title == DigestFixtures.scriptTitle)
            #expect(data.health.monitored == 4 && data.health.reachable == 3)
            #expect(data.health.failing.map(\.name) == ["西岭区政府网"])

            let composer = DigestComposer(renderer: try DigestRenderer(directory: nil), settings: ReportSettings(title: "江临市委网信办"))
            let digest = composer.compose(data)
            #expect(digest.subject == "江临市委网信办 舆情周报 2026年第47周（11月16日—11月22日）")
            let view = DigestView(data, settings: composer.settings, language: .zhCN)
            #expect(view.totalChange == "+50.0%")
            #expect(view.channels.map { "\($0.label) \($0.count) \($0.change)" } == ["新闻网站 3 +50.0%", "论坛 2 持平", "微博 1 新增"])
            #expect(view.regions.map { "\($0.label) \($0.count)" } == ["江临市 4", "东川区 2"])
            for section in ["一、概述", "二、舆情走势", "三、热点事件", "四、负面与敏感信息", "五、预警情况", "六、热词", "七、站点监测"] {
                #expect(digest.html.contains(section))
                #expect(digest.text.contains(section))
            }
            // Sections without data yet say so plainly.
            #expect(digest.text.contains("本期无热点事件。"))
            #expect(digest.text.contains("本期无预警。"))
            #expect(digest.text.contains("监测站点 4 个，其中 3 个可访问"))
            #expect(digest.text.contains("西岭区政府网：1 次连续失败: connection refused"))
            #expect(digest.text.contains("【安全生产 · 重大】1"))
            #expect(digest.html.contains("https://city-forum.example.cn/2026-11-18/0.html"))
        }
    }

    @Test func storiesSentimentAndAlerts() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            try await DigestFixtures.fill(store, analysis: true)
            let data = try build(store)
            #expect(data.overview.total == 8)
            #expect(data.sentimentAvailable)
            #expect(data.trend.map(\.items) == [3, 0, 4, 0, 0, 0, 1])
            #expect(data.trend.map(\.negative) == [1, 0, 3, 0, 0, 0, 0])

            // 热点事件: the leak post, taken up by two more sites within six hours.
            #expect(data.stories.count == 1)
            let story = try #require(data.stories.first)
            #expect(story.title == DigestFixtures.scriptTitle)
            #expect(story.url?.absoluteString == "https://city-forum.example.cn/2026-11-18/0.html")
            #expect(story.firstSource == "江临论坛")
            #expect(story.firstSeen == DigestFixtures.local("2026-11-18 14:00"))
            #expect(story.items == 3 && story.sites == 3 && story.totalItems == 3 && story.totalSites == 3)
            #expect(story.sentiment == .negative)
            #expect(story.groups == ["安全生产"])

            // Negative items no rule flagged come after the rule groups, most negative first.
            #expect(data.flagged.map(\.group) == ["安全生产", "负面信息"])
            let negative = try #require(data.flagged.last)
            #expect(negative.count == 3)
            #expect(negative.items.map(\.title) == ["转发：江临化工厂泄漏", "东川区小区物业纠纷", "江临市暴雨预警"])

            let alerts = try #require(data.alerts)
            #expect(alerts.total == 1 && alerts.failed == 1)
            #expect(alerts.byGroup.map { "\($0.label) \($0.count)" } == ["安全生产 1"])
            #expect(alerts.medianDelay == .seconds(30 * 60) && alerts.maxDelay == .seconds(30 * 60))

            let composer = DigestComposer(renderer: try DigestRenderer(directory: nil), settings: ReportSettings())
            let digest = composer.compose(data)
            let view = DigestView(data, settings: composer.settings, language: .zhCN)
            #expect(view.days.map(\.negative) == ["1", "0", "3", "0", "0", "0", "0"])
            #expect(view.days[2].hasNegative && !view.days[1].hasNegative)
            #expect(view.stories.first?.spread == "江临论坛首发，6 小时内被 3 个站点转载，共 3 条")
            #expect(view.alerts?.bySeverity.map { "\($0.label) \($0.count)" } == ["重大 1"])
            #expect(digest.text.contains("江临论坛首发，6 小时内被 3 个站点转载，共 3 条"))
            #expect(digest.text.contains("倾向 负面，命中规则组 安全生产"))
            #expect(digest.text.contains("【负面信息 · "))
            #expect(digest.text.contains("转发：江临化工厂泄漏（江临发布 "))
            #expect(digest.text.contains("预警数：1，预警发出中位时长 30m（最长 30m），发送失败 1"))
            #expect(digest.text.contains("重大：1"))
            #expect(!digest.text.contains("本期无热点事件。") && !digest.text.contains("本期无预警"))
            #expect(digest.html.contains("发送失败：1") && digest.text.contains("发送失败 1"))
            // The hostile title is escaped in the story list as in the item list: never live markup.
            #expect(!digest.html.contains("<script"))
            let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;{{x}} 江临化工厂泄漏"
            #expect(digest.html.components(separatedBy: escaped).count - 1 == 2)

            // A digest of other rule groups shows neither this story nor its alert.
            let other = try build(store, groups: ["教育"])
            #expect(other.stories.isEmpty && other.flagged.isEmpty)
            #expect(other.alerts == DigestData.Alerts())
        }
    }

    @Test func crawledTextIsEscapedInHTML() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            try await DigestFixtures.fill(store)
            let digest = DigestComposer(renderer: try DigestRenderer(directory: nil), settings: ReportSettings())
                .compose(try build(store))
            #expect(!digest.html.contains("<script"))
            #expect(digest.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;{{x}} 江临化工厂泄漏"))
            // The plain-text part carries the title as written.
            #expect(digest.text.contains(DigestFixtures.scriptTitle))
        }
    }

    @Test func regionFilterAndEnglish() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            try await DigestFixtures.fill(store)
            let data = try build(store, groups: ["教育"], regions: ["江临市"])
            #expect(data.overview.total == 4)
            #expect(data.overview.previousTotal == 2)
            #expect(data.flagged.isEmpty)
            let digest = DigestComposer(renderer: try DigestRenderer(directory: nil), settings: ReportSettings(language: .en))
                .compose(data)
            #expect(digest.subject == "Weekly sentiment report Week 47, 2026 (Nov 16 – Nov 22)")
            #expect(digest.text.contains("No negative or sensitive items in this period."))
        }
    }

    @Test func officeTemplatesOverrideTheBuiltInOnes() async throws {
        try await withTemporaryDirectory { directory in
            let templates = directory.appending(path: "templates")
            try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
            try Data("<h1>{{office}}</h1>{{#flagged}}{{#items}}<p>{{title}}</p>{{/items}}{{/flagged}}".utf8)
                .write(to: templates.appending(path: DigestRenderer.htmlName))
            let renderer = try DigestRenderer(directory: templates)
            #expect(renderer.origins[DigestRenderer.htmlName] == templates.appending(path: DigestRenderer.htmlName).path)
            #expect(renderer.origins[DigestRenderer.textName]?.hasSuffix("Templates/digest.txt.mustache") == true)
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            try await DigestFixtures.fill(store)
            let digest = DigestComposer(renderer: renderer, settings: ReportSettings(title: "江临市委网信办")).compose(try build(store))
            #expect(digest.html == "<h1>江临市委网信办</h1><p>&lt;script&gt;alert(1)&lt;/script&gt;{{x}} 江临化工厂泄漏</p>")

            try Data("{{#flagged}}".utf8).write(to: templates.appending(path: DigestRenderer.htmlName))
            #expect(throws: DigestError.self) { try DigestRenderer(directory: templates) }
        }
    }
}
