import Foundation
import Testing
import YuqingConfig
import YuqingCore
import YuqingExtract

/// `ConfigLoader.load(directory:)`: files on disk, both checked in one run, and the repo's own examples.
@Suite struct ConfigLoaderTests {
    /// The package root, found from this file's path (Tests/YuqingConfigTests/ConfigLoaderTests.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func repositoryExampleFilesLoadCleanly() throws {
        let configuration: Configuration
        do {
            configuration = try ConfigLoader.load(directory: Self.packageRoot, environment: [:],
                                                  selectorChecker: PageSelectorChecker())
        } catch {
            Issue.record("example files have errors:\n\(error)")
            return
        }
        #expect(configuration.sources.count == 8)
        #expect(Set(configuration.sources.map(\.kind)) == Set(SourceKind.allCases))
        #expect(Set(configuration.sources.map(\.channel)) == Set(Channel.allCases).subtracting([.other]))
        #expect(configuration.sources.contains { !$0.enabled })
        #expect(configuration.settings.timeZone == "Asia/Shanghai")
        #expect(configuration.settings.crawl.minimumInterval == .seconds(60))
        #expect(configuration.settings.databasePath == Self.packageRoot.appendingPathComponent("data/yuqing.sqlite").standardizedFileURL.path)
        #expect(configuration.source(id: "weibo-police")?.url.host == "127.0.0.1")
    }

    @Test func withoutYuqingYmlDefaultsApply() throws {
        let directory = try TestSupport.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write(TestSupport.oneSource, to: "Sources.yml", in: directory)

        let configuration = try ConfigLoader.load(directory: directory, environment: [:])
        #expect(configuration.settings.databasePath
            == directory.appendingPathComponent("data/yuqing.sqlite").standardizedFileURL.path)
        #expect(configuration.settings.crawl == CrawlSettings())
        #expect(configuration.sources.map(\.id) == ["gov-news"])
        #expect(configuration.directory == directory)

        let underSystemd = try ConfigLoader.load(directory: directory, environment: ["STATE_DIRECTORY": "/var/lib/yuqing"])
        #expect(underSystemd.settings.databasePath == "/var/lib/yuqing/yuqing.sqlite")
    }

    @Test func relativeStoragePathResolvesAgainstTheDirectory() throws {
        let directory = try TestSupport.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write("storage:\n  path: db/main.sqlite\n", to: "yuqing.yml", in: directory)
        try TestSupport.write(TestSupport.oneSource, to: "Sources.yml", in: directory)

        let configuration = try ConfigLoader.load(directory: directory, environment: ["STATE_DIRECTORY": "/var/lib/yuqing"])
        #expect(configuration.settings.databasePath
            == directory.appendingPathComponent("db/main.sqlite").standardizedFileURL.path)
    }

    @Test func missingSourcesFile() throws {
        let directory = try TestSupport.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try ConfigLoader.load(directory: directory, environment: [:])
            Issue.record("expected an error")
        } catch {
            let issue = try #require(error.issues.only)
            #expect(issue.file == "Sources.yml")
            #expect(issue.path == directory.appendingPathComponent("Sources.yml").path)
            #expect((issue.line, issue.column) == (1, 1))
            #expect(issue.message.hasPrefix("file not found: \(issue.path)"))
        }
    }

    @Test func minimumIntervalFromYuqingYmlAppliesToSources() throws {
        let directory = try TestSupport.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write("crawl:\n  minimum_interval: 5m\n", to: "yuqing.yml", in: directory)
        try TestSupport.write(TestSupport.oneSource + "\n    interval: 1m\n", to: "Sources.yml", in: directory)
        do {
            _ = try ConfigLoader.load(directory: directory, environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.map(\.description) == [
                "Sources.yml:4:15: error: interval 1m in source 'gov-news' is shorter than the minimum 5m (crawl.minimum_interval in yuqing.yml); use 5m or longer",
            ])
        }
    }

    @Test func problemsInBothFilesAreReportedTogether() throws {
        let directory = try TestSupport.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write("timezone: Mars/Olympus\ncrawl:\n  concurrency: -2\n", to: "yuqing.yml", in: directory)
        try TestSupport.write("sources:\n  - id: a\n    url: https://a.example.cn/\n    kind: html\n", to: "Sources.yml", in: directory)
        do {
            _ = try ConfigLoader.load(directory: directory, environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.map { "\($0.file):\($0.line):\($0.column)" } == [
                "yuqing.yml:1:11", "yuqing.yml:3:16", "Sources.yml:4:11",
            ])
            #expect(error.description.split(separator: "\n").count == 3)
            #expect(error.issues.allSatisfy { $0.path.hasPrefix(directory.path) })
        }
    }

    @Test func invalidUTF8IsLocated() throws {
        let directory = try TestSupport.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var data = Data("sources:\n  - id: a\n    name: ".utf8)
        data += [0xC4, 0xBF, 0xCA, 0xD0] // 某市 in GBK
        data += Data("\n    url: https://a.example.cn/\n".utf8)
        try data.write(to: directory.appendingPathComponent("Sources.yml"))
        do {
            _ = try ConfigLoader.load(directory: directory, environment: [:])
            Issue.record("expected an error")
        } catch {
            let issue = try #require(error.issues.only)
            // GBK's C4 BF happens to be valid UTF-8 (U+013F); the first invalid byte is the next one.
            #expect((issue.line, issue.column) == (3, 12))
            #expect(issue.message.hasPrefix("the file is not valid UTF-8"))
        }
    }
}
