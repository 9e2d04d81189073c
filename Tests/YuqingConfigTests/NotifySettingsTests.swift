import Foundation
import Testing
import YuqingConfig
import YuqingCore

/// `smtp:`, `webhooks:` and `recipients:` in yuqing.yml: values, secrets from the environment and
/// systemd credentials, and one test per kind of mistake, each at its line and column.
@Suite struct NotifySettingsTests {
    let directory = URL(fileURLWithPath: "/etc/yuqing")

    static let full = """
        smtp:
          url: smtp://mail.example.gov.cn:587
          username: yuqing@example.gov.cn
          password_env: YUQING_SMTP_PASSWORD
          from: "舆情监测 <yuqing@example.gov.cn>"
          timeout: 20s
        webhooks:
          - name: 值班群
            kind: wecom
            url_env: YUQING_WECOM_URL
          - name: 钉钉群
            kind: dingtalk
            url_credential: dingtalk-url
            secret_credential: dingtalk-secret
          - name: 短信网关
            kind: json
            url: https://sms.example.gov.cn/yuqing
            timeout: 5s
        recipients:
          值班室: { email: ["张三 <duty@example.gov.cn>", lead@example.gov.cn], webhooks: [值班群, 钉钉群] }
          宣传部:
            email: press@example.gov.cn
        """

