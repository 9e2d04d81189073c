import Foundation
import Testing
import YuqingConfig
import YuqingCore

/// yuqing.yml: the `report:` and `digests:` blocks.
@Suite struct DigestSettingsTests {
    @Test func digestsAndReportAreRead() throws {
        let settings = try ConfigLoader.loadSettings(text: """
            report:
              title: 江临市委网信办
              logo: https://www.jiangling.example.gov.cn/logo.png
              language: zh-CN
              templates: templates
              archive: /var/lib/yuqing/reports
            digests:
              - name: 周报
                period: week
                at: "周一 08:00"
                to: [宣传部, 值班室]
              - name: monthly-en
                period: month
                at: "1 09:00"
                to: 值班室
                groups: [安全生产]
                regions: [江临市, 东川区]
                language: en
              - name: 日报
                period: day
            """, directory: URL(fileURLWithPath: "/etc/yuqing"), environment: [:])
        #expect(settings.report == ReportSettings(
            title: "江临市委网信办", logoURL: "https://www.jiangling.example.gov.cn/logo.png", language: .zhCN,
            templateDirectory: "/etc/yuqing/templates", archiveDirectory: "/var/lib/yuqing/reports"))
        #expect(settings.digests == [
            DigestSchedule(name: "周报", period: .week, at: DigestSendTime(weekday: 1, hour: 8, minute: 0), recipients: ["宣传部", "值班室"],
                           recipientOrigins: ["宣传部": RuleOrigin(file: "yuqing.yml", line: 11), "值班室": RuleOrigin(file: "yuqing.yml", line: 11)]),
            DigestSchedule(name: "monthly-en", period: .month, at: DigestSendTime(dayOfMonth: 1, hour: 9, minute: 0),
                           recipients: ["值班室"], groups: ["安全生产"], regions: ["江临市", "东川区"], language: .en,
                           recipientOrigins: ["值班室": RuleOrigin(file: "yuqing.yml", line: 15)]),
            DigestSchedule(name: "日报", period: .day, at: DigestSendTime(hour: 8, minute: 0)),
        ])
    }

    @Test func mistakesAreReportedWhereTheyAre() {
        let issues = TestSupport.settingsIssues("""
            digests:
              - name: 周报
                period: weekly
                at: "周八 08:00"
              - name: 周报
                period: week
              - name: m
                period: mnth
              - name: d
                period: day
                languge: en
            report:
              logo: javascript:alert(1)
            """)
        let lines = issues.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(lines.contains { $0.hasPrefix("4:9 ") && $0.contains("周八 08:00") && $0.contains("mon 08:00") })
        #expect(lines.contains { $0.hasPrefix("5:11 ") && $0.contains("used twice") })
        #expect(lines.contains { $0.hasPrefix("8:13 ") && $0.contains("did you mean 'month'") })
        #expect(lines.contains { $0.hasPrefix("11:5 ") && $0.contains("languge") && $0.contains("language") })
        #expect(lines.contains { $0.hasPrefix("13:9 ") && $0.contains("http(s) URL") })
    }

    @Test func toWrittenAsOneLineNamesEachRecipient() throws {
        let settings = try ConfigLoader.loadSettings(text: """
            recipients:
              值班室: {email: duty@example.gov.cn}
              宣传部: {email: press@example.gov.cn}
            digests:
              - name: 周报
                period: week
                to: 值班室, 宣传部
            """, directory: URL(fileURLWithPath: "/etc/yuqing"), environment: [:])
        #expect(settings.digests.first?.recipients == ["值班室", "宣传部"])
    }
}
