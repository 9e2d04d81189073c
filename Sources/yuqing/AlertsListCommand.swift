import ArgumentParser
import Foundation
import YuqingCore
import YuqingStore

/// `yuqing alerts list`: recent alerts, newest first, one line per delivery.
struct AlertsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List recent alerts with rule, severity, title and each delivery's state.",
        discussion: """
        Delivery states: sent (已发送), pending (待发送: first attempt or waiting to retry), failed (失败:
        a permanent error, or still failing after alerts.give_up_after). Held alerts (夜间暂缓) wait for
        the end of quiet hours and go out in one summary.

        Examples:
          yuqing alerts list --config /etc/yuqing
          yuqing alerts list --failed --limit 50
        """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "How many alerts to show.")
    var limit = 20

    @Flag(help: "Show only alerts with a failed delivery.")
    var failed = false

    func run() throws {
        let configuration = try options.loadConfiguration()
        let store = try Store(path: configuration.settings.databasePath)
        let time = LocalTime(zone: configuration.settings.timeZone)
        let alerts = try store.recentAlerts(limit: max(1, limit), failedOnly: failed)
        guard !alerts.isEmpty else {
            print(failed ? "没有发送失败的预警 (no failed alerts)" : "暂无预警 (no alerts yet)")
            return
        }
        var table = TextTable(header: ["编号", "时间", "规则", "级别", "类型", "标题", "投递", "状态", "次数", "说明"])
        for alert in alerts {
            let head = [
                String(alert.id), time.format(alert.createdAt), alert.ruleName.isEmpty ? "-" : alert.ruleName,
                alert.severity.chineseName, alert.kind.chineseLabel, SourcesCommand.clip(alert.title, to: 36),
            ]
            let blank = Array(repeating: "", count: head.count)
            if alert.deliveries.isEmpty {
                let (state, note) = switch alert.state {
                case "held": ("held 夜间暂缓", "与其他暂缓预警一起于 \(time.format(alert.dueAt)) 汇总发送")
                case "summarized": ("summarized 已汇总", alert.summaryID.map { "见汇总预警 \($0)" } ?? "")
                default: ("-", "无接收人：检查规则的 notify 与 alerts.default_recipients")
                }
                table.rows.append(head + ["-", state, "-", note])
                continue
            }
            for (index, delivery) in alert.deliveries.enumerated() {
                let state = switch delivery.state {
                case .sent: "sent 已发送"
                case .pending: "pending 待发送"
                case .failed: "failed 失败"
                }
                var note = delivery.lastError ?? ""
                if delivery.state == .sent, let sentAt = delivery.sentAt { note = time.format(sentAt) }
                if delivery.state == .pending, let next = delivery.nextAttemptAt, delivery.attempts > 0 {
                    note = "下次重试 \(time.format(next))：" + note
                }
                table.rows.append((index == 0 ? head : blank) + [
                    delivery.target, state, String(delivery.attempts), SourcesCommand.clip(note, to: 80),
                ])
            }
        }
        print(table.render())
        print("\n待发送 (outbox): \(try store.outboxDepth())")
    }
}