    func withCredentials<T>(_ files: [String: String], _ body: (String) throws -> T) throws -> T {
        let dir = try TestSupport.makeDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, value) in files { try TestSupport.write(value, to: name, in: dir) }
        return try body(dir.path)
    }

    func issues(_ text: String, environment: [String: String] = [:]) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.loadSettings(text: text, directory: directory, environment: environment)
            return []
        } catch {
            return error.issues
        }
    }

    @Test func everyKeyIsRead() throws {
        let settings = try withCredentials(["dingtalk-url": "https://oapi.dingtalk.com/robot/send?access_token=abc\n", "dingtalk-secret": "SECxyz\n"]) { credentials in
            try ConfigLoader.loadSettings(text: Self.full, directory: directory, environment: [
                "YUQING_SMTP_PASSWORD": "口令", "YUQING_WECOM_URL": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1",
                "CREDENTIALS_DIRECTORY": credentials,
            ])
        }
        #expect(settings.smtp == SMTPSettings(
            url: URL(string: "smtp://mail.example.gov.cn:587")!, security: .starttls, username: "yuqing@example.gov.cn",
            password: SecretText("口令"), from: MailAddress("yuqing@example.gov.cn", displayName: "舆情监测"), timeout: .seconds(20)))
        #expect(settings.webhooks == [
            WebhookSettings(name: "值班群", kind: .wecom, url: SecretText("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1")),
            WebhookSettings(name: "钉钉群", kind: .dingtalk, url: SecretText("https://oapi.dingtalk.com/robot/send?access_token=abc"), secret: SecretText("SECxyz")),
            WebhookSettings(name: "短信网关", kind: .json, url: SecretText("https://sms.example.gov.cn/yuqing"), timeout: .seconds(5)),
        ])
        #expect(settings.recipients == [
            Recipient(name: "值班室", emails: [MailAddress("duty@example.gov.cn", displayName: "张三"), MailAddress("lead@example.gov.cn")], webhooks: ["值班群", "钉钉群"]),
            Recipient(name: "宣传部", emails: [MailAddress("press@example.gov.cn")]),
        ])
        // Printing settings never shows a secret.
        #expect(!"\(settings)".contains("口令"))
        #expect(!"\(settings)".contains("SECxyz"))
    }

    @Test func smtpsMeansImplicitTLS() throws {
        let settings = try ConfigLoader.loadSettings(
            text: "smtp:\n  url: smtps://mail.example.gov.cn\n  from: a@example.gov.cn\n", directory: directory, environment: [:])
        #expect(settings.smtp?.security == .tls)
        #expect(settings.smtp?.serverName == "mail.example.gov.cn:465")
    }

    @Test func aMissingSecretNamesTheKeyAndTheVariable() throws {
        let found = issues(Self.full, environment: ["YUQING_WECOM_URL": "https://qyapi.weixin.qq.com/x"])
        #expect(found.map { [$0.line, $0.column] } == [[4, 17], [13, 21], [14, 24]])
        #expect(found[0].message.hasPrefix("'password_env: YUQING_SMTP_PASSWORD' in 'smtp': the environment variable YUQING_SMTP_PASSWORD is not set"))
        #expect(found[1].message.hasPrefix("'url_credential: dingtalk-url' in webhook '钉钉群': CREDENTIALS_DIRECTORY is not set"))
        #expect(found[2].message.contains("secret_credential: dingtalk-secret"))
    }

    @Test func anUnreadableCredentialNamesTheFile() throws {
        let found = try withCredentials([:]) { credentials in
            issues("smtp:\n  url: smtp://m.example.cn\n  from: a@example.cn\n  username: u\n  password_credential: smtp-password\n",
                   environment: ["CREDENTIALS_DIRECTORY": credentials])
        }
        let issue = try #require(found.only)
        #expect((issue.line, issue.column) == (5, 24))
        #expect(issue.message.contains("smtp-password"))
        #expect(issue.message.contains("LoadCredential="))
    }

    @Test func passwordsAreNeverWrittenInTheFile() throws {
        let issue = try #require(issues("smtp:\n  url: smtp://m.example.cn\n  from: a@example.cn\n  password: hunter2\n").only)
        #expect((issue.line, issue.column) == (4, 3))
        #expect(issue.message.hasPrefix("'password' in 'smtp': passwords never go in yuqing.yml"))
        #expect(!issue.message.contains("hunter2"))
    }

    @Test func plainTextOnlyToThisMachine() throws {
        let issue = try #require(issues("smtp:\n  url: smtp://mail.example.gov.cn:25\n  security: none\n  from: a@example.cn\n").only)
        #expect((issue.line, issue.column) == (3, 13))
        #expect(issue.message.contains("allowed for a server on this machine only"))
        #expect(issues("smtp:\n  url: smtp://127.0.0.1:2525\n  security: none\n  from: a@example.cn\n").isEmpty)
    }

    @Test func schemeAndSecurityMustAgree() throws {
        let issue = try #require(issues("smtp:\n  url: smtps://m.example.cn\n  security: starttls\n  from: a@example.cn\n").only)
        #expect(issue.message.hasPrefix("'security: starttls' in 'smtp' does not fit the url's scheme"))
        let typo = try #require(issues("smtp:\n  url: smtp://m.example.cn\n  security: startls\n  from: a@example.cn\n").only)
        #expect(typo.message == "unknown security 'startls' in 'smtp'; use starttls, tls or none (did you mean 'starttls'?)")
    }

    @Test func badAddressesAndMissingKeys() throws {
        let found = issues("""
            smtp:
              url: http://m.example.cn
              from: not an address
            """)
        #expect(found.map { [$0.line, $0.column] } == [[2, 8], [3, 9]])
        #expect(found[0].message.hasPrefix("bad url 'http://m.example.cn' in 'smtp'"))
        #expect(found[1].message.hasPrefix("bad 'from' address 'not an address' in 'smtp'"))
        let empty = issues("smtp:\n  username: u\n")
        #expect(empty.map(\.message) == [
            "'smtp' needs a 'url', e.g. url: smtp://mail.example.gov.cn:587",
            "'smtp' needs a 'from' address, e.g. from: \"舆情监测 <yuqing@example.gov.cn>\"",
            "'username' in 'smtp' needs 'password_env' or 'password_credential' for the password",
        ])
    }

    @Test func aRecipientNamingAnUnknownWebhookIsAnError() throws {
        let found = issues("""
            webhooks:
              - name: 值班群
                kind: wecom
                url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send
            recipients:
              值班室: { email: [duty@example.gov.cn], webhooks: [值班郡] }
              宣传部: { email: [not-an-address] }
              空的: {}
            """)
        #expect(found.map { [$0.line, $0.column] } == [[6, 51], [7, 18], [8, 3]])
        #expect(found[0].message == "recipient '值班室' names webhook '值班郡', which 'webhooks:' does not define (did you mean '值班群'?)")
        #expect(found[1].message.hasPrefix("bad email address 'not-an-address' in recipient '宣传部'"))
        #expect(found[2].message == "recipient '空的' has neither 'email' nor 'webhooks'; give it at least one")
    }

    @Test func webhookMistakes() throws {
        let found = issues("""
            webhooks:
              - name: a
                kind: wechat
                url: https://x.example.cn/
              - name: a
                kind: wecom
                url: https://x.example.cn/
                secret_env: S
              - name: b
                kind: feishu
                url: ftp://x.example.cn/
              - name: c
                kind: json
            """, environment: ["S": "s"])
        #expect(found.map(\.message) == [
            "unknown kind 'wechat' in webhook 'a'; use json, wecom, dingtalk, feishu",
            "duplicate webhook name 'a'; each webhook needs its own name",
            "'secret_env' in webhook 'a': wecom webhooks are not signed; delete it",
            "the URL 'ftp://x.example.cn/' in webhook 'b' is not an http:// or https:// URL; give the robot's full address, as the chat app shows it",
            "webhook 'c' needs 'url_env' (an environment variable holding the URL), 'url_credential' or, for a URL without a token in it, 'url'",
        ])
    }

    @Test func aURLFromASecretIsNeverQuotedInAnError() throws {
        let issue = try #require(issues(
            "webhooks:\n  - name: a\n    kind: wecom\n    url_env: U\n", environment: ["U": "key=TOKEN-123"]).only)
        #expect(issue.message.hasPrefix("the URL read through 'url_env' in webhook 'a' is not an http:// or https:// URL;"))
        #expect(!issue.message.contains("TOKEN"))
    }
}
