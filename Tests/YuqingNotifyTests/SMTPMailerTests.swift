import Foundation
import Testing
import YuqingTestSupport
import YuqingCore
import YuqingNotify

extension PythonBackedTests {
    /// The SMTP client against a real SMTP server (aiosmtpd) on 127.0.0.1, through the real libcurl.
    @Suite(.enabled(if: LoopbackSMTPServer.available, LoopbackSMTPServer.skipMessage))
    struct SMTPMailerTests {
        static let from = MailAddress("yuqing@example.gov.cn", displayName: "舆情监测")

        static func settings(
            _ server: LoopbackSMTPServer, scheme: String = "smtp", security: SMTPSettings.Security = .none,
            user: String? = nil, password: String? = nil, trust: Bool = true
        ) -> SMTPSettings {
            SMTPSettings(
                url: URL(string: "\(scheme)://127.0.0.1:\(server.port)")!, security: security, username: user,
                password: password.map(SecretText.init), from: from, timeout: .seconds(10),
                caFile: trust && security != .none ? server.certificate : nil)
        }

        static func message(subject: String = "【重大】江临市化工园区夜间排污引发周边居民强烈不满，环保部门已介入调查", html: String? = nil) -> MailMessage {
            MailMessage(
                from: from,
                to: [MailAddress("duty@example.gov.cn", displayName: "舆情值班室"), MailAddress("lead@example.gov.cn")],
                subject: subject, text: "江临市网民反映化工园区夜间排污。\n来源：江临论坛",
                html: html ?? "<p>江临市网民反映化工园区夜间排污。</p>",
                messageID: "alert-7-1.\(UUID().uuidString.prefix(8))@example.gov.cn", date: Date())
        }

        @Test func aChineseMessageArrivesWithItsMessageIDSubjectAndBody() async throws {
            let server = try await LoopbackSMTPServer.start()
            let message = Self.message()
            try await SMTPMailer(settings: Self.settings(server)).send(message)
            let received = server.messages()
            try #require(received.count == 1)
            #expect(try server.envelopeRecipients(of: received[0]) == ["duty@example.gov.cn", "lead@example.gov.cn"])
            let mail = try await LoopbackSMTPServer.decode(received[0])
            #expect(mail.message_id == "<\(message.messageID)>")
            #expect(mail.subject == message.subject)
            #expect(mail.to_names == ["舆情值班室", ""])
            #expect(mail.text?.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines) == message.text)
            #expect(mail.defects.isEmpty)
        }

        @Test func startTLSWithLoginDelivers() async throws {
            let server = try await LoopbackSMTPServer.start(user: "yuqing", password: "s3cret-口令", tls: .starttls)
            let message = Self.message()
            let settings = Self.settings(server, security: .starttls, user: "yuqing", password: "s3cret-口令")
            try await SMTPMailer(settings: settings).send(message)
            let received = server.messages()
            try #require(received.count == 1)
            #expect(try await LoopbackSMTPServer.decode(received[0]).message_id == "<\(message.messageID)>")
        }

        @Test func implicitTLSDelivers() async throws {
            let server = try await LoopbackSMTPServer.start(tls: .implicit)
            try await SMTPMailer(settings: Self.settings(server, scheme: "smtps", security: .tls)).send(Self.message())
            #expect(server.messages().count == 1)
        }

        @Test func aWrongPasswordIsPermanentAndNamesTheServerNotThePassword() async throws {
            let server = try await LoopbackSMTPServer.start(user: "yuqing", password: "right", tls: .starttls)
            let settings = Self.settings(server, security: .starttls, user: "yuqing", password: "wrong-口令-123")
            let failure = await #expect(throws: DeliveryFailure.self) {
                try await SMTPMailer(settings: settings).send(Self.message())
            }
            #expect(failure?.isPermanent == true)
            #expect(failure?.code == 535)
            #expect(failure?.reason.contains("127.0.0.1:\(server.port)") == true)
            #expect(failure?.reason.contains("wrong-口令-123") == false)
            #expect(server.messages().isEmpty)
        }

        @Test func aTemporaryRefusalIsRetryable() async throws {
            let server = try await LoopbackSMTPServer.start(reply: "451 4.3.0 Mailbox temporarily unavailable")
            let failure = await #expect(throws: DeliveryFailure.self) {
                try await SMTPMailer(settings: Self.settings(server)).send(Self.message())
            }
            #expect(failure?.isPermanent == false)
            #expect(failure?.code == 451)
            #expect(failure?.reason.contains("Mailbox temporarily unavailable") == true)
        }

        @Test func aPermanentRefusalAtDataIsPermanent() async throws {
            let server = try await LoopbackSMTPServer.start(reply: "554 5.7.1 Message rejected as spam")
            let failure = await #expect(throws: DeliveryFailure.self) {
                try await SMTPMailer(settings: Self.settings(server)).send(Self.message())
            }
            #expect(failure?.isPermanent == true)
            #expect(failure?.code == 554)
            #expect(failure?.reason.contains("rejected as spam") == true)
        }

        @Test func aServerThatIsDownIsRetryable() async throws {
            // A port that was just free: nothing listens there.
            let stopped = try await LoopbackSMTPServer.start()
            let port = stopped.port
            try await stopped.stop()
            let settings = SMTPSettings(url: URL(string: "smtp://127.0.0.1:\(port)")!, security: .none, from: Self.from, timeout: .seconds(5))
            let failure = await #expect(throws: DeliveryFailure.self) {
                try await SMTPMailer(settings: settings).send(Self.message())
            }
            #expect(failure?.isPermanent == false)
            #expect(failure?.reason.contains("127.0.0.1:\(port)") == true)
        }

        @Test func startTLSIsRequiredWhenAsked() async throws {
            let server = try await LoopbackSMTPServer.start() // offers no STARTTLS
            let settings = SMTPSettings(url: URL(string: "smtp://127.0.0.1:\(server.port)")!, security: .starttls, from: Self.from)
            let failure = await #expect(throws: DeliveryFailure.self) {
                try await SMTPMailer(settings: settings).send(Self.message())
            }
            #expect(failure?.isPermanent == true)
            #expect(failure?.reason.contains("STARTTLS") == true)
            #expect(server.messages().isEmpty)
        }

        @Test func anUntrustedCertificateIsNotAccepted() async throws {
            let server = try await LoopbackSMTPServer.start(tls: .starttls)
            let settings = Self.settings(server, security: .starttls, trust: false)
            let failure = await #expect(throws: DeliveryFailure.self) {
                try await SMTPMailer(settings: settings).send(Self.message())
            }
            #expect(failure?.reason.contains("ca_file") == true)
            #expect(server.messages().isEmpty)
        }

        @Test func anEscapedHTMLInjectionTitleArrivesStillEscaped() async throws {
            let server = try await LoopbackSMTPServer.start()
            // What the renderer makes of a page titled `<script>alert(1)</script><img src=x onerror=…>`.
            let escaped = "<h1>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;</h1>"
            try await SMTPMailer(settings: Self.settings(server)).send(
                Self.message(subject: "<script>alert(1)</script>", html: escaped))
            let mail = try await LoopbackSMTPServer.decode(try #require(server.messages().first))
            #expect(mail.html?.contains(escaped) == true)
            #expect(mail.html?.contains("<script>") == false)
            #expect(mail.subject == "<script>alert(1)</script>")
        }
    }
}
