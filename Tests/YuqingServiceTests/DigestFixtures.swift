import Foundation
import Synchronization
import Testing
import YuqingCore
import YuqingService
import YuqingStore

/// A store filled with one week of fictional 江临市 items (2026-W47) and the week before.
enum DigestFixtures {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    /// Local wall time in Asia/Shanghai.
    static func local(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    static let scriptTitle = "<script>alert(1)</script>{{x}} 江临化工厂泄漏"

    static let sources = [
        Source(id: "gov-news", name: "江临市人民政府网", url: URL(string: "https://www.jiangling.example.gov.cn/feed")!,
               channel: .news, region: "江临市"),
        Source(id: "city-forum", name: "江临论坛", url: URL(string: "https://bbs.jiangling.example.cn/forum.php")!,
               channel: .forum, region: "东川区"),
        Source(id: "weibo-a", name: "江临发布", url: URL(string: "https://rss.jiangling.example.cn/weibo/1")!,
               channel: .weibo, region: "江临市"),
        Source(id: "dead-site", name: "西岭区政府网", url: URL(string: "https://www.xiling.example.gov.cn/rss")!,
               channel: .news, region: "西岭区"),
    ]

    /// The recipient alerts of the fixture go to: one email address and one webhook.
    static let duty = Recipient(name: "值班室", emails: [MailAddress("duty@jiangling.example.gov.cn")], webhooks: ["值班群"])

    /// Fills `store`: 6 items in W47 (3 news Monday, 2 forum Wednesday, 1 Weibo Sunday night),
    /// 4 in W46, two rule matches, and a source whose fetches fail.
    ///
    /// With `analysis`, also: the forum's leak post is taken up by 江临发布 (17:00) and the
    /// government site (20:00) the same Wednesday (one story over 3 sites, 8 items in W47),
    /// sentiments (negative: 暴雨预警 −0.3, the leak −0.8, 物业纠纷 −0.5, the Weibo copy −0.6), and
    /// the leak's alert (raised 14:01) went out by email at 14:30 while its webhook post failed.
    static func fill(_ store: Store, analysis: Bool = false) async throws {
        try await store.syncSources(sources, at: local("2026-10-01 00:00"))
        func save(_ source: String, _ titles: [String], _ at: String) async throws -> [StoredItem] {
            let entries = titles.enumerated().map { index, title in
                FeedEntry(title: title, link: URL(string: "https://\(source).example.cn/\(at.prefix(10))/\(index).html"),
                          summary: "\(title)。网民关注。")
            }
            return try await store.save(entries, from: source, at: local(at)).inserted
        }
        let monday = try await save("gov-news", ["江临市召开安全生产会议", "江临市暴雨预警", "江临地铁二号线开通"], "2026-11-16 10:00")
        let forum = try await save("city-forum", [scriptTitle, "东川区小区物业纠纷"], "2026-11-18 14:00")
        let sunday = try await save("weibo-a", ["江临发布：周末出行提示"], "2026-11-22 23:30")
        _ = try await save("gov-news", ["上周新闻一", "上周新闻二"], "2026-11-10 09:00")
        _ = try await save("city-forum", ["上周帖子一", "上周帖子二"], "2026-11-11 09:00")

        let leak = forum[0]
        let term = MatchedTerm(term: "泄漏", field: .title, range: leak.title.range(of: "泄漏")!, text: leak.title)
        let plan = analysis ? AlertPlan(
            policy: AlertPolicy(settings: AlertSettings()), routing: AlertRouting(recipients: [duty], defaultRecipients: []),
            renderer: AlertRenderer(), messageDomain: "jiangling.example.gov.cn") : nil
        _ = try await store.recordRuleResults([(leak, [RuleMatch(ruleName: "化工泄漏", group: "安全生产", severity: .high,
                                                                  notify: ["值班室"], terms: [term])])],
                                              ruleSetVersion: "v1", at: local("2026-11-18 14:01"), alerts: plan)
        if analysis {
            let weiboCopy = try await save("weibo-a", ["转发：江临化工厂泄漏"], "2026-11-18 17:00")[0]
            let govCopy = try await save("gov-news", ["江临化工厂泄漏情况通报"], "2026-11-18 20:00")[0]
            func mood(_ score: Double) -> Sentiment {
                Sentiment(label: score < 0 ? .negative : score > 0 ? .positive : .neutral, score: score)
            }
            let keys = try store.recordAnalysis([ItemAnalysis(itemID: leak.id, sentiment: mood(-0.8), story: .new(key: 0))],
                                                at: local("2026-11-18 14:00"))
            let story = try #require(keys[0])
            try store.recordAnalysis([ItemAnalysis(itemID: weiboCopy.id, sentiment: mood(-0.6), story: .existing(story))],
                                     at: local("2026-11-18 17:00"))
            try store.recordAnalysis([ItemAnalysis(itemID: govCopy.id, sentiment: mood(0), story: .existing(story))],
                                     at: local("2026-11-18 20:00"))
            try store.recordAnalysis([
                ItemAnalysis(itemID: monday[0].id, sentiment: mood(0.2), story: .unchanged),
                ItemAnalysis(itemID: monday[1].id, sentiment: mood(-0.3), story: .unchanged),
                ItemAnalysis(itemID: monday[2].id, sentiment: mood(0.6), story: .unchanged),
                ItemAnalysis(itemID: forum[1].id, sentiment: mood(-0.5), story: .unchanged),
                ItemAnalysis(itemID: sunday[0].id, sentiment: mood(0), story: .unchanged),
            ], at: local("2026-11-23 00:00"))
            let deliveries = try await store.dueDeliveries(now: local("2026-11-18 14:30"))
            for delivery in deliveries {
                switch delivery.target {
                case .email: try await store.markDeliverySent(delivery.id, at: local("2026-11-18 14:30"))
                case .webhook: try await store.markDeliveryFailed(delivery.id, error: "HTTP 404")
                }
            }
        }
        for source in ["gov-news", "city-forum", "weibo-a"] {
            try await store.recordFetch(FetchRecord(sourceID: source, startedAt: local("2026-11-23 07:00"), duration: .milliseconds(80),
                                                    status: 200, outcome: .ok))
        }
        try await store.recordFetch(FetchRecord(sourceID: "dead-site", startedAt: local("2026-11-23 07:00"), duration: .seconds(10),
                                                status: nil, outcome: .transportError, error: "connection refused"))
    }
}

/// A `MailTransport` that records what it is asked to send, and can be told to fail.
final class ScriptedMailer: MailTransport {
    private let state = Mutex<(sent: [MailMessage], failures: [DeliveryFailure])>(([], []))

    /// Messages accepted so far.
    var sent: [MailMessage] { state.withLock { $0.sent } }

    /// The next sends fail with these, in order.
    func fail(with failures: [DeliveryFailure]) { state.withLock { $0.failures = failures } }

    func send(_ message: MailMessage) async throws(DeliveryFailure) {
        let failure: DeliveryFailure? = state.withLock { state in
            if state.failures.isEmpty {
                state.sent.append(message)
                return nil
            }
            return state.failures.removeFirst()
        }
        if let failure { throw failure }
    }
}
