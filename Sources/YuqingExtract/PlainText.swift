import Foundation

/// Whitespace rules for text that came out of markup.
enum PlainText {
    /// All whitespace runs (including newlines, NBSP and the ideographic space 　) become one
    /// space; leading and trailing whitespace goes. For titles, names and other one-line fields.
    static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Like `singleLine` within each line, but line breaks survive as single `\n`s and empty
    /// lines disappear: paragraphs stay apart without blank-line noise.
    static func paragraphs(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    /// Whether `text` might hold markup or entity references worth a trip through the HTML parser.
    static func mayContainMarkup(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: "<")) || text.utf8.contains(UInt8(ascii: "&"))
    }
}
