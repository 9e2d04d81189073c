import Foundation
import ServiceLifecycle
import Synchronization
import Testing
import YuqingCore
import YuqingService
import YuqingStore

/// A recording fake of our own `MailTransport` / `WebhookTransport` protocols: the alert service
/// is a state machine over them (the real SMTP and webhook clients are tested in YuqingNotify).
final class RecordingTransport: MailTransport, WebhookTransport {
    enum Mode: Sendable {
        case up
        case down(permanent: Bool)
        /// Accept, record, then wait until `release()` (a send in flight).
        case gated
    }

    private struct State {
        var mailMode = Mode.up
        var hookMode = Mode.up
        var mails: [MailMessage] = []
        var posts: [(WebhookMessage, String)] = []
        var mailAttempts = 0
        var gate: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func setMail(_ mode: Mode) { state.withLock { $0.mailMode = mode } }
    func setHook(_ mode: Mode) { state.withLock { $0.hookMode = mode } }
    var mails: [MailMessage] { state.withLock { $0.mails } }
    var posts: [(WebhookMessage, String)] { state.withLock { $0.posts } }
    var mailAttempts: Int { state.withLock { $0.mailAttempts } }
    var isGated: Bool { state.withLock { $0.gate != nil } }
    func release() { state.withLock { state in defer { state.gate = nil }; return state.gate }?.resume() }

    func send(_ message: MailMessage) async throws(DeliveryFailure) {
        let mode = state.withLock { state -> Mode in
            state.mailAttempts += 1
            return state.mailMode
        }
        switch mode {
        case .up:
            state.withLock { $0.mails.append(message) }
        case let .down(permanent):
            throw DeliveryFailure(reason: "smtp://127.0.0.1:2525: connection refused", isPermanent: permanent, code: permanent ? 550 : nil)
        case .gated:
            state.withLock { $0.mails.append(message) }
            await withCheckedContinuation { continuation in state.withLock { $0.gate = continuation } }
        }
    }

