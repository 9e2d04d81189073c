import Foundation
import Testing
import YuqingCore
import YuqingStore

@Suite("Alert outbox")
struct AlertOutboxTests {
    static let rules = CompiledRuleSet(RuleSet(rules: [
        WatchRule(name: "化工异味", group: "环保", severity: .medium, notify: ["值班室"],
                  expression: try! RuleExpressionParser.parse("化工厂 AND 异味")),
        WatchRule(name: "集资", group: "涉众金融", severity: .high, notify: [], expression: try! RuleExpressionParser.parse("非法集资")),
    ]))

    static let duty = Recipient(name: "值班室", emails: [MailAddress("duty@example.gov.cn")], webhooks: ["值班群"])
    static let press = Recipient(name: "宣传部", emails: [MailAddress("press@example.gov.cn")])

    static func plan(_ settings: AlertSettings = AlertSettings(defaultRecipients: ["宣传部"]),
                     storyKey: @escaping @Sendable (StoredItem) -> String = { "item:\($0.id)" }) -> AlertPlan {
        AlertPlan(policy: AlertPolicy(settings: settings), routing: AlertRouting(recipients: [duty, press],
                  defaultRecipients: settings.defaultRecipients),
                  renderer: AlertRenderer(), messageDomain: "example.gov.cn", storyKey: storyKey)
    }

    static func results(_ items: [StoredItem]) -> [(item: StoredItem, matches: [RuleMatch])] {
        items.map { ($0, rules.evaluate(MatchableItem(title: $0.title, body: $0.summary))) }
    }

