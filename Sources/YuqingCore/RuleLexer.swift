/// Splits a rule expression into tokens. Full-width punctuation typed with a Chinese input method
/// (（）“”，：｜＋－≥＝) means the same as its ASCII form, so users need not switch input modes.
struct RuleLexer {
    private let scalars: [Unicode.Scalar]
    /// Offsets at which each line starts, for turning offsets into line:column.
    private let lineStarts: [Int]
    private var index = 0

    /// Words that people write as operators in Chinese; refused so they cannot silently become terms.
    static let chineseOperatorWords: Set<String> = ["与", "和", "且", "并且", "或", "或者", "非", "不含", "不包含"]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    /// The position of a scalar offset (the end of the text is a valid offset).
    func position(at offset: Int) -> RuleSourcePosition {
        // The last line start not after `offset`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return RuleSourcePosition(offset: offset, line: low + 1, column: offset - lineStarts[low] + 1)
    }

    /// Every token, ending with `.end`.
    mutating func tokens() throws(RuleExpressionError) -> [RuleToken] {
        var result: [RuleToken] = []
        while true {
            let token = try next()
            result.append(token)
            if token.kind == .end { return result }
        }
    }

    /// Characters that end a bare term.
    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return true }
        switch scalar {
        case "(", ")", "（", "）", "\"", "“", "”", ",", "，", "、", "+", "＋", "|", "｜", ":", "：", ">", "＞", "≥", "=", "＝":
            return true
        default:
            return false
        }
    }

    private mutating func next() throws(RuleExpressionError) -> RuleToken {
        while index < scalars.count, scalars[index].properties.isWhitespace {
            index += 1
        }
        let start = index
        let position = position(at: start)
        guard index < scalars.count else {
            // The end is just after the last visible character, where a missing ')' would go.
            let end = (scalars.lastIndex { !$0.properties.isWhitespace } ?? -1) + 1
            return RuleToken(kind: .end, position: self.position(at: end), text: "")
        }
        let scalar = scalars[index]
        index += 1
        func token(_ kind: RuleToken.Kind) -> RuleToken {
            RuleToken(kind: kind, position: position, text: text(from: start, to: index))
        }
        switch scalar {
        case "(", "（": return token(.leftParenthesis)
        case ")", "）": return token(.rightParenthesis)
        case ",", "，", "、": return token(.comma)
        case "+", "＋": return token(.and)
        case "|", "｜": return token(.or)
        case "-", "－": return token(.not)
        case "≥": return token(.atLeastSign)
        case "=", "＝": return token(.equals)
        case ">", "＞":
            if index < scalars.count, scalars[index] == "=" || scalars[index] == "＝" {
                index += 1
                return token(.atLeastSign)
            }
            throw RuleExpressionError(.unexpected(found: "'>'", expected: "'>=' (at least)"), at: position)
        case ":", "：":
            throw RuleExpressionError(
                .unexpected(found: "':'", expected: "a field name before ':' (title:, body:, source:, channel:, region:)"),
                at: position
            )
        case "\"", "“", "”":
            return try phrase(start: start, position: position)
        default:
            index -= 1
            return try word(start: start, position: position)
        }
    }

    private mutating func phrase(start: Int, position: RuleSourcePosition) throws(RuleExpressionError) -> RuleToken {
        guard let close = scalars[index...].firstIndex(where: { $0 == "\"" || $0 == "”" || $0 == "“" }) else {
            throw RuleExpressionError(.unclosedQuote, at: position)
        }
        let content = text(from: index, to: close)
        index = close + 1
        guard !content.unicodeScalars.allSatisfy(\.properties.isWhitespace) else {
            throw RuleExpressionError(.emptyPhrase, at: position)
        }
        return RuleToken(kind: .phrase(content), position: position, text: text(from: start, to: index))
    }

    private mutating func word(start: Int, position: RuleSourcePosition) throws(RuleExpressionError) -> RuleToken {
        while index < scalars.count, !Self.isBreak(scalars[index]) {
            index += 1
        }
        let word = text(from: start, to: index)
        func token(_ kind: RuleToken.Kind) -> RuleToken {
            RuleToken(kind: kind, position: position, text: word)
        }
        // `title:` — a word glued to a colon names a field.
        if index < scalars.count, scalars[index] == ":" || scalars[index] == "：" {
            index += 1
            return RuleToken(kind: .field(word), position: position, text: word + ":")
        }
        let upper = word.uppercased()
        switch upper {
        case "AND": return token(.and)
        case "OR": return token(.or)
        case "NOT": return token(.not)
        case "ATLEAST", "WEIGHT":
            if index < scalars.count, scalars[index] == "(" || scalars[index] == "（" {
                return token(.function(upper))
            }
            return token(.word(word))
        default:
            break
        }
        if upper == "NEAR" || upper.hasPrefix("NEAR/") || upper.hasPrefix("NEAR／") {
            let distanceText = String(word.unicodeScalars.dropFirst(5))
            guard upper != "NEAR", !distanceText.isEmpty else {
                throw RuleExpressionError(.nearWithoutDistance, at: position)
            }
            guard distanceText.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }),
                  let distance = Int(distanceText), (1...1000).contains(distance)
            else {
                throw RuleExpressionError(.nearDistanceOutOfRange(distanceText), at: position)
            }
            return token(.near(distance))
        }
        if Self.chineseOperatorWords.contains(word) {
            throw RuleExpressionError(.chineseOperator(word), at: position)
        }
        if word.contains("*") || word.contains("＊") {
            throw RuleExpressionError(.wildcard(term: word), at: position)
        }
        return token(.word(word))
    }

    private func text(from start: Int, to end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}
