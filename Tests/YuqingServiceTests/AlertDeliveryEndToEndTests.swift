import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import Synchronization
import Testing
import YuqingTestSupport
import YuqingCore
import YuqingStore

/// The real `yuqing run` raising alerts from a feed and sending them to aiosmtpd and a loopback
/// JSON webhook: arrival by both channels, an escaped HTML title, one alert per story, and
/// kill -9 while alerts are being sent.
@Suite(.serialized, .enabled(if: LoopbackSMTPServer.available, "needs /usr/bin/python3 with aiosmtpd (run scripts/bootstrap)"))
struct AlertDeliveryEndToEndTests {
    /// What a JSON webhook receiver got: the `id` of each post, duplicates kept.
    final class WebhookLog: Sendable {
        let ids = Mutex<[String]>([])
        let titles = Mutex<[String]>([])
        let delay: Duration

        init(delay: Duration = .zero) { self.delay = delay }

        func router() -> Router<BasicRequestContext> {
            let router = Router()
            router.post("/hook") { [self] request, _ in
                let body = try await request.body.collect(upTo: 1 << 20)
                // Slow, like a gateway: a kill can land while the daemon waits for the answer.
                if delay > .zero { try await Task.sleep(for: delay) }
                let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
                ids.withLock { $0.append(json["id"] as? String ?? "") }
                titles.withLock { $0.append(json["title"] as? String ?? "") }
                return Response(status: .ok)
            }
            return router
        }
    }

    /// A feed of fixed items at `/feed/:name`: name → [(guid, title, summary)].
    static func feedRouter(_ feeds: [String: [(guid: String, title: String, summary: String)]]) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/feed/:name") { _, context in
            let name = context.parameters.get("name") ?? ""
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>\(name)</title>"
            for item in feeds[name] ?? [] {
                xml += "<item><title>\(xmlEscaped(item.title))</title><description>\(xmlEscaped(item.summary))</description>"
                    + "<link>http://127.0.0.1/\(name)/\(item.guid).html</link><guid>\(item.guid)</guid></item>"
            }
            xml += "</channel></rss>"
            return Response(status: .ok, headers: [.contentType: "application/rss+xml; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: xml)))
        }
        return router
    }

