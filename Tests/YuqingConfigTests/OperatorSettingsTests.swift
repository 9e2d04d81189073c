import Foundation
import Testing
import YuqingConfig
import YuqingCore

/// yuqing.yml's `http:` and `retention:` blocks.
@Suite struct OperatorSettingsTests {
    let directory = URL(fileURLWithPath: "/etc/yuqing")

    @Test func httpIsOffWithoutTheBlockAndOnWithIt() throws {
        let none = try ConfigLoader.loadSettings(text: "timezone: Asia/Shanghai\n", directory: directory, environment: [:])
        #expect(none.http.enabled == false)
        let some = try ConfigLoader.loadSettings(text: "http:\n  listen: 127.0.0.1:9500\n", directory: directory, environment: [:])
        #expect(some.http == HTTPSettings(enabled: true, host: "127.0.0.1", port: 9500))
        let ipv6 = try ConfigLoader.loadSettings(text: "http:\n  listen: \"[::1]:9464\"\n", directory: directory, environment: [:])
        #expect(ipv6.http.host == "::1")
    }

    @Test func aRemoteListenAddressNeedsAllowRemote() throws {
        let issue = try #require(TestSupport.settingsIssues("http:\n  listen: 0.0.0.0:9464\n").only)
        #expect((issue.line, issue.column) == (2, 11))
        #expect(issue.message.contains("not a loopback address"))
        #expect(issue.message.contains("allow_remote: true"))
        let allowed = try ConfigLoader.loadSettings(
            text: "http:\n  listen: 0.0.0.0:9464\n  allow_remote: true\n", directory: directory, environment: [:])
        #expect(allowed.http.host == "0.0.0.0")
    }

    @Test func aBadListenAddressSaysWhatToWrite() throws {
        let issue = try #require(TestSupport.settingsIssues("http:\n  listen: 9464\n").only)
        #expect(issue.message.contains("write HOST:PORT"))
    }

    @Test func retentionReadsDurationsAndForeverAndRefusesTinyValues() throws {
        let settings = try ConfigLoader.loadSettings(
            text: "retention:\n  items: 180d\n  fetch_log: forever\n", directory: directory, environment: [:])
        #expect(settings.retention == RetentionSettings(items: .seconds(180 * 86_400), fetchLog: nil))
        #expect(try ConfigLoader.loadSettings(text: "", directory: directory, environment: [:]).retention
            == RetentionSettings(items: nil, fetchLog: .seconds(30 * 86_400)))
        let issue = try #require(TestSupport.settingsIssues("retention:\n  items: 10m\n").only)
        #expect((issue.line, issue.column) == (2, 10))
        #expect(issue.message.contains("at least 1d"))
    }
}
