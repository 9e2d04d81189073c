import Foundation
import Yams

/// Turns Yams' `YamlError` into issues of the same `file:line:column` form as every other problem,
/// adding a hint for the mistakes people actually make (tabs, unquoted colons, unclosed quotes).
enum SyntaxErrorReport {
    static func add(_ error: YamlError, text: String, to reader: inout NodeReader) {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // libyaml reports an unclosed quote where the text ran out; the fix is where the quote opened.
            if let context, context.text.contains("quoted scalar"), problem.contains("end of stream") {
                reader.report(
                    "YAML syntax error: this quote is never closed (the text ran out at line \(mark.line)); "
                        + "add the closing quote",
                    line: context.mark.line, column: context.mark.column
                )
                return
            }
            if problem.contains("found another document") {
                reader.report(
                    "YAML syntax error: a second document starts here; a config file holds one document: "
                        + "remove this '---' line and what follows, or merge the two",
                    line: mark.line, column: mark.column
                )
                return
            }
            var message = "YAML syntax error: \(problem)"
            if let context, context.mark.line != mark.line || context.mark.column != mark.column {
                message += " (\(context.text) that starts at line \(context.mark.line), column \(context.mark.column))"
            }
            message += "; " + hint(problem: problem, context: context?.text, mark: mark, text: text)
            reader.report(message, line: mark.line, column: mark.column)

        case let .reader(problem, offset, _, _):
            let (line, column) = position(ofCharacterOffset: offset ?? 0, in: text)
            reader.report(
                "the file cannot be read as YAML text: \(problem); remove the character or save the file as UTF-8",
                line: line, column: column
            )

        case let .duplicatedKeysInMapping(duplicates, context):
            for key in duplicates {
                let first = context.mark
                let second = secondOccurrence(of: key, after: (first.line, first.column), in: text)
                    ?? (first.line, first.column)
                reader.report(
                    "key '\(key)' appears twice in the same map (first on line \(first.line)); keep only one",
                    line: second.line, column: second.column
                )
            }

        default:
            reader.report("cannot parse the file: \(error)", line: 1, column: 1)
        }
    }

    private static func hint(problem: String, context: String?, mark: Mark, text: String) -> String {
        let line = lines(of: text).dropFirst(mark.line - 1).first ?? []
        let indentation = line.prefix { $0 == " " || $0 == "\t" }
        let atMark = mark.column - 1 < line.count ? line[mark.column - 1] : nil
        if indentation.contains("\t") || atMark == "\t" {
            return "YAML does not allow tabs for indentation: indent with spaces"
        }
        if problem.contains("undefined alias") {
            return "define the anchor (&name) before using it (*name), or quote a value that starts with '*'"
        }
        if let context, context.contains("quoted scalar"), problem.contains("escape") {
            return #"inside double quotes a backslash starts an escape: write \\ or use single quotes"#
        }
        if problem.contains("mapping values are not allowed") {
            return "a value that contains ': ' must be put in quotes"
        }
        if problem.contains("cannot start any token"), let atMark {
            return "a value starting with '\(atMark)' must be put in quotes"
        }
        return "check the indentation and quoting of this line and the one before"
    }

    /// (line, column) of a Character offset, both 1-based, columns in Unicode scalars like libyaml's.
    static func position(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
    }

    /// The text split into lines of Unicode scalars; `\r\n` is one line end (a Character split would not see it).
    static func lines(of text: String) -> [[Unicode.Scalar]] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? Array(line.dropLast()) : Array(line)
        }
    }

    /// Yams only gives the first occurrence of a duplicated key. Find the next key with the same text
    /// at the same column before the map's indentation ends; good enough for block maps, which is
    /// what config files use. Flow maps (`{a: 1, a: 2}`) are searched on the first key's line.
    static func secondOccurrence(of key: String, after first: (line: Int, column: Int), in text: String)
        -> (line: Int, column: Int)?
    {
        let all = lines(of: text)
        guard first.line >= 1, first.line <= all.count else { return nil }
        let keyScalars = Array(key.unicodeScalars)
        func keyStarts(_ line: [Unicode.Scalar], at index: Int) -> Bool {
            for quote: [Unicode.Scalar] in [[], ["\""], ["'"]] {
                let candidate = quote + keyScalars + quote
                guard index + candidate.count <= line.count,
                      Array(line[index..<index + candidate.count]) == candidate else { continue }
                let rest = line[(index + candidate.count)...].drop { $0 == " " }
                if rest.first == ":" { return true }
            }
            return false
        }
        let column = first.column - 1
        for number in first.line..<all.count {
            let line = all[number]
            guard let start = line.firstIndex(where: { $0 != " " }), line[start] != "#" else { continue }
            if start < column { break }
            if start == column, keyStarts(line, at: column) {
                return (number + 1, column + 1)
            }
        }
        let firstLine = all[first.line - 1]
        for index in stride(from: column + 1, to: firstLine.count, by: 1) where keyStarts(firstLine, at: index) {
            let before = firstLine[..<index].last { $0 != " " }
            if before == "," || before == "{" {
                return (first.line, index + 1)
            }
        }
        return nil
    }
}