    static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Writes Sources.yml (every feed polled each second), yuqing.yml with `smtp:`, a JSON webhook
    /// and the recipient 值班室, and `rules` rules matching 排污 that notify 值班室.
    static func writeConfiguration(in directory: URL, feeds: [String], base: URL, smtpPort: Int, webhookBase: URL,
                                   rules: Int) throws {
        var sources = "sources:\n"
        for feed in feeds {
            sources += "  - id: \(feed)\n    url: \(base.absoluteString)/feed/\(feed)\n    interval: 1s\n"
        }
        try sources.write(to: directory.appending(path: "Sources.yml"), atomically: true, encoding: .utf8)
        try """
        storage:
          path: y.sqlite
        crawl:
          per_host_delay: 0s
          per_host_concurrency: 8
        alerts:
          retry_base: 1s
          retry_max: 2s
        smtp:
          url: smtp://127.0.0.1:\(smtpPort)
          security: none
          from: "舆情监测 <yuqing@example.gov.cn>"
          timeout: 10s
        webhooks:
          - name: 值班群
            kind: json
            url: \(webhookBase.absoluteString)/hook
        recipients:
          值班室: { email: ["值班室 <duty@example.gov.cn>"], webhooks: [值班群] }

        """.write(to: directory.appending(path: "yuqing.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: directory.appending(path: "Rules"), withIntermediateDirectories: true)
        var text = ""
        for rule in 1 ... rules {
            text += "- name: 排污\(rule)\n  group: 环保\n  severity: 重大\n  match: 排污\n  notify: [值班室]\n\n"
        }
        try text.write(to: directory.appending(path: "Rules/环保.yml"), atomically: true, encoding: .utf8)
    }

    /// Waits (up to `limit`) until `condition` holds; returns whether it did.
    static func eventually(within limit: Duration, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try condition()
    }

    @Test func alertsArriveByMailAndWebhookOncePerStoryWithTheTitleEscaped() async throws {
        // Feed titles lose their tags when parsed; what survives as text (`<`, `&`) must be escaped.
        let hostile = "江临市化工厂夜间排污浓度<5倍？居民称数据造假&隐瞒"
        let feeds: [String: [(guid: String, title: String, summary: String)]] = [
            "jianglin-daily": [
                ("a1", hostile, "居民反映化工厂夜间排污，河水发黑发臭，多次投诉无果。"),
                ("a2", "临江河下游出现大片死鱼 渔民怀疑上游养殖场排污", "渔民称一夜之间网箱里的鱼全部死亡，环保部门已取样。"),
            ],
            // A reprint of the first story: same story, no second alert.
            "jianglin-bbs": [("b1", hostile, "居民反映化工厂夜间排污，河水发黑发臭，多次投诉无果。")],
        ]
        let smtp = try await LoopbackSMTPServer.start()
        defer { try? FileManager.default.removeItem(at: smtp.directory) }
        let hooks = WebhookLog()
        try await withTemporaryDirectory { directory in
            try await withServer(hooks.router()) { hookBase in
                try await withServer(Self.feedRouter(feeds)) { base in
                    try Self.writeConfiguration(in: directory, feeds: feeds.keys.sorted(), base: base, smtpPort: smtp.port,
                                                webhookBase: hookBase, rules: 1)
                    let (process, out, err) = try CommandLineTests.launch(["run", "--config", directory.path])
                    let arrived = try await Self.eventually(within: .seconds(15)) {
                        smtp.messages().count >= 2 && hooks.ids.withLock { $0.count } >= 2
                    }
                    // Both feeds have been polled several times by now: the reprint had its chance to alert.
                    try await Task.sleep(for: .seconds(2))
                    process.terminate()
                    let outcome = await CommandLineTests.finishAsync(process, out, err)
                    #expect(arrived, "\(smtp.messages().count) emails, \(hooks.ids.withLock { $0.count }) posts: \(outcome.stderr)")
                    #expect(outcome.status == 0, "\(outcome.stderr)")

                    let store = try Store(path: directory.appending(path: "y.sqlite").path)
                    let alerts = try store.recentAlerts(limit: 100)
                    #expect(alerts.contains { $0.title == hostile }, "the title reached the alert as text: \(alerts.map(\.title))")
                    #expect(alerts.count == 2, "one alert per story: \(alerts.map(\.title))")
                    #expect(alerts.allSatisfy { $0.deliveries.count == 2 && $0.deliveries.allSatisfy { $0.state == .sent } })
                    #expect(smtp.messages().count == 2)
                    #expect(Set(try smtp.messageIDs()) == Set(alerts.flatMap(\.deliveries).filter { $0.target.hasPrefix("email") }
                        .map { "<\($0.messageID)>" }))
                    #expect(hooks.ids.withLock { $0.sorted() } == alerts.map { "alert-\($0.id)" }.sorted())
                    #expect(hooks.titles.withLock { $0 }.contains { $0.contains("江临市化工厂夜间排污") })
                    let status = try await CommandLineTests.runAsync(["status", "--config", directory.path])
                    #expect(status.stdout.contains("预警 outbox:      0 pending, 4 sent, 0 failed"), "\(status.stdout)")

                    var sawHostile = false
                    for message in smtp.messages() {
                        let mail = try await LoopbackSMTPServer.decode(message)
                        let html = mail.html ?? ""
                        guard html.contains("江临市化工厂夜间排污") else { continue }
                        sawHostile = true
                        #expect(mail.subject.contains("江临市化工厂夜间排污"), "\(mail.subject)")
                        #expect(!html.contains("<5倍"), "the crawled title is escaped in HTML")
                        #expect(html.contains("&lt;5倍") && html.contains("&amp;隐瞒"), "\(html)")
                    }
                    #expect(sawHostile)
                }
            }
        }
    }


