import Foundation
import Testing
import YuqingConfig
import YuqingCore

/// yuqing.yml: values, the storage path rules, and one test per kind of mistake.
@Suite struct SettingsTests {
    let directory = URL(fileURLWithPath: "/etc/yuqing")

    @Test func everyKeyIsRead() throws {
        let settings = try ConfigLoader.loadSettings(text: """
            storage:
              path: /var/lib/yuqing/main.sqlite
            timezone: Asia/Urumqi
            crawl:
              user_agent: "Yuqing/0.2 (+https://desk.example.gov.cn/)"
              default_interval: 15m
              minimum_interval: 2m
              connect_timeout: 5s
              timeout: 1m
              max_body: 512KB
              max_redirects: 0
              concurrency: 4
            """, directory: directory, environment: [:])
        #expect(settings == ServiceSettings(
            databasePath: "/var/lib/yuqing/main.sqlite",
            timeZone: "Asia/Urumqi",
            crawl: CrawlSettings(
                userAgent: "Yuqing/0.2 (+https://desk.example.gov.cn/)",
                defaultInterval: .seconds(900), minimumInterval: .seconds(120),
                connectTimeout: .seconds(5), totalTimeout: .seconds(60),
                maxBodyBytes: 512 * 1024, maxRedirects: 0, concurrency: 4
            )
        ))
    }

    @Test func storyIndexMemoryLimitIsRead() throws {
        let settings = try ConfigLoader.loadSettings(text: "stories:\n  memory_limit: 16MB\n", directory: directory, environment: [:])
        #expect(settings.stories.memoryLimit == 16 * 1_048_576)
        let defaults = try ConfigLoader.loadSettings(text: "", directory: directory, environment: [:])
        #expect(defaults.stories.memoryLimit == 40 * 1_048_576)
    }

    @Test func emptyTextGivesCoreDefaults() throws {
        for text in ["", "# all defaults\n"] {
            let settings = try ConfigLoader.loadSettings(text: text, directory: directory, environment: [:])
            #expect(settings == ServiceSettings(databasePath: "/etc/yuqing/data/yuqing.sqlite"))
            // The demo relies on short intervals: Core's 1s minimum stays unless yuqing.yml sets one.
            #expect(settings.crawl.minimumInterval == .seconds(1))
        }
    }

    @Test func relativeStoragePathResolvesAgainstTheConfigDirectory() throws {
        let settings = try ConfigLoader.loadSettings(
            text: "storage:\n  path: ../state/./yuqing.sqlite\n",
            directory: directory, environment: ["STATE_DIRECTORY": "/var/lib/yuqing"]
        )
        #expect(settings.databasePath == "/etc/state/yuqing.sqlite")
    }

    @Test func stateDirectoryIsTheDefaultUnderSystemd() throws {
        let settings = try ConfigLoader.loadSettings(
            text: "", directory: directory, environment: ["STATE_DIRECTORY": "/var/lib/yuqing:/var/lib/other"]
        )
        #expect(settings.databasePath == "/var/lib/yuqing/yuqing.sqlite")
        let unset = try ConfigLoader.loadSettings(text: "", directory: directory, environment: ["STATE_DIRECTORY": ""])
        #expect(unset.databasePath == "/etc/yuqing/data/yuqing.sqlite")
    }

    @Test(arguments: [
        ("512KB", 524_288), ("10MB", 10_485_760), ("1GB", 1_073_741_824), ("4096", 4096),
        ("1.5 MB", 1_572_864), ("64kib", 65_536),
    ])
    func sizes(text: String, bytes: Int) throws {
        let settings = try ConfigLoader.loadSettings(
            text: "crawl:\n  max_body: \(text)\n", directory: directory, environment: [:]
        )
        #expect(settings.crawl.maxBodyBytes == bytes)
    }

    @Test func unknownKeyInCrawl() throws {
        let issue = try #require(TestSupport.settingsIssues("""
            crawl:
              user-agent: test
            """).only)
        #expect((issue.line, issue.column) == (2, 3))
        #expect(issue.message == "unknown key 'user-agent' in 'crawl'; did you mean 'user_agent'?")
        #expect(issue.file == "yuqing.yml")
    }

    @Test func unknownTopLevelKey() throws {
        let issue = try #require(TestSupport.settingsIssues("time_zone: Asia/Shanghai\n").only)
        #expect((issue.line, issue.column) == (1, 1))
        #expect(issue.message == "unknown key 'time_zone' at the top of yuqing.yml; did you mean 'timezone'?")
    }

    @Test func badTimeZone() throws {
        let issues = TestSupport.settingsIssues("timezone: asia/shanghai\n")
        let issue = try #require(issues.only)
        #expect((issue.line, issue.column) == (1, 11))
        #expect(issue.message == "unknown time zone 'asia/shanghai'; use an IANA name such as Asia/Shanghai (did you mean 'Asia/Shanghai'?)")
        let far = try #require(TestSupport.settingsIssues("timezone: Beijing Time\n").only)
        #expect(far.message == "unknown time zone 'Beijing Time'; use an IANA name such as Asia/Shanghai")
    }

    @Test func badDurationSizeAndNegativeNumbers() throws {
        let issues = TestSupport.settingsIssues("""
            crawl:
              timeout: 30 seconds
              max_body: 10 megs
              max_redirects: -1
              concurrency: 0
              connect_timeout: [10s]
            """)
        #expect(issues.map { [$0.line, $0.column] } == [[2, 12], [3, 13], [4, 18], [5, 16], [6, 20]])
        #expect(issues[0].message.hasPrefix("bad timeout '30 seconds' in 'crawl': write a number with a unit"))
        #expect(issues[1].message.hasPrefix("bad max_body '10 megs' in 'crawl': write a number of bytes or a size in KB, MB or GB"))
        #expect(issues[2].message == "'max_redirects' in 'crawl' must not be negative, found -1")
        #expect(issues[3].message == "'concurrency' in 'crawl' must be at least 1, found 0")
        #expect(issues[4].message.hasPrefix("expected text for 'connect_timeout' in 'crawl', found a list"))
    }

    @Test func negativeOrZeroSize() throws {
        let issues = TestSupport.settingsIssues("crawl:\n  max_body: -1MB\n")
        #expect(issues.map(\.message) == ["'max_body' in 'crawl' must not be negative, found '-1MB'"])
        let zero = TestSupport.settingsIssues("crawl:\n  max_body: 0\n")
        #expect(zero.map(\.message) == ["'max_body' in 'crawl' must be larger than zero, found '0'"])
    }

    @Test func sectionThatIsNotAMap() throws {
        let issue = try #require(TestSupport.settingsIssues("storage: data/yuqing.sqlite\n").only)
        #expect((issue.line, issue.column) == (1, 10))
        #expect(issue.message.hasPrefix("expected a map for 'storage', found 'data/yuqing.sqlite'; indent its keys (path)"))
    }

    @Test func defaultIntervalBelowMinimum() throws {
        let issue = try #require(TestSupport.settingsIssues("""
            crawl:
              default_interval: 30s
              minimum_interval: 1m
            """).only)
        #expect((issue.line, issue.column) == (2, 21))
        #expect(issue.message.hasPrefix("default_interval 30s in 'crawl' is shorter than minimum_interval 1m"))
    }
}
