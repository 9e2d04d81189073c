import Foundation

/// Whitespace rules for text that came out of markup.
///
/// Both rules walk Unicode scalars rather than `Character`s: deciding whether a grapheme
/// cluster is whitespace costs a grapheme break and a property lookup per character, and
/// it was 6 % of the crawler's CPU on a steady feed farm (`perf`, 2026-11). Marks that join a
/// whitespace scalar's cluster are dropped with it, as the `Character` reading did.
enum PlainText {
    /// All whitespace runs (including newlines, NBSP and the ideographic space 　) become one
    /// space; leading and trailing whitespace goes. For titles, names and other one-line fields.
    static func singleLine(_ text: String) -> String {
        collapse(text, keepingLineBreaks: false)
    }

    /// Like `singleLine` within each line, but line breaks survive as single `\n`s and empty
    /// lines disappear: paragraphs stay apart without blank-line noise.
    static func paragraphs(_ text: String) -> String {
        collapse(text, keepingLineBreaks: true)
    }

    /// Whether `text` might hold markup or entity references worth a trip through the HTML parser.
    static func mayContainMarkup(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: "<")) || text.utf8.contains(UInt8(ascii: "&"))
    }

    private static func collapse(_ text: String, keepingLineBreaks: Bool) -> String {
        var result = String.UnicodeScalarView()
        var lineHasText = false
        var pendingSpace = false
        var pendingBreak = false
        var afterWhitespace = false
        for scalar in text.unicodeScalars {
            if keepingLineBreaks, isLineBreak(scalar.value) {
                if lineHasText { pendingBreak = true }
                lineHasText = false
                pendingSpace = false
                afterWhitespace = false
            } else if isWhitespace(scalar.value) {
                pendingSpace = lineHasText
                // Tabs and line breaks are clusters of their own; a mark after one is text.
                afterWhitespace = !isControl(scalar.value)
            } else if afterWhitespace, scalar.value >= 0x300, extendsCluster(scalar) {
                // A mark joined to a space belongs to the space's cluster, which goes with it.
                continue
            } else {
                afterWhitespace = false
                if pendingBreak {
                    result.append("\n")
                } else if pendingSpace {
                    result.append(" ")
                }
                pendingBreak = false
                pendingSpace = false
                lineHasText = true
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Scalars that join the grapheme cluster before them: combining marks, ZWJ, variation
    /// selectors (Grapheme_Cluster_Break Extend, ZWJ or SpacingMark, near enough).
    private static func extendsCluster(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200C, 0x200D, 0xFE00 ... 0xFE0F, 0x1F3FB ... 0x1F3FF, 0xE0100 ... 0xE01EF: return true
        default:
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark: return true
            default: return false
            }
        }
    }

    /// Whitespace that Unicode's grapheme rules treat as a control (always a cluster of its own).
    private static func isControl(_ value: UInt32) -> Bool {
        switch value {
        case 0x09 ... 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// The scalars `Character.isNewline` accepts (CR LF is two of them, one break).
    private static func isLineBreak(_ value: UInt32) -> Bool {
        switch value {
        case 0x0A ... 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// Unicode's White_Space property, spelled out: it is a fixed list of 25 scalars, and a
    /// switch is cheaper than the property table for the CJK text that is most of ours.
    private static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09 ... 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000 ... 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
