import Yams
import YuqingCore

/// Maps a position inside a YAML scalar's value (a rule's `match:` expression) back to the file.
///
/// A scalar's value differs from its source text: quotes are removed, folded lines joined, a block
/// scalar's indentation stripped. Only whitespace, quotes and backslashes disappear that way, so
/// walking the value and the source together, matching each visible character to the next equal
/// one in the source and skipping only those, finds where every character was written. When the
/// walk fails (escape sequences such as `\u4e2d`), the position is estimated from the node's mark.
struct ScalarLocator {
    /// The file's lines, in Unicode scalars (the BOM-stripped text `compose` saw).
    let lines: [[Unicode.Scalar]]
    /// The scalar node.
    let node: Node

    /// The 1-based file line and column of a position inside the node's value.
    func location(of position: RuleSourcePosition) -> (line: Int, column: Int) {
        aligned(position.offset) ?? estimated(position)
    }

    private func estimated(_ position: RuleSourcePosition) -> (line: Int, column: Int) {
        let line = node.mark?.line ?? 1
        let column = node.mark?.column ?? 1
        if position.line == 1 { return (line, column + position.column - 1) }
        return (line + position.line - 1, position.column)
    }

    private func aligned(_ offset: Int) -> (line: Int, column: Int)? {
        guard case let .scalar(scalar) = node, let mark = node.mark else { return nil }
        let value = Array(scalar.string.unicodeScalars)
        var line = mark.line - 1
        var column = mark.column - 1
        switch scalar.style {
        case .literal, .folded:
            // The value starts on the line after the `|` or `>` indicator.
            line += 1
            column = 0
        case .singleQuoted, .doubleQuoted:
            column += 1
        case .plain, .any:
            break
        }
        /// Moves to the source character equal to `target`, skipping only what YAML removes.
        func seek(_ target: Unicode.Scalar) -> Bool {
            while line < lines.count {
                if column >= lines[line].count {
                    line += 1
                    column = 0
                    continue
                }
                let source = lines[line][column]
                if source == target { return true }
                guard source.properties.isWhitespace || source == "'" || source == "\"" || source == "\\" else {
                    return false
                }
                column += 1
            }
            return false
        }
        var lastEnd: (line: Int, column: Int)?
        for index in 0..<min(offset, value.count) where !value[index].properties.isWhitespace {
            guard seek(value[index]) else { return nil }
            column += 1
            lastEnd = (line, column)
        }
        if offset < value.count {
            // The position is a visible character: find it. Whitespace positions (rare) point
            // just after the previous visible character.
            if value[offset].properties.isWhitespace {
                return lastEnd.map { ($0.line + 1, $0.column + 1) } ?? (line + 1, column + 1)
            }
            guard seek(value[offset]) else { return nil }
            return (line + 1, column + 1)
        }
        // The end of the expression: just after its last visible character.
        return lastEnd.map { ($0.line + 1, $0.column + 1) } ?? (line + 1, column + 1)
    }
}