    func post(_ message: WebhookMessage, to webhook: String) async throws(DeliveryFailure) {
        switch state.withLock({ $0.hookMode }) {
        case .up, .gated:
            state.withLock { $0.posts.append((message, webhook)) }
        case let .down(permanent):
            throw DeliveryFailure(reason: "webhook \(webhook): HTTP 404", isPermanent: permanent, code: 404)
        }
    }
}

@Suite("Alert service")
struct AlertServiceTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_399_200)
    static let from = MailAddress("yuqing@example.gov.cn", displayName: "舆情监测")
    static let duty = Recipient(name: "值班室", emails: [MailAddress("duty@example.gov.cn")], webhooks: ["值班群"])
    static let rules = CompiledRuleSet(RuleSet(rules: [
        WatchRule(name: "化工异味", group: "环保", severity: .high, notify: ["值班室"],
                  expression: try! RuleExpressionParser.parse("化工厂 AND 异味")),
    ]))

    static func plan(_ settings: AlertSettings = AlertSettings()) -> AlertPlan {
        AlertPlan(policy: AlertPolicy(settings: settings), routing: AlertRouting(recipients: [duty], defaultRecipients: []),
                  renderer: AlertRenderer(), messageDomain: from.domain)
    }

    /// A store at `path` holding one alert (to 值班室: an email and a webhook delivery) raised at `t0`.
    static func storeWithAlert(at path: String, titles: [String] = ["化工厂夜间异味扰民"]) async throws -> Store {
        let store = try Store(path: path)
        let source = feedSource("gov-news", URL(string: "https://news.example.cn/rss")!)
        try await store.syncSources([source], at: t0)
        let saved = try await store.save(titles.enumerated().map { FeedEntry(title: $1, guid: "\($0)") }, from: "gov-news", at: t0)
        let results = saved.inserted.map { ($0, rules.evaluate(MatchableItem(title: $0.title, body: $0.summary))) }
        _ = try await store.recordRuleResults(results, ruleSetVersion: "v1", at: t0, alerts: plan())
        return store
    }

    static func service(_ store: Store, _ transport: RecordingTransport, clock: ManualClock, wakeup: AlertWakeup,
                        settings: AlertSettings = AlertSettings()) -> AlertService {
        AlertService(store: store, plan: plan(settings), mail: transport, webhooks: transport, from: from, wakeup: wakeup,
                     logger: quietLogger, now: { clock.now }, maximumNap: .milliseconds(20), seed: 7)
    }

    /// Polls `condition` every 10 ms for up to 20 s (the machine may be busy building).
    static func eventually(_ condition: () throws -> Bool) async throws -> Bool {
        for _ in 0 ..< 2_000 {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return try condition()
    }

    static func delivery(_ store: Store, _ target: String) throws -> AlertRecord.Delivery? {
        try store.recentAlerts().first?.deliveries.first { $0.target == target }
    }

    /// Moves the clock to the outbox's next due time, wakes the service and waits until it has
    /// recorded one more attempt of `target`; returns the delivery then.
    static func stepToNextAttempt(_ store: Store, _ target: String, clock: ManualClock, wakeup: AlertWakeup) async throws
        -> AlertRecord.Delivery? {
        let before = try delivery(store, target)?.attempts ?? 0
        guard let next = try await store.nextOutboxWakeup() else { return try delivery(store, target) }
        clock.advance(by: max(0, next.timeIntervalSince(clock.now)))
        wakeup.ring()
        #expect(try await eventually { (try delivery(store, target)?.attempts ?? 0) > before })
        return try delivery(store, target)
    }

    @Test("an hour-long SMTP outage delays the email, the webhook goes at once, and each arrives exactly once")
    func outageThenRecovery() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await Self.storeWithAlert(at: directory.appending(path: "y.sqlite").path)
            let transport = RecordingTransport()
            transport.setMail(.down(permanent: false))
            let clock = ManualClock(Self.t0)
            let wakeup = AlertWakeup()
            let service = Self.service(store, transport, clock: clock, wakeup: wakeup)
            let task = Task { try await service.run() }
            defer { task.cancel() }

            #expect(try await Self.eventually { try transport.posts.count == 1 && (Self.delivery(store, "email:值班室")?.attempts ?? 0) >= 1 })
            // Retry after retry for an hour: 30 s, 1 m, 2 m, … up to 30 m apart.
            while clock.now < Self.t0.addingTimeInterval(3_600) {
                _ = try await Self.stepToNextAttempt(store, "email:值班室", clock: clock, wakeup: wakeup)
            }
            let during = try #require(try Self.delivery(store, "email:值班室"))
            #expect(during.state == .pending)
            #expect(during.attempts >= 4)
            #expect(during.lastError?.contains("connection refused") == true)
            #expect(transport.mails.isEmpty)

            transport.setMail(.up)
            let sent = try await Self.stepToNextAttempt(store, "email:值班室", clock: clock, wakeup: wakeup)
            #expect(sent?.state == .sent)
            clock.advance(by: 86_400)
            wakeup.ring()
            try await Task.sleep(for: .milliseconds(100))
            #expect(transport.mails.count == 1)
            #expect(transport.posts.count == 1)
            let mail = try #require(transport.mails.first)
            #expect(mail.subject == "【舆情预警·重大】化工异味 — 化工厂夜间异味扰民")
            #expect(mail.to == [MailAddress("duty@example.gov.cn")])
            #expect(try mail.messageID == Self.delivery(store, "email:值班室")?.messageID)
            #expect(transport.posts.first?.0.id.hasPrefix("alert-") == true)
            #expect(try store.outboxDepth() == 0)
        }
    }

    @Test("a permanent failure is marked failed at once and listed; a transient one gives up after give_up_after")
    func failures() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await Self.storeWithAlert(at: directory.appending(path: "y.sqlite").path)
            let transport = RecordingTransport()
            transport.setHook(.down(permanent: true))
            transport.setMail(.down(permanent: false))
            let clock = ManualClock(Self.t0)
            let wakeup = AlertWakeup()
            let service = Self.service(store, transport, clock: clock, wakeup: wakeup,
                                       settings: AlertSettings(giveUpAfter: .seconds(3_600)))
            let task = Task { try await service.run() }
            defer { task.cancel() }

            #expect(try await Self.eventually { try Self.delivery(store, "webhook:值班群")?.state == .failed })
            let hook = try #require(try Self.delivery(store, "webhook:值班群"))
            #expect(hook.attempts == 1)
            #expect(hook.lastError?.contains("HTTP 404") == true)
            #expect(try Self.delivery(store, "email:值班室")?.state == .pending)
            #expect(try store.recentAlerts(failedOnly: true).count == 1)

            var email = try Self.delivery(store, "email:值班室")
            for _ in 0 ..< 20 where email?.state == .pending {
                email = try await Self.stepToNextAttempt(store, "email:值班室", clock: clock, wakeup: wakeup)
            }
            #expect(email?.state == .failed)
            // The last attempt fell on the deadline, an hour after the alert was raised.
            #expect(clock.now == Self.t0.addingTimeInterval(3_600))
            #expect(try Self.delivery(store, "email:值班室")?.lastError?.contains("still failing after 1h") == true)
            #expect(transport.mails.isEmpty)
        }
    }

    @Test("after a crash mid-send, a new service over the same file re-sends with the same Message-ID")
    func restartResumesWithSameMessageID() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appending(path: "y.sqlite").path
            let first = try await Self.storeWithAlert(at: path)
            let transport = RecordingTransport()
            transport.setMail(.gated)
            let clock = ManualClock(Self.t0)
            let service = Self.service(first, transport, clock: clock, wakeup: AlertWakeup())
            let task = Task { try await service.run() }
            // The server accepted the message; the "crash" comes before the outbox records it.
            #expect(try await Self.eventually { transport.isGated })
            task.cancel()
            try first.close()
            let firstID = try #require(transport.mails.first?.messageID)

            let second = try Store(path: path)
            #expect(try Self.delivery(second, "email:值班室")?.state == .pending)
            let resend = RecordingTransport()
            let restarted = Self.service(second, resend, clock: clock, wakeup: AlertWakeup())
            let again = Task { try await restarted.run() }
            defer { again.cancel() }
            #expect(try await Self.eventually { try Self.delivery(second, "email:值班室")?.state == .sent })
            #expect(resend.mails.map(\.messageID) == [firstID])
            #expect(resend.mails.first?.date == Self.t0)
            transport.release()
        }
    }

    @Test("on graceful shutdown the send in flight finishes and is recorded; nothing new is taken")
    func gracefulShutdown() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await Self.storeWithAlert(at: directory.appending(path: "y.sqlite").path)
            let transport = RecordingTransport()
            transport.setMail(.gated)
            let clock = ManualClock(Self.t0)
            let service = Self.service(store, transport, clock: clock, wakeup: AlertWakeup())
            let group = ServiceGroup(configuration: .init(services: [service], logger: quietLogger))
            let running = Task { try await group.run() }
            #expect(try await Self.eventually { transport.isGated })
            await group.triggerGracefulShutdown()
            // Let the shutdown reach the service before the send returns.
            try await Task.sleep(for: .milliseconds(300))
            transport.release()
            try await running.value
            // The email (first by target order) was in flight and is recorded; the webhook was not started.
            #expect(try Self.delivery(store, "email:值班室")?.state == .sent)
            #expect(try Self.delivery(store, "webhook:值班群")?.state == .pending)
            #expect(transport.posts.isEmpty)
        }
    }

    @Test("ringing the wakeup (as the match pipeline does after a batch) gets a new alert out without waiting for the timer")
    func wakeupOnNewAlert() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await Self.storeWithAlert(at: directory.appending(path: "y.sqlite").path, titles: [])
            let transport = RecordingTransport()
            let clock = ManualClock(Self.t0)
            let wakeup = AlertWakeup()
            let service = AlertService(store: store, plan: Self.plan(), mail: transport, webhooks: transport, from: Self.from,
                                       wakeup: wakeup, logger: quietLogger, now: { clock.now }, maximumNap: .seconds(60))
            let task = Task { try await service.run() }
            defer { task.cancel() }
            try await Task.sleep(for: .milliseconds(100))
            let saved = try await store.save([FeedEntry(title: "化工厂异味", guid: "x")], from: "gov-news", at: Self.t0)
            let results = saved.inserted.map { ($0, Self.rules.evaluate(MatchableItem(title: $0.title, body: $0.summary))) }
            _ = try await store.recordRuleResults(results, ruleSetVersion: "v1", at: Self.t0, alerts: Self.plan())
            wakeup.ring()
            #expect(try await Self.eventually { transport.mails.count == 1 && transport.posts.count == 1 })
        }
    }
}

