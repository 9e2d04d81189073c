import Foundation
import Testing
import YuqingConfig
import YuqingCore

/// The `alerts:` block of yuqing.yml.
@Suite struct AlertSettingsTests {
    let directory = URL(fileURLWithPath: "/etc/yuqing")

    @Test func everyKeyIsRead() throws {
        let settings = try ConfigLoader.loadSettings(text: """
            alerts:
              cooldown: 2h
              update_after: 5
              realert: never
              quiet_hours: "22:30-06:45"
              quiet_hold_below: critical
              retry_base: 10s
              retry_max: 10m
              give_up_after: 6h
              default_recipients: [值班室, 宣传部]
            """, directory: directory, environment: [:])
        #expect(settings.alerts == AlertSettings(
            cooldown: .seconds(7_200), updateAfter: 5, realert: .never, quietHours: QuietHours(start: 1_350, end: 405),
            quietHoldBelow: .critical, retryBase: .seconds(10), retryMax: .seconds(600), giveUpAfter: .seconds(21_600),
            defaultRecipients: ["值班室", "宣传部"]))
        let chinese = try ConfigLoader.loadSettings(text: "alerts:\n  quiet_hold_below: 较大\n  quiet_hours: off\n",
                                                    directory: directory, environment: [:])
        #expect(chinese.alerts.quietHoldBelow == .medium)
        #expect(chinese.alerts.quietHours == nil)
    }

    @Test func defaultsWithoutTheBlock() throws {
        let settings = try ConfigLoader.loadSettings(text: "", directory: directory, environment: [:])
        #expect(settings.alerts == AlertSettings())
        #expect(settings.alerts.quietHours == nil)
    }

    @Test func mistakesPointAtTheValue() throws {
        let issues = TestSupport.settingsIssues("""
            alerts:
              quiet_hours: 22-7
              quiet_hold_below: urgent
              realert: always
              update_after: 0
              retry_base: 1h
              retry_max: 1m
              cooldwn: 1h
            """)
        #expect(issues.map { [$0.line, $0.column] } == [[2, 16], [3, 21], [4, 12], [5, 17], [7, 14], [8, 3]])
        #expect(issues[0].message.hasPrefix("bad quiet_hours '22-7' in 'alerts': write a local-time window such as 22:00-07:00"))
        #expect(issues[1].message.hasPrefix("unknown severity 'urgent' for quiet_hold_below in 'alerts'; write one of 一般, 较大"))
        #expect(issues[2].message.hasPrefix("bad realert 'always' in 'alerts': write updates"))
        #expect(issues[3].message == "'update_after' in 'alerts' must be at least 1, found 0")
        #expect(issues[4].message.hasPrefix("retry_max 1m in 'alerts' is shorter than retry_base 1h"))
        #expect(issues[5].message == "unknown key 'cooldwn' in 'alerts'; did you mean 'cooldown'?")
    }
}
