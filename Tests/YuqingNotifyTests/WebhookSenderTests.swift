import Foundation
import Hummingbird
import NIOCore
import Testing
import YuqingCore
import YuqingDemo
import YuqingNotify

/// Posts through the real libcurl to a Hummingbird receiver on 127.0.0.1 that records every
/// request and answers as WeCom, DingTalk and Feishu robots do (HTTP 200 with an error code).
@Suite struct WebhookSenderTests {
    /// One request the receiver saw.
    struct Received: Sendable {
        var path: String
        var query: [String: String]
        var body: Data
        var contentType: String?

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Received] = []
        func add(_ item: Received) { lock.withLock { items.append(item) } }
        var all: [Received] { lock.withLock { items } }
    }

    static func start(_ recorder: Recorder) async throws -> LocalHTTPServer {
        let router = Router()
        router.post("/:kind/:answer") { request, context -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
            recorder.add(Received(
                path: request.uri.path, query: query, body: Data(buffer: buffer),
                contentType: request.headers[.contentType]))
            let answers = [
                "ok": (200, #"{"errcode":0,"errmsg":"ok"}"#),
                "feishu-ok": (200, #"{"code":0,"msg":"success","data":{}}"#),
                "bad-sign": (200, #"{"errcode":310000,"errmsg":"sign not match"}"#),
                "feishu-bad-sign": (200, #"{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}"#),
                "rate": (200, #"{"errcode":45009,"errmsg":"api freq out of limit"}"#),
                "busy": (503, "busy"),
                "gone": (404, "no such hook"),
                "html": (200, "<html>login</html>"),
                "accepted": (202, ""),
            ]
            let (status, text) = answers[context.parameters.get("answer") ?? ""] ?? (500, "?")
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            if status == 503 { headers[.retryAfter] = "120" }
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        return try await LocalHTTPServer.start(router: router)
    }

    static let message = WebhookMessage(
        id: "alert-42", kind: "alert", title: "江临市化工园区夜间排污 [点此](http://evil.example) <font>",
        markdown: "**规则**：化工排污（重大）\n\n> 网民反映化工园区夜间排污", text: "规则：化工排污（重大）网民反映化工园区夜间排污",
        link: URL(string: "https://news.example.cn/a/1.html"), severity: .high,
        fields: ["rule": "化工排污", "source": "jianglin-bbs"], date: Date(timeIntervalSince1970: 1_795_400_000))

    static func webhook(_ name: String, _ kind: WebhookSettings.Kind, _ server: LocalHTTPServer, path: String, secret: String? = nil) -> WebhookSettings {
        WebhookSettings(
            name: name, kind: kind, url: SecretText("\(server.baseURL.absoluteString)\(path)?access_token=TOKEN-SECRET-123"),
            secret: secret.map(SecretText.init), timeout: .seconds(5))
    }

    @Test func weComGetsMarkdownWithTheTitleEscaped() async throws {
        let recorder = Recorder()
        let server = try await Self.start(recorder)
        defer { Task { await server.stop() } }
        let sender = WebhookSender(webhooks: [Self.webhook("值班群", .wecom, server, path: "/wecom/ok")])
        try await sender.post(Self.message, to: "值班群")
        let request = try #require(recorder.all.first)
        #expect(request.contentType?.hasPrefix("application/json") == true)
        #expect(request.json["msgtype"] as? String == "markdown")
        let content = try #require((request.json["markdown"] as? [String: Any])?["content"] as? String)
        #expect(content.hasPrefix("### 江临市化工园区夜间排污 \\[点此\\]\\(http://evil.example\\) ＜font＞\n\n**规则**"))
    }

    @Test func weComContentIsCutToItsLimitWithALink() async throws {
        let recorder = Recorder()
        let server = try await Self.start(recorder)
        defer { Task { await server.stop() } }
        var long = Self.message
        long.markdown = String(repeating: "网民反映化工园区夜间排污，", count: 600) // 7,800 UTF-8 bytes
        let sender = WebhookSender(webhooks: [Self.webhook("值班群", .wecom, server, path: "/wecom/ok")])
        try await sender.post(long, to: "值班群")
        let content = try #require(((recorder.all.first?.json["markdown"]) as? [String: Any])?["content"] as? String)
        #expect(content.utf8.count <= 4096)
        #expect(content.utf8.count > 4000)
        #expect(content.hasSuffix("[查看全文](https://news.example.cn/a/1.html)"))
    }

    @Test func dingTalkPostsAreSignedInTheURL() async throws {
        let recorder = Recorder()
        let server = try await Self.start(recorder)
        defer { Task { await server.stop() } }
        let secret = "SEC0123456789abcdef"
        let sender = WebhookSender(webhooks: [Self.webhook("钉钉群", .dingtalk, server, path: "/dingtalk/ok", secret: secret)])
        let before = Date()
        try await sender.post(Self.message, to: "钉钉群")
        let request = try #require(recorder.all.first)
        #expect(request.query["access_token"] == "TOKEN-SECRET-123")
        let timestamp = try #require(request.query["timestamp"])
        let sign = try #require(request.query["sign"])
        // DingTalk's rule: base64(HMAC-SHA256(key: secret, message: "timestamp\nsecret")).
        let expected = Data(WebhookSigner.hmacSHA256(key: Array(secret.utf8), data: Array("\(timestamp)\n\(secret)".utf8))).base64EncodedString()
        #expect(sign == expected)
        #expect(abs(Double(timestamp)! / 1000 - before.timeIntervalSince1970) < 60)
        let markdown = try #require(request.json["markdown"] as? [String: Any])
        #expect(markdown["title"] as? String == Self.message.title)
    }

    @Test func feishuPostsCarryTheSignatureInTheBody() async throws {
        let recorder = Recorder()
        let server = try await Self.start(recorder)
        defer { Task { await server.stop() } }
        let secret = "feishu-secret"
        let sender = WebhookSender(webhooks: [Self.webhook("飞书群", .feishu, server, path: "/feishu/feishu-ok", secret: secret)])
        try await sender.post(Self.message, to: "飞书群")
        let json = try #require(recorder.all.first?.json)
        let timestamp = try #require(json["timestamp"] as? String)
        // Feishu's rule: base64(HMAC-SHA256(key: "timestamp\nsecret", message: empty)).
        let expected = Data(WebhookSigner.hmacSHA256(key: Array("\(timestamp)\n\(secret)".utf8), data: [])).base64EncodedString()
        #expect(json["sign"] as? String == expected)
        #expect(json["msg_type"] as? String == "interactive")
        let card = try #require(json["card"] as? [String: Any])
        let header = try #require(card["header"] as? [String: Any])
        #expect(header["template"] as? String == "red")
    }

    @Test func hmacMatchesRFC4231() {
        // RFC 4231 test case 2.
        let mac = WebhookSigner.hmacSHA256(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))
        #expect(mac.map { String(format: "%02x", $0) }.joined() == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func theJSONDocumentCarriesEveryField() async throws {
        let recorder = Recorder()
        let server = try await Self.start(recorder)
        defer { Task { await server.stop() } }
        let sender = WebhookSender(webhooks: [Self.webhook("短信网关", .json, server, path: "/json/accepted")])
        try await sender.post(Self.message, to: "短信网关")
        let json = try #require(recorder.all.first?.json)
        #expect(json["schema"] as? String == "yuqing.webhook/1")
        #expect(json["id"] as? String == "alert-42")
        #expect(json["kind"] as? String == "alert")
        #expect(json["severity"] as? String == "high")
        #expect(json["severity_zh"] as? String == "重大")
        #expect(json["link"] as? String == "https://news.example.cn/a/1.html")
        #expect(json["date"] as? String == "2026-11-23T10:13:20+08:00")
        #expect((json["fields"] as? [String: String])?["rule"] == "化工排污")
    }

    @Test func robotErrorCodesAreFailuresEvenWithHTTP200() async throws {
        let recorder = Recorder()
        let server = try await Self.start(recorder)
        defer { Task { await server.stop() } }
        let sender = WebhookSender(webhooks: [
            Self.webhook("sign", .dingtalk, server, path: "/dingtalk/bad-sign", secret: "x"),
            Self.webhook("feishu", .feishu, server, path: "/feishu/feishu-bad-sign", secret: "x"),
            Self.webhook("rate", .wecom, server, path: "/wecom/rate"),
            Self.webhook("busy", .json, server, path: "/json/busy"),
            Self.webhook("gone", .json, server, path: "/json/gone"),
            Self.webhook("html", .wecom, server, path: "/wecom/html"),
        ])
        func failure(_ name: String) async -> DeliveryFailure? {
            do {
                try await sender.post(Self.message, to: name)
                return nil
            } catch {
                return error
            }
        }
        let sign = await failure("sign")
        #expect(sign?.isPermanent == true)
        #expect(sign?.code == 310000)
        #expect(sign?.reason.contains("sign not match") == true)
        #expect(await failure("feishu")?.isPermanent == true)
        let rate = await failure("rate")
        #expect(rate?.isPermanent == false)
        #expect(rate?.code == 45009)
        let busy = await failure("busy")
        #expect(busy?.isPermanent == false)
        #expect(busy?.retryAfter == .seconds(120))
        #expect(await failure("gone")?.isPermanent == true)
        #expect(await failure("html")?.isPermanent == true)
        for name in ["sign", "feishu", "rate", "busy", "gone", "html"] {
            let reason = await failure(name)?.reason ?? ""
            #expect(reason.contains("'\(name)' (127.0.0.1:\(server.port))"))
            #expect(!reason.contains("TOKEN-SECRET-123"))
        }
    }

    @Test func anUnreachableWebhookIsRetryableAndKeepsItsTokenSecret() async throws {
        let port: Int
        do {
            let server = try await Self.start(Recorder())
            port = server.port
            await server.stop()
        }
        let sender = WebhookSender(webhooks: [WebhookSettings(
            name: "值班群", kind: .wecom, url: SecretText("http://127.0.0.1:\(port)/cgi-bin/webhook/send?key=TOKEN-SECRET-123"),
            timeout: .seconds(3))])
        let failure = await #expect(throws: DeliveryFailure.self) { try await sender.post(Self.message, to: "值班群") }
        #expect(failure?.isPermanent == false)
        #expect(failure?.reason.contains("127.0.0.1:\(port)") == true)
        #expect(failure?.reason.contains("TOKEN-SECRET-123") == false)
        let unknown = await #expect(throws: DeliveryFailure.self) { try await sender.post(Self.message, to: "没有这个") }
        #expect(unknown?.isPermanent == true)
    }
}
