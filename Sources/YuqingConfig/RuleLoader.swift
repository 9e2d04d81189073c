import Foundation
import YuqingCore

/// Reads the `Rules/` directory: term lists (`*.txt`) and rule files (`*.yml`, `*.yaml`), reporting
/// every problem in every file with its `file:line:column`.
///
/// Only the directory's own files are read, in name order; subdirectories are left for other kinds
/// of rule data (sentiment lexicons), and hidden files and editor backups (`~`) are skipped.
public enum RuleLoader {
    /// Extensions of term lists.
    public static let listExtensions: Set<String> = ["txt"]
    /// Extensions of rule files.
    public static let ruleFileExtensions: Set<String> = ["yml", "yaml"]

    /// Loads every rule file in `directory` (the `Rules` directory itself).
    /// Issues name files as `Rules/环保.yml`, after the directory's own name.
    public static func load(directory: URL) throws(ConfigErrors) -> RuleSet {
        let folder = directory.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw ConfigErrors(issues: [ConfigIssue(
                file: folder, path: directory.path, line: 1, column: 1,
                message: "rules directory not found: \(directory.path); create it and put term lists (*.txt) "
                    + "or rule files (*.yml) in it"
            )])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw ConfigErrors(issues: [ConfigIssue(
                file: folder, path: directory.path, line: 1, column: 1,
                message: "cannot list \(directory.path): \(error.localizedDescription); check its permissions"
            )])
        }
        var files: [RuleFile] = []
        var issues: [ConfigIssue] = []
        for name in names.sorted() where isRuleFileName(name) {
            let url = directory.appendingPathComponent(name)
            var isSubdirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isSubdirectory),
                  !isSubdirectory.boolValue else { continue }
            let display = "\(folder)/\(name)"
            switch readText(at: url, file: display) {
            case let .success(text):
                files.append(RuleFile(name: name, display: display, path: url.path, text: text))
            case let .failure(issue):
                issues.append(issue)
            }
        }
        return try load(files, earlierIssues: issues)
    }

    /// Loads one file's text (tests, `yuqing rules test`); its format follows the extension of `fileName`.
    public static func load(text: String, fileName: String) throws(ConfigErrors) -> RuleSet {
        try load(files: [(fileName, text)])
    }

    /// Loads several files given as text, checked together (unique names, groups of volume rules).
    public static func load(files: [(name: String, text: String)]) throws(ConfigErrors) -> RuleSet {
        try load(files.map { RuleFile(name: ($0.name as NSString).lastPathComponent, display: $0.name, path: $0.name, text: $0.text) }, earlierIssues: [])
    }

    /// Whether a directory entry is read as rules.
    static func isRuleFileName(_ name: String) -> Bool {
        guard !name.hasPrefix("."), !name.hasSuffix("~") else { return false }
        let ext = (name as NSString).pathExtension.lowercased()
        return listExtensions.contains(ext) || ruleFileExtensions.contains(ext)
    }

    // MARK: Loading

    private struct RuleFile {
        var name: String
        var display: String
        var path: String
        var text: String

        var stem: String { (name as NSString).deletingPathExtension }
        var isList: Bool { RuleLoader.listExtensions.contains((name as NSString).pathExtension.lowercased()) }
    }

    private static func load(_ files: [RuleFile], earlierIssues: [ConfigIssue]) throws(ConfigErrors) -> RuleSet {
        var issuesByFile: [String: [ConfigIssue]] = [:]
        var order: [String] = []
        func add(_ issue: ConfigIssue) {
            if !order.contains(issue.file) { order.append(issue.file) }
            issuesByFile[issue.file, default: []].append(issue)
        }
        earlierIssues.forEach(add)

        var loaded: [(file: RuleFile, rule: LoadedRule)] = []
        var groups: Set<String> = []
        for file in files {
            if issuesByFile[file.display] == nil, !order.contains(file.display) { order.append(file.display) }
            if file.isList {
                var reader = RuleListReader(file: file.display, path: file.path)
                groups.insert(file.stem)
                if let rule = reader.read(file.text, group: file.stem) {
                    loaded.append((file, rule))
                }
                reader.reader.issues.forEach(add)
            } else {
                var reader = RuleFileReader(file: file.display, path: file.path, defaultGroup: file.stem)
                for rule in reader.read(file.text) {
                    loaded.append((file, rule))
                }
                reader.reader.issues.forEach(add)
            }
        }

        // Names are unique across all files: alerts, cooldowns and `yuqing rules test` go by them.
        var firstPlace: [String: String] = [:]
        var rules: [WatchRule] = []
        var volumeRules: [(file: RuleFile, rule: LoadedRule, volume: VolumeRule)] = []
        for (file, rule) in loaded {
            if let first = firstPlace[rule.name] {
                add(ConfigIssue(
                    file: file.display, path: file.path, line: rule.nameLine, column: rule.nameColumn,
                    message: "duplicate rule name '\(rule.name)'; it is already used at \(first); "
                        + "rule names must be unique across all files in Rules/ (a term list is named after its file)"
                ))
                continue
            }
            firstPlace[rule.name] = "\(file.display):\(rule.nameLine)"
            switch rule.content {
            case let .watch(watch):
                rules.append(watch)
                groups.insert(watch.group)
            case let .volume(volume):
                volumeRules.append((file, rule, volume))
            }
        }

        // A volume rule counts a group's matches; a group no rule feeds would never fire.
        for (file, rule, volume) in volumeRules where !groups.contains(volume.group) {
            var message = "no watch rule is in group '\(volume.group)', so this \(Self.kindName(volume)) rule "
                + "would never fire; use the group of a term list or rule"
            if let suggestion = KeySuggestion.closest(to: volume.group, in: groups.sorted()) {
                message += " (did you mean '\(suggestion)'?)"
            } else if !groups.isEmpty {
                message += ": \(groups.sorted().joined(separator: ", "))"
            }
            add(ConfigIssue(file: file.display, path: file.path, line: rule.groupLine, column: rule.groupColumn, message: message))
        }

        let issues = order.flatMap { file in
            (issuesByFile[file] ?? []).enumerated()
                .sorted { ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset) }
                .map(\.element)
        }
        guard issues.isEmpty else { throw ConfigErrors(issues: issues) }
        return RuleSet(rules: rules, volumeRules: volumeRules.map(\.volume), groups: groups.sorted())
    }

    private static func kindName(_ rule: VolumeRule) -> String {
        switch rule.trigger {
        case .count: return "volume"
        case .spike: return "spike"
        case .negativeShare: return "negative_surge"
        }
    }

    // MARK: Files

    private enum FileText {
        case success(String)
        case failure(ConfigIssue)
    }

    private static func readText(at url: URL, file: String) -> FileText {
        func issue(_ message: String, line: Int = 1, column: Int = 1) -> FileText {
            .failure(ConfigIssue(file: file, path: url.path, line: line, column: column, message: message))
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return issue("cannot read \(url.path): \(error.localizedDescription); check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            // Locate the first byte that is not UTF-8, so the odd line in a big list can be found.
            var line = 1
            var column = 1
            for lineBytes in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                if String(data: Data(lineBytes), encoding: .utf8) == nil {
                    var prefix = Data(lineBytes)
                    while !prefix.isEmpty, String(data: prefix, encoding: .utf8) == nil {
                        prefix.removeLast()
                    }
                    column = (String(data: prefix, encoding: .utf8)?.unicodeScalars.count ?? 0) + 1
                    break
                }
                line += 1
            }
            return issue(
                "the file is not valid UTF-8 (saved as GBK by Notepad or Excel?); save it as UTF-8",
                line: line, column: column
            )
        }
        return .success(text)
    }
}

