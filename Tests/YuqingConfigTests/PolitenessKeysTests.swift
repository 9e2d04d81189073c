import Foundation
import Testing
import YuqingConfig
import YuqingCore

/// The politeness and safety keys: `robots`, `allow_private_addresses`, `crawl.per_host_*`.
@Suite struct PolitenessKeysTests {
    @Test func sourceSafetyKeysAreRead() throws {
        let sources = try ConfigLoader.loadSources(text: """
            sources:
              - id: own-site
                url: https://www.example.gov.cn/rss.xml
                robots: ignore
              - id: intranet
                url: http://oa.example.gov.cn/feed
                allow_private_addresses: true
              - id: plain
                url: https://news.example.cn/rss.xml
            """, defaults: CrawlSettings())
        #expect(sources.map(\.obeysRobots) == [false, true, true])
        #expect(sources.map(\.allowsPrivateAddresses) == [false, true, false])
    }

    @Test func badValuesAndDefaultsAreReported() {
        let bad = TestSupport.sourceIssues("""
            sources:
              - id: a
                url: https://www.example.gov.cn/rss.xml
                robots: sometimes
            """)
        #expect(bad.count == 1)
        #expect(bad.first?.message.contains("'obey'") == true)
        let inDefaults = TestSupport.sourceIssues("""
            defaults:
              robots: ignore
              allow_private_addresses: true
            sources:
              - id: a
                url: https://www.example.gov.cn/rss.xml
            """)
        #expect(inDefaults.count == 2)
        #expect(inDefaults.allSatisfy { $0.message.contains("cannot be set in 'defaults'") })
    }

    @Test func perHostSettingsAreRead() throws {
        let settings = try ConfigLoader.loadSettings(text: """
            crawl:
              per_host_concurrency: 3
              per_host_delay: 0s
            """, directory: URL(fileURLWithPath: "/etc/yuqing"), environment: [:])
        #expect(settings.crawl.perHostConcurrency == 3)
        #expect(settings.crawl.perHostDelay == .zero)
        let defaults = try ConfigLoader.loadSettings(text: "", directory: URL(fileURLWithPath: "/etc/yuqing"), environment: [:])
        #expect(defaults.crawl.perHostConcurrency == 2)
        #expect(defaults.crawl.perHostDelay == .seconds(1))
        #expect(TestSupport.settingsIssues("crawl:\n  per_host_concurrency: 0\n").count == 1)
        #expect(TestSupport.settingsIssues("crawl:\n  per_host_delay: soon\n").count == 1)
    }
}
