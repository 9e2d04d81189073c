import Foundation
import Yams
import YuqingCore

/// One `key: value` pair of a YAML map, with the key as written so errors can point at either.
struct Field {
    /// The key's text.
    let name: String
    /// The key node (its mark is where unknown-key errors point).
    let key: Node
    /// The value node (its mark is where type and value errors point).
    let value: Node
}

/// Walks a composed YAML tree for one file, turning nodes into typed values and every problem into
/// a `ConfigIssue` at the offending node. Readers never stop at the first problem: they report it,
/// return nil for that value and carry on, so one run shows everything that needs fixing.
struct NodeReader {
    /// How `compose` went.
    enum Document {
        /// The root node of the single document.
        case node(Node)
        /// The file holds no document (empty, or comments only).
        case empty
        /// A syntax error, already reported.
        case broken
    }

    /// Display name of the file (`Sources.yml`).
    let file: String
    /// Full path of the file.
    let path: String
    /// The problems found so far, in the order they were found.
    private(set) var issues: [ConfigIssue] = []

    init(file: String, path: String?) {
        self.file = file
        self.path = path ?? file
    }

    /// The issues ordered by position, so the output reads top to bottom like the file.
    var sortedIssues: [ConfigIssue] {
        issues.enumerated()
            .sorted { ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset) }
            .map(\.element)
    }

    // MARK: Reporting

    mutating func report(_ message: String, line: Int, column: Int) {
        issues.append(ConfigIssue(file: file, path: path, line: line, column: column, message: message))
    }

    /// Reports at a node; nodes built by Yams' parser always have a mark, the fallback is the file's top.
    mutating func report(_ message: String, at node: Node) {
        report(message, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    // MARK: Composing

    /// Parses the text into a node tree, reporting syntax errors with their location.
    mutating func compose(_ text: String) -> Document {
        var text = text
        // Notepad on Chinese Windows saves UTF-8 with a BOM; libyaml, told the encoding, would choke on it.
        if text.unicodeScalars.first == "\u{FEFF}" {
            text.unicodeScalars.removeFirst()
        }
        do {
            guard let root = try Yams.compose(yaml: text), !Self.isNull(root) else { return .empty }
            return .node(root)
        } catch let error as YamlError {
            SyntaxErrorReport.add(error, text: text, to: &self)
            return .broken
        } catch {
            report("cannot parse the file: \(error)", line: 1, column: 1)
            return .broken
        }
    }

    // MARK: Node facts

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar = node else { return false }
        return node.null != nil
    }

    /// How a node looks to the user, for "found …" in messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a map"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(scalar):
            return isNull(node) ? "an empty value" : "'\(scalar.string)'"
        }
    }

    // MARK: Maps

    /// The fields of a map by key, reporting keys that are not in `accepted` (with a suggestion).
    /// `<<: *anchor` merge keys are honoured; keys written in the map itself win over merged ones.
    mutating func fields(of mapping: Node.Mapping, accepted: [String], owner: String) -> [String: Field] {
        var result: [String: Field] = [:]
        var merged: [Field] = []
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key else {
                report(
                    "a key \(owner) must be a plain name, found \(Self.describe(key)); "
                        + "write 'name: value' with a plain name before the colon",
                    at: key
                )
                continue
            }
            let name = scalar.string
            if name == "<<", scalar.style == .plain {
                for source in mergeSources(value, owner: owner) {
                    merged += fields(of: source, accepted: accepted, owner: owner).values
                }
                continue
            }
            guard accepted.contains(name) else {
                var message = "unknown key '\(name)' \(owner)"
                if let suggestion = KeySuggestion.closest(to: name, in: accepted) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; accepted keys: \(accepted.joined(separator: ", "))"
                }
                report(message, at: key)
                continue
            }
            result[name] = Field(name: name, key: key, value: value)
        }
        for field in merged where result[field.name] == nil {
            result[field.name] = field
        }
        return result
    }

    private mutating func mergeSources(_ value: Node, owner: String) -> [Node.Mapping] {
        switch value {
        case let .mapping(mapping):
            return [mapping]
        case let .sequence(sequence):
            return sequence.compactMap { item in
                if case let .mapping(mapping) = item { return mapping }
                report(
                    "'<<' merges maps only, found \(Self.describe(item)) \(owner); "
                        + "write '<<: [*a, *b]' with anchored maps",
                    at: item
                )
                return nil
            }
        default:
            report("'<<' merges maps only, found \(Self.describe(value)) \(owner); write '<<: *name' with an anchored map", at: value)
            return []
        }
    }

    // MARK: Scalars

    /// The text of a scalar value. Reports (and returns nil for) empty values, lists and maps:
    /// an empty value usually means the next lines were meant to be indented under this key.
    mutating func text(_ field: Field, owner: String) -> String? {
        switch field.value {
        case let .scalar(scalar) where !Self.isNull(field.value):
            guard !scalar.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                report("'\(field.name)' \(owner) is empty; give it a value or delete the line", at: field.value)
                return nil
            }
            return scalar.string
        case .scalar:
            report("'\(field.name)' \(owner) has no value; write one after the colon or delete the line", at: field.value)
            return nil
        default:
            report(
                "expected text for '\(field.name)' \(owner), found \(Self.describe(field.value)); "
                    + "write the value on the same line as the key",
                at: field.value
            )
            return nil
        }
    }

    /// A duration such as `10m` (see `DurationText`).
    mutating func duration(_ field: Field, owner: String) -> Duration? {
        guard let text = text(field, owner: owner) else { return nil }
        if let duration = DurationText.parse(text) { return duration }
        let forms = "write a number with a unit s, m, h or d, e.g. 30s, 10m, 2h, 1d or 1h30m"
        // Zero first: "0 needs a unit, e.g. 0s" would send the user to the next error.
        if Self.isZeroDuration(text) {
            report("bad \(field.name) '\(text)' \(owner): it must be longer than zero; \(forms)", at: field.value)
        } else if text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            report("bad \(field.name) '\(text)' \(owner): a number needs a unit, e.g. \(text)s or \(text)m", at: field.value)
        } else {
            report("bad \(field.name) '\(text)' \(owner): \(forms)", at: field.value)
        }
        return nil
    }

    /// Like `duration`, but `0` or `0s` is accepted as no time at all (e.g. no delay).
    mutating func durationOrZero(_ field: Field, owner: String) -> Duration? {
        if let text = text(field, owner: owner), text == "0" || Self.isZeroDuration(text) { return .zero }
        return duration(field, owner: owner)
    }

    private static func isZeroDuration(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return !trimmed.isEmpty
            && trimmed.allSatisfy { $0 == "0" || "smhdw".contains($0) }
            && trimmed.first == "0"
    }

    /// `true` or `false` (YAML 1.1's yes/no/on/off are accepted too: people still write them).
    mutating func bool(_ field: Field, owner: String) -> Bool? {
        guard let text = text(field, owner: owner) else { return nil }
        switch text.lowercased() {
        // 是/否 as in the term-list headers: the people writing these files write Chinese.
        case "true", "yes", "on", "是": return true
        case "false", "no", "off", "否": return false
        default:
            report("expected true or false (是 or 否) for '\(field.name)' \(owner), found '\(text)'", at: field.value)
            return nil
        }
    }

    /// A whole number no smaller than `minimum`.
    mutating func integer(_ field: Field, owner: String, minimum: Int) -> Int? {
        guard let text = text(field, owner: owner) else { return nil }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            report("expected a whole number for '\(field.name)' \(owner), found '\(text)'", at: field.value)
            return nil
        }
        guard value >= minimum else {
            let rule = minimum == 0 ? "must not be negative" : "must be at least \(minimum)"
            report("'\(field.name)' \(owner) \(rule), found \(value)", at: field.value)
            return nil
        }
        return value
    }

    /// A size in bytes: `512KB`, `10MB`, `1GB` or a plain number of bytes; zero is rejected.
    mutating func byteSize(_ field: Field, owner: String) -> Int? {
        guard let text = text(field, owner: owner) else { return nil }
        if text.trimmingCharacters(in: .whitespaces).hasPrefix("-") {
            report("'\(field.name)' \(owner) must not be negative, found '\(text)'", at: field.value)
            return nil
        }
        guard let bytes = ByteSizeText.parse(text) else {
            report(
                "bad \(field.name) '\(text)' \(owner): write a number of bytes or a size in KB, MB or GB, "
                    + "e.g. 512KB, 10MB or 1GB",
                at: field.value
            )
            return nil
        }
        guard bytes > 0 else {
            report("'\(field.name)' \(owner) must be larger than zero, found '\(text)'", at: field.value)
            return nil
        }
        return bytes
    }

    // MARK: Collections

    /// A list of text values (`[a, b]` or one `- item` a line).
    mutating func textList(_ field: Field, owner: String) -> [String]? {
        guard case let .sequence(sequence) = field.value else {
            report(
                "expected a list for '\(field.name)' \(owner), found \(Self.describe(field.value)); "
                    + "write \(field.name): [a, b] or one '- item' a line",
                at: field.value
            )
            return nil
        }
        var values: [String] = []
        for (index, item) in sequence.enumerated() {
            let itemField = Field(name: "\(field.name)[\(index + 1)]", key: field.key, value: item)
            if let value = text(itemField, owner: owner), !values.contains(value) {
                values.append(value)
            }
        }
        return values
    }

    /// A map of text keys to text values, in file order, with each entry's nodes for later checks.
    mutating func textMap(_ field: Field, owner: String) -> [(field: Field, value: String)]? {
        guard case let .mapping(mapping) = field.value else {
            report(
                "expected a map for '\(field.name)' \(owner), found \(Self.describe(field.value)); "
                    + "write \(field.name): {Name: value} or one 'Name: value' a line, indented under it",
                at: field.value
            )
            return nil
        }
        var entries: [(field: Field, value: String)] = []
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key, !Self.isNull(key) else {
                report(
                    "a key in '\(field.name)' \(owner) must be a plain name, found \(Self.describe(key)); "
                        + "write the name before the colon, e.g. Name: value",
                    at: key
                )
                continue
            }
            let entry = Field(name: scalar.string, key: key, value: value)
            if let text = text(entry, owner: "in '\(field.name)' \(owner)") {
                entries.append((entry, text))
            }
        }
        return entries
    }
}
