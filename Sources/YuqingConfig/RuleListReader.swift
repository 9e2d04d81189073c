import Foundation
import YuqingCore

/// Reads a plain term list (`Rules/环保.txt`): one term a line, `#` comments, blank lines ignored,
/// and optional header comments at the top (`# 严重程度: 较大`, `# 通知: 环保组, 值班室`).
/// The file becomes one watch rule named after the file, in the group of the same name,
/// matching any of its terms.
struct RuleListReader {
    /// A header key and every way it may be written.
    enum Header: CaseIterable {
        case severity, notify, exclude, wordBoundaries

        /// Accepted spellings; the first is shown in messages.
        var names: [String] {
            switch self {
            case .severity: ["严重程度", "级别", "severity"]
            case .notify: ["通知", "notify"]
            case .exclude: ["排除", "exclude"]
            case .wordBoundaries: ["整词", "word_boundaries"]
            }
        }

        static func named(_ name: String) -> Header? {
            let lowered = name.lowercased()
            return allCases.first { $0.names.contains(lowered) }
        }
    }

    /// Reports problems at file positions.
    var reader: NodeReader

    init(file: String, path: String?) {
        reader = NodeReader(file: file, path: path)
    }

    /// The rule the list describes, or nil when it has no terms (an empty group is not an error:
    /// people create the file before they have the words) or a problem was found.
    mutating func read(_ text: String, group: String) -> LoadedRule? {
        var severity = RuleSeverity.low
        var notify: [String] = []
        var exclusions: [String] = []
        var wordBoundaries = false
        var seenHeaders: [Header: Int] = [:]
        var exclusionColumn = 1
        var terms: [RuleTerm] = []
        var seenTerms: Set<String> = []
        let issuesBefore = reader.issues.count

        for (index, rawLine) in SyntaxErrorReport.lines(of: Self.withoutBOM(text)).enumerated() {
            let lineNumber = index + 1
            let leading = rawLine.prefix { $0.properties.isWhitespace }.count
            let line = Array(rawLine.dropFirst(leading))
            guard let first = line.first else { continue }
            let column = leading + 1

            if first == "#" {
                if Self.looksLikeTopic(line) {
                    let topic = Self.string(line).trimmingCharacters(in: .whitespaces)
                    reader.report(
                        "'\(topic)' looks like a Weibo topic, but a line starting with '#' is a comment; "
                            + "to watch the topic write it in quotes: \"\(topic)\"; to keep the comment, "
                            + "put a space after '#'",
                        line: lineNumber, column: column
                    )
                    continue
                }
                guard let (key, keyColumn, value, valueColumn) = Self.header(in: line, column: column) else { continue }
                guard let header = Header.named(key) else {
                    // `# 说明: …` is an ordinary comment; only near-misses of a header name are typos.
                    let candidates = Header.allCases.flatMap(\.names).filter { $0.count >= 4 }
                    if key.count >= 4, let suggestion = KeySuggestion.closest(to: key, in: candidates) {
                        reader.report(
                            "unknown header '\(key)'; did you mean '\(suggestion)'? (write '# \(suggestion): …', "
                                + "or put a space after the key's first word if this is a plain comment)",
                            line: lineNumber, column: keyColumn
                        )
                    }
                    continue
                }
                guard terms.isEmpty else {
                    reader.report(
                        "header '\(key)' must be at the top of the file, before the first term; move this line up",
                        line: lineNumber, column: keyColumn
                    )
                    continue
                }
                if let firstLine = seenHeaders[header] {
                    reader.report(
                        "header '\(key)' appears twice (first on line \(firstLine)); keep only one",
                        line: lineNumber, column: keyColumn
                    )
                    continue
                }
                seenHeaders[header] = lineNumber
                switch header {
                case .severity:
                    if let value = RuleSeverity(text: value) {
                        severity = value
                    } else {
                        reader.report(
                            "unknown severity '\(value)'; use 一般, 较大, 重大 or 特别重大 (low, medium, high, critical)",
                            line: lineNumber, column: valueColumn
                        )
                    }
                case .notify:
                    notify = Self.list(value)
                case .exclude:
                    exclusions = Self.list(value)
                    exclusionColumn = valueColumn
                case .wordBoundaries:
                    if let flag = Self.flag(value) {
                        wordBoundaries = flag
                    } else {
                        reader.report(
                            "expected 是 or 否 (true or false) for '\(key)', found '\(value)'",
                            line: lineNumber, column: valueColumn
                        )
                    }
                }
                continue
            }

            guard let term = termText(line, lineNumber: lineNumber, column: column) else { continue }
            if seenTerms.insert(term.text.lowercased()).inserted {
                terms.append(RuleTerm(
                    text: term.text,
                    isPhrase: term.quoted,
                    position: RuleSourcePosition(offset: 0, line: lineNumber, column: column)
                ))
            }
        }

        for (term, message) in RuleTermCheck.emptyTerms(terms) {
            reader.report(message, line: term.position.line, column: term.position.column)
        }
        if let line = seenHeaders[.exclude], !terms.isEmpty {
            for message in RuleTermCheck.exclusionProblems(exclusions, terms: terms) {
                reader.report(message, line: line, column: exclusionColumn)
            }
        }
        guard reader.issues.count == issuesBefore, !terms.isEmpty else { return nil }
        let expression: RuleExpression = terms.count == 1 ? .term(terms[0]) : .any(terms.map { .term($0) })
        let rule = WatchRule(
            name: group, group: group, severity: severity, notify: notify, expression: expression,
            exclusions: exclusions, wordBoundaries: wordBoundaries,
            origin: RuleOrigin(file: reader.file, line: 1)
        )
        return LoadedRule(content: .watch(rule), nameLine: 1, nameColumn: 1, groupLine: 1, groupColumn: 1)
    }

