import Foundation
import Hummingbird
import NIOCore
import Testing

/// `yuqing alerts test` and the routing check of `yuqing check`, through the real binary.
@Suite struct AlertsCommandTests {
    final class Bodies: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Data] = []
        func add(_ data: Data) { lock.withLock { items.append(data) } }
        var all: [Data] { lock.withLock { items } }
    }

    static let sources = "sources:\n  - id: a\n    url: http://127.0.0.1:9/feed.xml\n"

    @Test func testSendsAChineseMessageToAWebhookAndReportsEachChannel() async throws {
        let bodies = Bodies()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            bodies.add(Data(buffer: try await request.body.collect(upTo: 1 << 20)))
            return Response(status: .ok)
        }
        router.post("/robot") { _, _ -> Response in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"errcode":93000,"errmsg":"invalid webhook url"}"#)))
        }
        try await withTemporaryDirectory { directory in
            try await withServer(router) { base in
                try Data(Self.sources.utf8).write(to: directory.appending(path: "Sources.yml"))
                try Data("""
                    webhooks:
                      - name: 短信网关
                        kind: json
                        url: \(base.absoluteString)/hook
                      - name: 值班群
                        kind: wecom
                        url: \(base.absoluteString)/robot
                    recipients:
                      值班室: { webhooks: [短信网关, 值班群] }
                    """.utf8).write(to: directory.appending(path: "yuqing.yml"))
                let one = try await CommandLineTests.runAsync(["alerts", "test", "短信网关", "--config", directory.path])
                #expect(one.status == 0, "\(one.stdout)\(one.stderr)")
                #expect(one.stdout.contains("✓ 已推送到 webhook「短信网关」"))
                let json = try #require(bodies.all.first.flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] })
                #expect(json["kind"] as? String == "test")
                #expect(json["title"] as? String == "舆情监测告警通道测试")

                let both = try await CommandLineTests.runAsync(["alerts", "test", "值班室", "--config", directory.path])
                #expect(both.status == 1)
                #expect(both.stdout.contains("✓ 已推送到 webhook「短信网关」"))
                #expect(both.stdout.contains("✗ webhook「值班群」推送失败"))
                #expect(both.stdout.contains("93000"))
                #expect(both.stdout.contains("［永久失败，需修改配置］"))

                let unknown = try await CommandLineTests.runAsync(["alerts", "test", "宣传部", "--config", directory.path])
                #expect(unknown.status != 0)
                #expect(unknown.stderr.contains("no recipient or webhook named '宣传部'"))
                #expect(unknown.stderr.contains("recipients: 值班室"))
            }
        }
    }

    @Test func checkReportsRulesThatNotifyAnUndefinedRecipient() async throws {
        try await withTemporaryDirectory { directory in
            try Data(Self.sources.utf8).write(to: directory.appending(path: "Sources.yml"))
            try Data("recipients:\n  值班室: { email: [duty@example.gov.cn] }\n".utf8).write(to: directory.appending(path: "yuqing.yml"))
            let rules = directory.appending(path: "Rules")
            try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
            try Data("- name: 排污\n  group: 环保\n  match: 排污 OR 偷排\n  notify: [值班室, 值班事]\n".utf8)
                .write(to: rules.appending(path: "环保.yml"))
            let outcome = try await CommandLineTests.runAsync(["check", "--config", directory.path])
            #expect(outcome.status == 1, "\(outcome.stdout)\(outcome.stderr)")
            #expect(outcome.stderr.contains("rule '排污' notifies '值班事', which 'recipients:' in yuqing.yml does not define (did you mean '值班室'?)"))
        }
    }
}
