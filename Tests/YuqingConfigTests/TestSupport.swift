import Foundation
import YuqingConfig
import YuqingCore

/// Helpers shared by the config tests: run a loader on text and return its issues.
enum TestSupport {
    /// The issues `loadSources` reports for `text` (empty when it loads cleanly).
    static func sourceIssues(_ text: String, crawl: CrawlSettings = CrawlSettings()) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.loadSources(text: text, defaults: crawl)
            return []
        } catch {
            return error.issues
        }
    }

    /// The issues `loadSettings` reports for `text`.
    static func settingsIssues(_ text: String) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.loadSettings(text: text, directory: URL(fileURLWithPath: "/etc/yuqing"), environment: [:])
            return []
        } catch {
            return error.issues
        }
    }

    /// A fresh empty directory under the system temporary directory; the caller removes it.
    static func makeDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("yuqing-config-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` inside `directory`.
    static func write(_ text: String, to name: String, in directory: URL) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    /// A minimal valid source list, for tests about yuqing.yml.
    static let oneSource = """
        sources:
          - id: gov-news
            url: https://www.example.gov.cn/rss.xml
        """
}