    /// The term on a line: the whole line up to an inline ` # comment`, or a quoted phrase.
    private mutating func termText(
        _ line: [Unicode.Scalar],
        lineNumber: Int,
        column: Int
    ) -> (text: String, quoted: Bool)? {
        if line[0] == "\"" || line[0] == "“" {
            guard let close = line.dropFirst().firstIndex(where: { $0 == "\"" || $0 == "”" }) else {
                reader.report(
                    "unclosed quote: add '\"' at the end of the term, or remove the opening one",
                    line: lineNumber, column: column
                )
                return nil
            }
            let rest = Self.string(line[(close + 1)...]).trimmingCharacters(in: .whitespaces)
            guard rest.isEmpty || rest.hasPrefix("#") else {
                reader.report(
                    "text after the closing quote: write one term a line, quoted as a whole",
                    line: lineNumber, column: column + close + 1
                )
                return nil
            }
            let text = Self.string(line[1..<close])
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                reader.report("empty term \"\"; write the words between the quotes or delete the line", line: lineNumber, column: column)
                return nil
            }
            return (text, true)
        }
        // ` #` starts a comment after a term; `#` glued to text (C#) does not.
        var end = line.count
        for index in 1..<line.count where line[index] == "#" && line[index - 1].properties.isWhitespace {
            end = index
            break
        }
        let text = Self.string(line[..<end]).trimmingCharacters(in: .whitespaces)
        if let problem = Self.notOneTerm(text) {
            reader.report(problem, line: lineNumber, column: column)
            return nil
        }
        return text.isEmpty ? nil : (text, false)
    }

    // MARK: Helpers

    /// Why an unquoted line is not the one term it would become, which would hardly ever match:
    /// several terms pasted from a spreadsheet (`化工厂、异味`), an expression meant for a rule
    /// file (`化工厂 OR 异味`), or a YAML list item (`- 化工厂`).
    static func notOneTerm(_ text: String) -> String? {
        let quoteIt = "or put the line in quotes if it really is one term"
        if let separator = text.firstIndex(where: { $0 == "、" || $0 == "，" }) ?? text.range(of: ", ")?.lowerBound {
            return "'\(text)' is one term with '\(text[separator])' in it, which will hardly ever match; "
                + "write one term a line, \(quoteIt)"
        }
        let words = text.split(whereSeparator: \.isWhitespace)
        if words.count > 1, let word = words.first(where: { ["AND", "OR", "NOT"].contains($0) || $0.hasPrefix("NEAR/") }) {
            return "'\(text)' is one term: a term list has no operators such as \(word); write each alternative on "
                + "a line of its own (any line matches), put the expression in a rule file's 'match:', \(quoteIt)"
        }
        if text.hasPrefix("- ") {
            return "'\(text)' starts with '- ', but a term list is not YAML: write the term alone on its line, \(quoteIt)"
        }
        return nil
    }

    static func withoutBOM(_ text: String) -> String {
        guard text.unicodeScalars.first == "\u{FEFF}" else { return text }
        var text = text
        text.unicodeScalars.removeFirst()
        return text
    }

    /// `#话题#` with no space after the first `#`: a Weibo topic, not a comment.
    private static func looksLikeTopic(_ line: [Unicode.Scalar]) -> Bool {
        let trimmed = Array(line.reversed().drop { $0.properties.isWhitespace }.reversed())
        guard trimmed.count > 2, trimmed.last == "#", let second = trimmed.dropFirst().first else { return false }
        return !second.properties.isWhitespace && second != "#"
    }

    /// `# key: value` → key, its column, value, its column; nil for other comments.
    private static func header(in line: [Unicode.Scalar], column: Int)
        -> (key: String, keyColumn: Int, value: String, valueColumn: Int)?
    {
        let body = line.dropFirst()
        guard let colon = body.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let keyStart = body.firstIndex { !$0.properties.isWhitespace } ?? colon
        let key = string(line[keyStart..<colon]).trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        let valueStart = line[(colon + 1)...].firstIndex { !$0.properties.isWhitespace } ?? line.count
        let value = string(line[valueStart...]).trimmingCharacters(in: .whitespaces)
        return (key, column + keyStart, value, column + valueStart)
    }

    /// `环保组, 值班室` / `环保组，值班室` / `环保组、值班室`.
    static func list(_ text: String) -> [String] {
        var seen: Set<String> = []
        return text.split { $0 == "," || $0 == "，" || $0 == "、" }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    private static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "是", "true", "yes", "on": true
        case "否", "false", "no", "off": false
        default: nil
        }
    }

    static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
