import Foundation
import YuqingCore

/// Reads the sentiment lexicons in `Rules/sentiment/` (see `SentimentLexicon` for the format).
///
/// `positive.txt` and `negative.txt` are the word lists; `negation.txt`, `degree.txt` and
/// `contrast.txt` are optional and fall back to the built-in lists; `learned.tsv` (learned
/// term weights) is optional and, when absent, the hand lists score alone. Without the
/// directory there is no lexicon and every item reads neutral (so `negative_only` rules never
/// match). Every file is part of the fingerprint, so editing or deleting any one reloads.
public enum SentimentLexiconLoader {
    /// The subdirectory of `Rules/` holding the lexicons.
    public static let folder = "sentiment"
    /// The files read, in the order errors are reported.
    public static let fileNames = ["positive.txt", "negative.txt", "negation.txt", "degree.txt", "contrast.txt", "learned.tsv"]

    /// Loads `rulesDirectory/sentiment/`; nil when that directory does not exist.
    /// Issues name files as `Rules/sentiment/negative.txt` with their line.
    public static func load(rulesDirectory: URL) throws(ConfigErrors) -> SentimentLexicon? {
        let directory = rulesDirectory.appendingPathComponent(folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { return nil }
        let prefix = "\(rulesDirectory.lastPathComponent)/\(folder)/"
        var texts: [String: String] = [:]
        var issues: [ConfigIssue] = []
        for name in fileNames {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                if FileManager.default.fileExists(atPath: url.path) {
                    issues.append(ConfigIssue(file: prefix + name, path: url.path, line: 1, column: 1,
                                              message: "cannot read \(url.path); it must be a readable UTF-8 text file (not a directory)"))
                }
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                issues.append(ConfigIssue(file: prefix + name, path: url.path, line: firstNonUTF8Line(data), column: 1,
                                          message: "the file is not valid UTF-8 (saved as GBK?); save it as UTF-8"))
                continue
            }
            texts[name] = text
        }
        guard issues.isEmpty else { throw ConfigErrors(issues: issues) }
        do {
            return try SentimentLexicon.parse(
                positive: texts["positive.txt"] ?? "", negative: texts["negative.txt"] ?? "",
                negation: texts["negation.txt"], degree: texts["degree.txt"],
                contrast: texts["contrast.txt"], learned: texts["learned.tsv"])
        } catch {
            throw ConfigErrors(issues: [ConfigIssue(
                file: prefix + error.file, path: directory.appendingPathComponent(error.file).path,
                line: error.line, column: 1, message: error.message)])
        }
    }

    /// A short hex fingerprint of the lexicon files (names and bytes); "none" without any.
    public static func fingerprint(rulesDirectory: URL) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a, stable across runs
        var any = false
        for name in fileNames {
            guard let data = FileManager.default.contents(atPath: rulesDirectory.appendingPathComponent(folder).appendingPathComponent(name).path)
            else { continue }
            for byte in Array(name.utf8) + [0] + Array(data) + [0] {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            any = true
        }
        return any ? String(hash, radix: 16) : "none"
    }

    private static func firstNonUTF8Line(_ data: Data) -> Int {
        var line = 1
        for bytes in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if String(data: Data(bytes), encoding: .utf8) == nil { break }
            line += 1
        }
        return line
    }
}