    /// Five unrelated stories, each matched by `rules` rules: rules × 5 alerts, each to one
    /// mailbox and one webhook.
    static let stories: [(guid: String, title: String, summary: String)] = [
        ("s1", "江临市化工园区夜间偷偷排污 周边居民闻到刺鼻气味", "多名居民凌晨被气味熏醒，怀疑园区企业趁夜排放废气废水。"),
        ("s2", "临江河下游出现大片死鱼 渔民怀疑上游养殖场排污", "渔民称一夜之间网箱里的鱼全部死亡，环保部门已取样送检。"),
        ("s3", "老城区地下管网破裂 污水排污口直通菜地", "菜农发现灌溉渠里漂着油污，蔬菜叶片发黄枯萎，要求赔偿。"),
        ("s4", "开发区造纸厂被曝私设暗管排污长达三年", "记者暗访发现厂区围墙外有一根隐蔽管道，夜间排出褐色液体。"),
        ("s5", "江临湖蓝藻暴发 专家称与沿湖餐馆排污有关", "湖面出现大片绿色浮沫，自来水厂启动应急处理，市民排队买水。"),
    ]

    @Test func killNineWhileSendingLosesNoAlertAndResendsOnlyWithTheSameMessageID() async throws {
        let rules = 6
        // A slow mail server and a slow gateway: sending 30 alerts takes several seconds, and
        // the kills land in the middle of SMTP sessions and webhook posts.
        let smtp = try await LoopbackSMTPServer.start(delay: 0.15)
        defer { try? FileManager.default.removeItem(at: smtp.directory) }
        let hooks = WebhookLog(delay: .milliseconds(60))
        var random = SplitMix64(seed: 20261123)
        try await withTemporaryDirectory { directory in
            try await withServer(hooks.router()) { hookBase in
                try await withServer(Self.feedRouter(["jianglin-daily": Self.stories])) { base in
                    try Self.writeConfiguration(in: directory, feeds: ["jianglin-daily"], base: base, smtpPort: smtp.port,
                                                webhookBase: hookBase, rules: rules)
                    var kills = 0
                    var sentBeforeLastKill = 0
                    for _ in 0 ..< 10 {
                        let (process, out, err) = try CommandLineTests.launch(["run", "--config", directory.path])
                        if sentBeforeLastKill == 0 {
                            // On a loaded machine the first start can take longer than any fixed
                            // delay: wait for the first delivery, so the kills land while sending.
                            _ = try await Self.eventually(within: .seconds(30)) {
                                smtp.messages().count + hooks.ids.withLock { $0.count } > 0
                            }
                            try await Task.sleep(for: .milliseconds(Int(random.next() % 300)))
                        } else {
                            try await Task.sleep(for: .milliseconds(300 + Int(random.next() % 700)))
                        }
                        kill(process.processIdentifier, SIGKILL)
                        let outcome = await CommandLineTests.finishAsync(process, out, err)
                        if outcome.status == SIGKILL, process.terminationReason == .uncaughtSignal { kills += 1 }
                        sentBeforeLastKill = smtp.messages().count + hooks.ids.withLock { $0.count }
                    }
                    #expect(kills == 10)
                    // The kills fell while alerts were going out, not before the first or after the last.
                    #expect(sentBeforeLastKill > 0 && sentBeforeLastKill < rules * Self.stories.count * 2,
                            "\(sentBeforeLastKill) messages had arrived by the last kill")

                    let (process, out, err) = try CommandLineTests.launch(["run", "--config", directory.path])
                    let store = try Store(path: directory.appending(path: "y.sqlite").path)
                    let settled = try await Self.eventually(within: .seconds(20)) {
                        let alerts = try store.recentAlerts(limit: 1_000)
                        return alerts.count == rules * Self.stories.count
                            && alerts.allSatisfy { $0.deliveries.allSatisfy { $0.state == .sent } }
                    }
                    process.terminate()
                    let outcome = await CommandLineTests.finishAsync(process, out, err)
                    #expect(outcome.status == 0, "\(outcome.stderr)")

                    let alerts = try store.recentAlerts(limit: 1_000)
                    #expect(settled, "\(alerts.count) alerts; states \(alerts.flatMap(\.deliveries).map(\.state.rawValue))")
                    #expect(alerts.count == rules * Self.stories.count, "one alert per rule and story")
                    #expect(try store.integrityCheck())

                    // Email: every delivery arrived; a second copy only with its first copy's Message-ID.
                    let expectedIDs = Set(alerts.flatMap(\.deliveries).filter { $0.target.hasPrefix("email:") }
                        .map { "<\($0.messageID)>" })
                    let received = try smtp.messageIDs()
                    #expect(expectedIDs.count == alerts.count)
                    #expect(Set(received) == expectedIDs, "distinct Message-IDs received == alerts × mailboxes")
                    #expect(received.count >= expectedIDs.count)
                    // Webhooks: the same with the alert id.
                    let posted = hooks.ids.withLock { $0 }
                    #expect(Set(posted) == Set(alerts.map { "alert-\($0.id)" }))
                    let duplicates = received.count - expectedIDs.count + posted.count - alerts.count
                    print("alert e2e: \(duplicates) re-send(s) after kill -9, \(sentBeforeLastKill) messages before the last kill")
                }
            }
        }
    }

    @Test func alertsRaisedWhileTheMailServerIsDownGoOutOnceWhenItReturns() async throws {
        // A port that was just free: nothing listens there while the daemon raises its alerts.
        let probe = try await LoopbackSMTPServer.start()
        let port = probe.port
        try await probe.stop()
        defer { try? FileManager.default.removeItem(at: probe.directory) }
        let hooks = WebhookLog()
        try await withTemporaryDirectory { directory in
            try await withServer(hooks.router()) { hookBase in
                try await withServer(Self.feedRouter(["jianglin-daily": Array(Self.stories.prefix(2))])) { base in
                    try Self.writeConfiguration(in: directory, feeds: ["jianglin-daily"], base: base, smtpPort: port,
                                                webhookBase: hookBase, rules: 1)
                    let (process, out, err) = try CommandLineTests.launch(["run", "--config", directory.path])
                    let store = try Store(path: directory.appending(path: "y.sqlite").path)
                    // The webhook goes out; the emails wait and retry (retry_base 1s).
                    let retried = try await Self.eventually(within: .seconds(10)) {
                        let deliveries = try store.recentAlerts(limit: 10).flatMap(\.deliveries)
                        // One attempt fails; the other email waits for the same retry (the server is down).
                        let emails = deliveries.filter { $0.target.hasPrefix("email:") }
                        return emails.count == 2 && emails.allSatisfy { $0.state == .pending } && emails.contains { $0.attempts >= 1 }
                    }
                    #expect(retried, "the emails were tried and are waiting")
                    let smtp = try await LoopbackSMTPServer.start(port: port, directory: probe.directory)
                    let delivered = try await Self.eventually(within: .seconds(10)) {
                        try store.recentAlerts(limit: 10).allSatisfy { $0.deliveries.allSatisfy { $0.state == .sent } }
                    }
                    process.terminate()
                    let outcome = await CommandLineTests.finishAsync(process, out, err)
                    #expect(outcome.status == 0, "\(outcome.stderr)")
                    let alerts = try store.recentAlerts(limit: 10)
                    #expect(delivered, "\(alerts.flatMap(\.deliveries))")
                    #expect(alerts.count == 2)
                    let received = try smtp.messageIDs()
                    #expect(received.count == 2, "each email went out once")
                    #expect(Set(received) == Set(alerts.flatMap(\.deliveries).filter { $0.target.hasPrefix("email:") }
                        .map { "<\($0.messageID)>" }))
                    #expect(hooks.ids.withLock { $0.count } == 2)
                    try await smtp.stop()
                }
            }
        }
    }
}