    static func withAlertStore(_ body: (Store) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store(path: directory.appending(path: "y.sqlite").path)
            try await store.syncSources([Fixtures.news, Fixtures.forum], at: Fixtures.t0)
            try await body(store)
        }
    }

    @Test("every new match gets its alert in the same write, one delivery per target with a fixed Message-ID")
    func matchAndAlertTogether() async throws {
        try await Self.withAlertStore { store in
            let saved = try await store.save([
                FeedEntry(title: "化工厂夜间异味扰民", guid: "1"),
                FeedEntry(title: "某公司涉嫌非法集资", guid: "2"),
                FeedEntry(title: "供暖通知", guid: "3"),
            ], from: "gov-news", at: Fixtures.t0)
            let recorded = try await store.recordRuleResults(Self.results(saved.inserted), ruleSetVersion: "v1",
                                                              at: Fixtures.t(1), alerts: Self.plan())
            #expect(recorded.count == 2)
            let alerts = try store.recentAlerts()
            #expect(Set(alerts.map(\.ruleName)) == Set(recorded.map(\.ruleName)))
            let chem = try #require(alerts.first { $0.ruleName == "化工异味" })
            #expect(chem.kind == .new)
            #expect(chem.title == "化工厂夜间异味扰民")
            #expect(chem.deliveries.map(\.target) == ["email:值班室", "webhook:值班群"])
            #expect(chem.deliveries.allSatisfy { $0.state == .pending && $0.attempts == 0 })
            #expect(chem.deliveries[0].messageID.hasPrefix("alert-\(chem.id)."))
            #expect(chem.deliveries[0].messageID.hasSuffix("@example.gov.cn"))
            #expect(chem.deliveries[1].messageID == "alert-\(chem.id)")
            // A rule without notify goes to the default recipients.
            let fund = try #require(alerts.first { $0.ruleName == "集资" })
            #expect(fund.deliveries.map(\.target) == ["email:宣传部"])
            #expect(try store.outboxDepth() == 3)

            // The same item matched again after an edit raises nothing new.
            let edited = try await store.save([FeedEntry(title: "化工厂夜间异味扰民（续）", guid: "1")], from: "gov-news", at: Fixtures.t(60))
            _ = try await store.recordRuleResults(Self.results(edited.updated), ruleSetVersion: "v1", at: Fixtures.t(61),
                                                  alerts: Self.plan())
            #expect(try store.recentAlerts().count == 2)
        }
    }

    @Test("items of one story make one alert, then one update after the cooldown once it has spread")
    func storyGrouping() async throws {
        try await Self.withAlertStore { store in
            let plan = Self.plan(AlertSettings(cooldown: .seconds(3_600), updateAfter: 3), storyKey: { _ in "story:1" })
            var time = 1.0
            func match(_ title: String, from source: String, guid: String) async throws {
                let saved = try await store.save([FeedEntry(title: title, guid: guid)], from: source, at: Fixtures.t(time))
                _ = try await store.recordRuleResults(Self.results(saved.inserted), ruleSetVersion: "v1", at: Fixtures.t(time), alerts: plan)
                time += 60
            }
            try await match("化工厂异味", from: "gov-news", guid: "1")
            try await match("化工厂异味又来了", from: "city-bbs", guid: "2")
            try await match("化工厂异味第三天", from: "city-bbs", guid: "3")
            #expect(try store.recentAlerts().map(\.kind) == [.new])
            time = 3_700
            try await match("化工厂异味调查", from: "gov-news", guid: "4")
            let alerts = try store.recentAlerts()
            #expect(alerts.map(\.kind) == [.update, .new])
            let update = try await store.dueDeliveries(now: Fixtures.t(4_000)).first { $0.alertID == alerts[0].id }
            #expect(update?.alert.subject.contains("新增 3 条") == true)
            #expect(update?.alert.text.contains("事态规模：4 条信息，2 个网站") == true)
            // Right after the update the cooldown starts again.
            time = 3_800
            try await match("化工厂异味再调查", from: "gov-news", guid: "5")
            #expect(try store.recentAlerts().count == 2)
        }
    }

    @Test("a delivery goes pending → retry (not due until its time) → sent; another pending → failed, listed with --failed")
    func deliveryStates() async throws {
        try await Self.withAlertStore { store in
            let saved = try await store.save([FeedEntry(title: "化工厂异味", guid: "1")], from: "gov-news", at: Fixtures.t0)
            _ = try await store.recordRuleResults(Self.results(saved.inserted), ruleSetVersion: "v1", at: Fixtures.t(1),
                                                  alerts: Self.plan())
            let due = try await store.dueDeliveries(now: Fixtures.t(1))
            #expect(due.count == 2)
            let email = try #require(due.first { $0.target == .email(recipient: "值班室") })
            let hook = try #require(due.first { $0.target == .webhook("值班群") })
            try await store.markDeliveryRetry(email.id, error: "connection refused", nextAttempt: Fixtures.t(31))
            #expect(try await store.dueDeliveries(now: Fixtures.t(30)).map(\.id) == [hook.id])
            #expect(try await store.nextOutboxWakeup() == Fixtures.t(1))
            try await store.markDeliveryFailed(hook.id, error: "HTTP 404 (permanent failure)")
            #expect(try await store.nextOutboxWakeup() == Fixtures.t(31))
            let retry = try #require(try await store.dueDeliveries(now: Fixtures.t(31)).first)
            #expect(retry.attempts == 1)
            #expect(retry.messageID == email.messageID)
            try await store.markDeliverySent(retry.id, at: Fixtures.t(32))
            // Marking twice changes nothing: a delivery leaves `pending` once.
            try await store.markDeliveryRetry(retry.id, error: "late", nextAttempt: Fixtures.t(99))
            #expect(try await store.dueDeliveries(now: Fixtures.t(10_000)).isEmpty)
            #expect(try await store.nextOutboxWakeup() == nil)

            let record = try #require(try store.recentAlerts(failedOnly: true).first)
            let states = Dictionary(uniqueKeysWithValues: record.deliveries.map { ($0.target, $0) })
            #expect(states["email:值班室"]?.state == .sent)
            #expect(states["email:值班室"]?.attempts == 2)
            #expect(states["email:值班室"]?.sentAt == Fixtures.t(32))
            #expect(states["webhook:值班群"]?.state == .failed)
            #expect(states["webhook:值班群"]?.lastError == "HTTP 404 (permanent failure)")
        }
    }

    @Test("low-severity alerts in quiet hours are held, then go out as one morning summary")
    func quietHoursSummary() async throws {
        try await Self.withAlertStore { store in
            // Fixtures.t0 is 2025-06-15 15:06:40 UTC; quiet hours in UTC from 15:00 to 16:00.
            let settings = AlertSettings(quietHours: QuietHours(start: 900, end: 960), quietHoldBelow: .high,
                                         defaultRecipients: ["宣传部"])
            let plan = AlertPlan(policy: AlertPolicy(settings: settings, timeZone: "UTC"),
                                 routing: AlertRouting(recipients: [Self.duty, Self.press], defaultRecipients: ["宣传部"]),
                                 renderer: AlertRenderer(timeZone: "UTC"), messageDomain: nil)
            let saved = try await store.save([
                FeedEntry(title: "化工厂异味", guid: "1"), FeedEntry(title: "化工厂又有异味", guid: "2"),
                FeedEntry(title: "非法集资案", guid: "3"),
            ], from: "gov-news", at: Fixtures.t0)
            _ = try await store.recordRuleResults(Self.results(saved.inserted), ruleSetVersion: "v1", at: Fixtures.t0, alerts: plan)
            let alerts = try store.recentAlerts()
            #expect(alerts.filter { $0.state == "held" }.count == 2)
            // High severity goes out at once.
            #expect(try await store.dueDeliveries(now: Fixtures.t0).map(\.target) == [.email(recipient: "宣传部")])
            let morning = Fixtures.t0.addingTimeInterval(3_200)  // 16:00 UTC
            #expect(try await store.nextOutboxWakeup() == Fixtures.t0)
            #expect(try await store.releaseHeldAlerts(now: morning.addingTimeInterval(-1), plan: plan).isEmpty)
            let summaries = try await store.releaseHeldAlerts(now: morning, plan: plan)
            #expect(summaries.count == 1)
            #expect(try await store.releaseHeldAlerts(now: morning, plan: plan).isEmpty)
            let summary = try #require(try await store.dueDeliveries(now: morning).first { $0.alertID == summaries[0] })
            #expect(summary.alert.kind == .summary)
            #expect(summary.alert.subject == "【舆情预警·夜间汇总】2 条预警待阅")
            #expect(summary.messageID.hasSuffix("@yuqing.local"))
            let after = try store.recentAlerts()
            #expect(after.filter { $0.state == "summarized" }.allSatisfy { $0.summaryID == summaries[0] })
            #expect(after.filter { $0.state == "summarized" }.count == 2)
        }
    }

    @Test("a fired volume rule becomes an alert")
    func volumeAlert() async throws {
        try await Self.withAlertStore { store in
            let volume = VolumeAlert(ruleName: "环保激增", group: "环保", severity: .medium, notify: ["值班室"],
                                     trigger: .count(20, window: .seconds(3_600)), count: 25, baselineAverage: nil, time: Fixtures.t0)
            let id = try await store.raiseVolumeAlert(volume, plan: Self.plan())
            let due = try await store.dueDeliveries(now: Fixtures.t0)
            #expect(due.map(\.alertID) == [id, id])
            #expect(due[0].alert.subject == "【舆情预警·较大】环保激增 — 「环保」最近 1h 内命中 25 条")
        }
    }

    @Test("retention keeps the item of an alert not yet delivered, and lets it go once it is")
    func retentionKeepsItemsOfUndeliveredAlerts() async throws {
        try await Self.withAlertStore { store in
            let saved = try await store.save([
                FeedEntry(title: "化工厂夜间异味扰民", guid: "1"),
                FeedEntry(title: "某公司涉嫌非法集资", guid: "2"),
                FeedEntry(title: "供暖通知", guid: "3"),
            ], from: "gov-news", at: Fixtures.t0)
            _ = try await store.recordRuleResults(Self.results(saved.inserted), ruleSetVersion: "v1", at: Fixtures.t(1),
                                                  alerts: Self.plan())
            let fund = try #require(try store.recentAlerts().first { $0.ruleName == "集资" })
            for delivery in try await store.dueDeliveries(now: Fixtures.t(1)) where delivery.alertID == fund.id {
                try await store.markDeliverySent(delivery.id, at: Fixtures.t(2))
            }
            // The unmatched item and the delivered alert's item go; the pending alert's stays.
            #expect(try store.pruneItems(before: Fixtures.t(3_600)) == 2)
            #expect(try store.itemCount() == 1)
            #expect(try store.recentAlerts().first { $0.ruleName == "化工异味" }?.deliveries.allSatisfy { $0.state == .pending } == true)

            for delivery in try await store.dueDeliveries(now: Fixtures.t(1)) {
                try await store.markDeliveryFailed(delivery.id, error: "HTTP 404 (permanent failure)")
            }
            #expect(try store.pruneItems(before: Fixtures.t(3_600)) == 1)
            #expect(try store.itemCount() == 0)
        }
    }
}
