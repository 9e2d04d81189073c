import ArgumentParser
import Foundation
import YuqingCore
import YuqingNotify

/// `yuqing alerts test CHANNEL`: sends a test message through the configured channels, so an
/// office can see that mail and robots work before the first real incident.
struct AlertsTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a test message to a recipient, a webhook, or an address (smtp:ADDRESS); exit 1 if any fails.",
        discussion: """
        CHANNEL is a name under 'recipients:' (every email and webhook of it), a name under
        'webhooks:', or smtp:ADDRESS for one email through the 'smtp:' server.

        Examples:
          yuqing alerts test 值班室
          yuqing alerts test 值班群 --config /etc/yuqing
          yuqing alerts test smtp:duty@example.gov.cn
        """
    )

    @Argument(help: "A recipient name, a webhook name, or smtp:ADDRESS.")
    var channel: String

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let settings = configuration.settings
        let (emails, webhooks) = try targets(settings)
        let zone = TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
        let now = Date()
        let stamp = LocalTime(zone: settings.timeZone).format(now)
        let id = "test-\(UUID().uuidString.lowercased())"
        var failures = 0

        if !emails.isEmpty {
            guard let smtp = settings.smtp else {
                throw CommandFailure("'\(channel)' has email addresses but yuqing.yml has no 'smtp:' block; add one (see the example yuqing.yml)")
            }
            let mailer = SMTPMailer(settings: smtp, timeZone: zone)
            let message = MailMessage(
                from: smtp.from, to: emails, subject: "【测试】舆情监测告警通道测试",
                text: "这是一条测试消息，用于确认舆情监测系统的邮件告警通道可用。\n发送时间：\(stamp)\n无需回复。\n",
                html: "<p>这是一条<strong>测试消息</strong>，用于确认舆情监测系统的邮件告警通道可用。</p>"
                    + "<p>发送时间：\(stamp)</p><p>无需回复。</p>",
                messageID: "\(id)@\(smtp.from.domain)", date: now,
                extraHeaders: [MailHeader(name: "X-Yuqing-Test", value: "1")])
            let to = emails.map(\.address).joined(separator: ", ")
            do {
                try await mailer.send(message)
                print("✓ 邮件已被 \(smtp.serverName) 接受：\(to)")
            } catch {
                failures += 1
                print("✗ 邮件发送失败（\(to)）：\(error)\(error.isPermanent ? "［永久失败，需修改配置］" : "［临时失败，可稍后重试］")")
            }
        }
        if !webhooks.isEmpty {
            let sender = WebhookSender(webhooks: settings.webhooks, timeZone: zone, userAgent: settings.crawl.userAgent)
            let message = WebhookMessage(
                id: id, kind: "test", title: "舆情监测告警通道测试",
                markdown: "这是一条**测试消息**，用于确认舆情监测系统的群机器人告警通道可用。\n\n发送时间：\(stamp)",
                text: "这是一条测试消息，用于确认舆情监测系统的告警通道可用。发送时间：\(stamp)", date: now)
            for name in webhooks {
                let host = settings.webhooks.first { $0.name == name }?.host ?? "?"
                do {
                    try await sender.post(message, to: name)
                    print("✓ 已推送到 webhook「\(name)」（\(host)）")
                } catch {
                    failures += 1
                    print("✗ webhook「\(name)」推送失败：\(error)\(error.isPermanent ? "［永久失败，需修改配置］" : "［临时失败，可稍后重试］")")
                }
            }
        }
        if failures > 0 { throw ExitCode.failure }
    }

    /// The addresses and webhook names `channel` stands for.
    private func targets(_ settings: ServiceSettings) throws -> ([MailAddress], [String]) {
        if channel.hasPrefix("smtp:") {
            let text = String(channel.dropFirst("smtp:".count))
            guard let address = MailAddress(parsing: text) else {
                throw CommandFailure("'\(text)' is not an email address; write smtp:duty@example.gov.cn")
            }
            return ([address], [])
        }
        if let recipient = settings.recipients.first(where: { $0.name == channel }) {
            return (recipient.emails, recipient.webhooks)
        }
        if settings.webhooks.contains(where: { $0.name == channel }) {
            return ([], [channel])
        }
        let recipients = settings.recipients.map(\.name).joined(separator: ", ")
        let webhooks = settings.webhooks.map(\.name).joined(separator: ", ")
        throw CommandFailure(
            "no recipient or webhook named '\(channel)' in yuqing.yml (recipients: \(recipients.isEmpty ? "none" : recipients); "
                + "webhooks: \(webhooks.isEmpty ? "none" : webhooks)); or write smtp:ADDRESS")
    }
}