@Suite struct AlertsCommandLineTests {
    @Test("yuqing alerts lists alerts with each delivery's state and error; --failed keeps the failed ones")
    func listsAlertsAndDeliveries() async throws {
        try await withTemporaryDirectory { directory in
            try "sources:\n  - id: gov-news\n    url: https://news.example.cn/rss\n"
                .write(to: directory.appending(path: "Sources.yml"), atomically: true, encoding: .utf8)
            try "storage:\n  path: store/y.sqlite\n".write(to: directory.appending(path: "yuqing.yml"), atomically: true, encoding: .utf8)
            let store = try await AlertServiceTests.storeWithAlert(at: directory.appending(path: "store/y.sqlite").path)
            let due = try await store.dueDeliveries(now: AlertServiceTests.t0)
            let hook = try #require(due.first { $0.target == .webhook("值班群") })
            try await store.markDeliveryFailed(hook.id, error: "webhook 值班群: HTTP 404")
            try store.close()

            let all = try CommandLineTests.run(["alerts", "--config", directory.path])
            #expect(all.status == 0, "\(all.stderr)")
            #expect(all.stdout.contains("化工异味"))
            #expect(all.stdout.contains("重大"))
            #expect(all.stdout.contains("化工厂夜间异味扰民"))
            #expect(all.stdout.contains("email:值班室"))
            #expect(all.stdout.contains("pending 待发送"))
            #expect(all.stdout.contains("failed 失败"))
            #expect(all.stdout.contains("HTTP 404"))
            #expect(all.stdout.contains("待发送 (outbox): 1"))
            let failed = try CommandLineTests.run(["alerts", "list", "--failed", "--config", directory.path])
            #expect(failed.stdout.contains("webhook:值班群"))
        }
    }
}
