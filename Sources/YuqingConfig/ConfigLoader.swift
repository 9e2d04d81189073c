import Foundation
import YuqingCore

/// Reads a config directory (`yuqing.yml`, `Sources.yml`) into a `Configuration`,
/// reporting every problem it finds with its file, line and column.
public enum ConfigLoader {
    /// Name of the service settings file inside the config directory (optional).
    public static let settingsFileName = "yuqing.yml"
    /// Name of the sources file inside the config directory (required).
    public static let sourcesFileName = "Sources.yml"

    /// Loads `directory/yuqing.yml` (absent: defaults) and `directory/Sources.yml` (required).
    /// Both files are always checked, so one run lists every problem in either.
    /// - Parameters:
    ///   - environment: consulted for `STATE_DIRECTORY` (systemd), the default home of the database.
    ///   - selectorChecker: checks list and forum selectors (`YuqingExtract.PageSelectorChecker`);
    ///     without one only empty selectors are caught here, the others when the source is fetched.
    public static func load(
        directory: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        selectorChecker: (any SelectorChecker)? = nil
    ) throws(ConfigErrors) -> Configuration {
        var issues: [ConfigIssue] = []

        let settingsURL = directory.appendingPathComponent(settingsFileName)
        var settingsReader = SettingsReader(
            reader: NodeReader(file: settingsFileName, path: settingsURL.path),
            directory: directory,
            environment: environment
        )
        let settings: ServiceSettings
        switch readText(at: settingsURL, file: settingsFileName, required: false) {
        case let .text(text):
            settings = settingsReader.read(text)
            issues += settingsReader.reader.sortedIssues
        case .absent:
            settings = settingsReader.read("")
        case let .unreadable(issue):
            settings = settingsReader.read("")
            issues.append(issue)
        }

        let sourcesURL = directory.appendingPathComponent(sourcesFileName)
        var sources: [Source] = []
        switch readText(at: sourcesURL, file: sourcesFileName, required: true) {
        case let .text(text):
            var sourcesReader = SourcesReader(
                reader: NodeReader(file: sourcesFileName, path: sourcesURL.path),
                crawl: settings.crawl,
                selectorChecker: selectorChecker
            )
            sources = sourcesReader.read(text)
            issues += sourcesReader.reader.sortedIssues
        case .absent:
            break // `readText` reports a missing required file as unreadable.
        case let .unreadable(issue):
            issues.append(issue)
        }

        guard issues.isEmpty else { throw ConfigErrors(issues: issues) }
        return Configuration(directory: directory, settings: settings, sources: sources)
    }

    /// Reads sources from text (tests, `yuqing check` on a single file).
    /// - Parameters:
    ///   - fileName: the name shown in issues.
    ///   - path: the full path recorded in issues; defaults to `fileName`.
    ///   - defaults: crawl settings supplying the default and minimum interval.
    ///   - selectorChecker: checks list and forum selectors, as in `load(directory:environment:selectorChecker:)`.
    public static func loadSources(
        text: String,
        fileName: String = sourcesFileName,
        path: String? = nil,
        defaults: CrawlSettings = CrawlSettings(),
        selectorChecker: (any SelectorChecker)? = nil
    ) throws(ConfigErrors) -> [Source] {
        var reader = SourcesReader(
            reader: NodeReader(file: fileName, path: path), crawl: defaults, selectorChecker: selectorChecker)
        let sources = reader.read(text)
        let issues = reader.reader.sortedIssues
        guard issues.isEmpty else { throw ConfigErrors(issues: issues) }
        return sources
    }

    /// Reads service settings from text. An empty text gives the defaults.
    /// - Parameters:
    ///   - fileName: the name shown in issues.
    ///   - path: the full path recorded in issues; defaults to `fileName`.
    ///   - directory: the config directory; relative `storage.path` values resolve against it.
    ///   - environment: consulted for `STATE_DIRECTORY`.
    public static func loadSettings(
        text: String,
        fileName: String = settingsFileName,
        path: String? = nil,
        directory: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigErrors) -> ServiceSettings {
        var reader = SettingsReader(
            reader: NodeReader(file: fileName, path: path),
            directory: directory,
            environment: environment
        )
        let settings = reader.read(text)
        let issues = reader.reader.sortedIssues
        guard issues.isEmpty else { throw ConfigErrors(issues: issues) }
        return settings
    }

    // MARK: Files

    private enum FileText {
        case text(String)
        case absent
        case unreadable(ConfigIssue)
    }

    private static func readText(at url: URL, file: String, required: Bool) -> FileText {
        func issue(_ message: String, line: Int = 1, column: Int = 1) -> FileText {
            .unreadable(ConfigIssue(file: file, path: url.path, line: line, column: column, message: message))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return required
                ? issue("file not found: \(url.path); create it (see the example \(file) in the Yuqing repository)")
                : .absent
        }
        if isDirectory.boolValue {
            return issue("\(url.path) is a directory; \(file) must be a file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return issue("cannot read \(url.path): \(error.localizedDescription); check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column) = firstInvalidUTF8(in: data)
            return issue(
                "the file is not valid UTF-8 (GBK or another legacy encoding?); save it as UTF-8",
                line: line, column: column
            )
        }
        return .text(text)
    }

    /// Where the first byte that breaks UTF-8 is, so the user can find the odd line in a big file.
    private static func firstInvalidUTF8(in data: Data) -> (line: Int, column: Int) {
        var line = 1
        for lineBytes in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if String(data: Data(lineBytes), encoding: .utf8) == nil {
                // Count whole characters before the first bad byte by shrinking the valid prefix.
                var prefix = Data(lineBytes)
                while !prefix.isEmpty, String(data: prefix, encoding: .utf8) == nil {
                    prefix.removeLast()
                }
                let column = (String(data: prefix, encoding: .utf8)?.unicodeScalars.count ?? 0) + 1
                return (line, column)
            }
            line += 1
        }
        return (1, 1)
    }
}
