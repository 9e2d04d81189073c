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
        var text = text
        return text.withUTF8 { bytes in bytes.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") } }
    }

    /// Both rules in one pass over the UTF-8, written straight into the result: the output is
    /// never longer than the input (each separator written replaces at least one whitespace
    /// byte), and building it a scalar at a time was 8 % of a steady feed poll (`perf`, 2026-11).
    private static func collapse(_ text: String, keepingLineBreaks: Bool) -> String {
        var text = text
        return text.withUTF8 { input in
            guard !input.isEmpty else { return "" }
            return String(unsafeUninitializedCapacity: input.count) { output in
                var count = 0
                var lineHasText = false
                var pendingSpace = false
                var pendingBreak = false
                var afterWhitespace = false
                var index = 0
                while index < input.count {
                    let (value, length) = scalar(in: input, at: index)
                    defer { index += length }
                    if keepingLineBreaks, isLineBreak(value) {
                        if lineHasText { pendingBreak = true }
                        lineHasText = false
                        pendingSpace = false
                        afterWhitespace = false
                    } else if isWhitespace(value) {
                        pendingSpace = lineHasText
                        // Tabs and line breaks are clusters of their own; a mark after one is text.
                        afterWhitespace = !isControl(value)
                    } else if afterWhitespace, value >= 0x300, let scalar = Unicode.Scalar(value), extendsCluster(scalar) {
                        // A mark joined to a space belongs to the space's cluster, which goes with it.
                        continue
                    } else {
                        afterWhitespace = false
                        if pendingBreak {
                            output[count] = UInt8(ascii: "\n")
                            count += 1
                        } else if pendingSpace {
                            output[count] = UInt8(ascii: " ")
                            count += 1
                        }
                        pendingBreak = false
                        pendingSpace = false
                        lineHasText = true
                        for offset in 0 ..< length { output[count + offset] = input[index + offset] }
                        count += length
                    }
                }
                return count
            }
        }
    }

    /// The scalar whose UTF-8 starts at `index` of valid UTF-8 (a Swift string's), and its length in bytes.
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[index + offset]) & 0x3F }
        switch lead {
        case ..<0x80: return (lead, 1)
        case ..<0xE0: return ((lead & 0x1F) << 6 | continuation(1), 2)
        case ..<0xF0: return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3)
        default: return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        }
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
