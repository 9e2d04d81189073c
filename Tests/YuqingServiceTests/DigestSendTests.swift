import Foundation
import Testing
import YuqingTestSupport
import YuqingCore
import YuqingStore

/// `yuqing digest --send` end to end: the real binary, the real SMTP client, an aiosmtpd server on
/// 127.0.0.1, and the received message read back with Python's `email` package.
@Suite struct DigestSendTests {
    static func writeConfig(_ directory: URL, smtpPort: Int?, to: String = "[值班室]", fill: Bool = true) async throws {
        var sources = "sources:\n"
        for source in DigestFixtures.sources {
            sources += "  - id: \(source.id)\n    name: \(source.name)\n    url: \(source.url.absoluteString)\n"
                + "    channel: \(source.channel.rawValue)\n    region: \(source.region ?? "")\n"
        }
        try sources.write(to: directory.appending(path: "Sources.yml"), atomically: true, encoding: .utf8)
        var settings = "storage:\n  path: store/y.sqlite\n"
        if let smtpPort {
            settings += """
                smtp:
                  url: smtp://127.0.0.1:\(smtpPort)
                  security: none
                  from: "江临舆情 <yuqing@jiangling.example.gov.cn>"

                """
        }
        settings += """
            recipients:
              值班室: { email: ["值班室 <duty@jiangling.example.gov.cn>", "leader@jiangling.example.gov.cn"] }
            digests:
              - name: 周报
                period: week
                at: "周一 08:00"
                to: \(to)

            """
        try settings.write(to: directory.appending(path: "yuqing.yml"), atomically: true, encoding: .utf8)
        guard fill else { return }
        let store = try Store(path: directory.appending(path: "store/y.sqlite").path)
        try await DigestFixtures.fill(store, analysis: true)
        try store.close()
    }

    @Test(.enabled(if: LoopbackSMTPServer.available, LoopbackSMTPServer.skipMessage))
    func sendsTheWeeklyReportByEmail() async throws {
        try await withTemporaryDirectory { directory in
            let server = try await LoopbackSMTPServer.start(directory: directory.appending(path: "mail"))
            try await Self.writeConfig(directory, smtpPort: server.port)
            let outcome = try await CommandLineTests.runAsync(
                ["digest", "--period", "week", "--at", "2026-11-18", "--send", "--config", directory.path])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("sent 舆情周报 2026年第47周（11月16日—11月22日） to 2 address(es)"))

            let messages = server.messages()
            #expect(messages.count == 1)
            let message = try #require(messages.first)
            let mail = try await LoopbackSMTPServer.decode(message)
            #expect(mail.subject == "舆情周报 2026年第47周（11月16日—11月22日）")
            #expect(mail.from == "江临舆情 <yuqing@jiangling.example.gov.cn>")
            #expect(mail.to == ["值班室 <duty@jiangling.example.gov.cn>", "leader@jiangling.example.gov.cn"])
            #expect(mail.content_type == "multipart/alternative")
            #expect(mail.structure == ["multipart/alternative", "text/plain", "text/html"])
            #expect(mail.defects.isEmpty)
            #expect(mail.headers["X-Yuqing-Digest"] == "周报 2026-W47")
            #expect(mail.text?.contains("江临论坛首发，6 小时内被 3 个站点转载，共 3 条") == true)
            #expect(mail.text?.contains(DigestFixtures.scriptTitle) == true)
            let html = try #require(mail.html)
            #expect(html.contains("三、热点事件") && html.contains("五、预警情况"))
            #expect(html.contains("&lt;script&gt;") && !html.contains("<script"))
        }
    }

    @Test func sendSaysWhatIsMissing() async throws {
        try await withTemporaryDirectory { directory in
            try await Self.writeConfig(directory, smtpPort: nil)
            let noSMTP = try await CommandLineTests.runAsync(["digest", "--period", "week", "--send", "--config", directory.path])
            #expect(noSMTP.status != 0)
            #expect(noSMTP.stderr.contains("--send needs an 'smtp:' block in yuqing.yml"))

            try await Self.writeConfig(directory, smtpPort: 2525, to: "[宣传部]", fill: false)
            let unknown = try await CommandLineTests.runAsync(["digest", "--period", "week", "--send", "--config", directory.path])
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("sends to 宣传部, not defined under 'recipients:'"))
        }
    }
}
