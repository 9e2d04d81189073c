/// Reads a rule's `match:` expression into a `RuleExpression`.
///
/// Grammar, loosest first (so NOT binds tighter than AND, and AND tighter than OR):
/// ```
/// or      := and (("OR" | "|") and)*
/// and     := unary (("AND" | "+")? unary)*          terms side by side mean AND
/// unary   := ("NOT" | "-") unary | near
/// near    := scoped ("NEAR/n" scoped)?               operands: term, phrase, (t OR t …)
/// scoped  := field ":" primary | meta ":" values | primary
/// primary := term | "phrase" | "(" or ")" | ATLEAST(n, t, …) | WEIGHT(t=w, …) (">=" n)?
/// ```
public struct RuleExpressionParser {
    /// A parsed expression and whether it took its `WEIGHT` threshold from the rule.
    public struct Result: Sendable, Hashable {
        /// The syntax tree.
        public var expression: RuleExpression
        /// Whether a `WEIGHT(…)` without `>= n` used the rule's `threshold`; when a rule has a
        /// threshold that nothing used, the loader says so.
        public var usedThreshold: Bool
    }

    /// Text fields by every name users may write, English and Chinese.
    static let textFields: [String: ItemField] = [
        "title": .title, "标题": .title,
        "body": .body, "正文": .body, "内容": .body,
    ]

    /// Origin fields by every name users may write.
    static let metadataFields: [String: String] = [
        "source": "source", "来源": "source",
        "channel": "channel", "渠道": "channel",
        "region": "region", "地区": "region", "地域": "region",
    ]

    /// Channels by every name users may write (the Chinese names are those of `Sources.yml`).
    static let channelNames: [String: Channel] = {
        var names: [String: Channel] = [:]
        for channel in Channel.allCases {
            names[channel.rawValue] = channel
            names[channel.chineseLabel] = channel
        }
        names["新闻"] = .news
        return names
    }()

    /// How deep parentheses may nest; deeper means a generated or broken expression, not a person's.
    static let maximumDepth = 64

    private var tokens: [RuleToken]
    private var index = 0
    private var depth = 0
    private let threshold: Int?
    private var usedThreshold = false

    private init(tokens: [RuleToken], threshold: Int?) {
        self.tokens = tokens
        self.threshold = threshold
    }

    /// Parses an expression.
    /// - Parameter threshold: the rule's `threshold:`, used by a `WEIGHT(…)` written without `>= n`.
    public static func parse(_ text: String, threshold: Int? = nil) throws(RuleExpressionError) -> RuleExpression {
        try parseDetailed(text, threshold: threshold).expression
    }

    /// Parses an expression, also telling whether the rule's threshold was used.
    public static func parseDetailed(_ text: String, threshold: Int? = nil) throws(RuleExpressionError) -> Result {
        var lexer = RuleLexer(text)
        let tokens = try lexer.tokens()
        guard tokens.count > 1 else { throw RuleExpressionError(.empty, at: .start) }
        var parser = RuleExpressionParser(tokens: tokens, threshold: threshold)
        let expression = try parser.parseOr()
        let rest = parser.current
        switch rest.kind {
        case .end:
            break
        case .rightParenthesis:
            throw RuleExpressionError(.unmatchedClosingParenthesis, at: rest.position)
        case .comma:
            throw RuleExpressionError(
                .unexpected(
                    found: "','",
                    expected: "AND, OR or NOT between terms (commas only separate the terms inside ATLEAST(…) and WEIGHT(…))"
                ),
                at: rest.position
            )
        default:
            throw RuleExpressionError(.unexpected(found: rest.quoted, expected: "AND, OR, NOT or a term"), at: rest.position)
        }
        guard expression.requiresTerm else { throw RuleExpressionError(.matchesWithoutTerms, at: .start) }
        return Result(expression: expression, usedThreshold: parser.usedThreshold)
    }

    // MARK: Tokens

    private var current: RuleToken { tokens[index] }

    private mutating func advance() -> RuleToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// Whether the current token can begin an operand (and so, after another operand, means AND).
    private var startsOperand: Bool {
        switch current.kind {
        case .word, .phrase, .field, .not, .leftParenthesis, .function: true
        default: false
        }
    }

    private func missingOperand(after: String) -> RuleExpressionError {
        let expected = "a term, a quoted phrase or '(' after \(after)"
        switch current.kind {
        case .end: return RuleExpressionError(.unexpectedEnd(expected: expected), at: current.position)
        default: return RuleExpressionError(.unexpected(found: current.quoted, expected: expected), at: current.position)
        }
    }

    // MARK: Operators

    private mutating func parseOr() throws(RuleExpressionError) -> RuleExpression {
        var operands = [try parseAnd(after: nil)]
        while current.kind == .or {
            let op = advance()
            operands.append(try parseAnd(after: "'\(op.text)'"))
        }
        return operands.count == 1 ? operands[0] : .any(operands)
    }

    private mutating func parseAnd(after: String?) throws(RuleExpressionError) -> RuleExpression {
        var operands = [try parseUnary(after: after)]
        while true {
            if current.kind == .and {
                let op = advance()
                operands.append(try parseUnary(after: "'\(op.text)'"))
            } else if startsOperand {
                operands.append(try parseUnary(after: nil))
            } else {
                break
            }
        }
        return operands.count == 1 ? operands[0] : .all(operands)
    }

    private mutating func parseUnary(after: String?) throws(RuleExpressionError) -> RuleExpression {
        if current.kind == .not {
            let op = advance()
            return .not(try parseUnary(after: "'\(op.text)'"))
        }
        return try parseNear(after: after)
    }

    private mutating func parseNear(after: String?) throws(RuleExpressionError) -> RuleExpression {
        let leftStart = current
        let left = try parseScoped(after: after)
        guard case let .near(distance) = current.kind else { return left }
        let op = advance()
        let leftTerms = try nearOperand(left, start: leftStart)
        let rightStart = current
        guard startsOperand, current.kind != .not else { throw missingOperand(after: "'\(op.text)'") }
        let right = try parseScoped(after: "'\(op.text)'")
        let rightTerms = try nearOperand(right, start: rightStart)
        if case .near = current.kind {
            throw RuleExpressionError(.nearChained, at: current.position)
        }
        return .near(left: leftTerms, right: rightTerms, distance: distance)
    }

    /// The alternatives of one side of NEAR: a term, a phrase, or a parenthesised OR of them.
    private func nearOperand(_ expression: RuleExpression, start: RuleToken) throws(RuleExpressionError) -> [RuleTerm] {
        switch expression {
        case let .term(term):
            return [term]
        case let .any(operands):
            var terms: [RuleTerm] = []
            for operand in operands {
                guard case let .term(term) = operand else {
                    throw RuleExpressionError(.nearOperand(found: "'\(operand)'"), at: start.position)
                }
                terms.append(term)
            }
            return terms
        case .scoped:
            throw RuleExpressionError(.misplacedField(field: start.text.dropLast().description, context: "next to NEAR"), at: start.position)
        default:
            throw RuleExpressionError(.nearOperand(found: "'\(expression)'"), at: start.position)
        }
    }

    // MARK: Fields

    private mutating func parseScoped(after: String?) throws(RuleExpressionError) -> RuleExpression {
        guard case let .field(name) = current.kind else { return try parsePrimary(after: after) }
        let fieldToken = advance()
        let key = name.lowercased()
        if let field = Self.textFields[key] {
            if case .field = current.kind {
                throw RuleExpressionError(
                    .misplacedField(field: String(current.text.dropLast()), context: "right after '\(name):'"),
                    at: current.position
                )
            }
            guard startsOperand, current.kind != .not else {
                throw RuleExpressionError(.missingFieldValue(field: name), at: fieldToken.position)
            }
            let operand = try parsePrimary(after: "'\(name):'")
            if let nested = Self.firstTextScope(in: operand) {
                throw RuleExpressionError(
                    .misplacedField(field: nested, context: "inside '\(name):(…)'"),
                    at: fieldToken.position
                )
            }
            return .scoped(field, operand)
        }
        if let meta = Self.metadataFields[key] {
            let values = try metadataValues(field: name, at: fieldToken)
            switch meta {
            case "source":
                return .metadata(.source(values.map(\.text)))
            case "region":
                return .metadata(.region(values.map(\.text)))
            default:
                var channels: [Channel] = []
                for value in values {
                    guard let channel = Self.channelNames[value.text.lowercased()] else {
                        let suggestion = ClosestWord.find(value.text, in: Channel.allCases.map(\.rawValue))
                        throw RuleExpressionError(.unknownChannel(value.text, suggestion: suggestion), at: value.position)
                    }
                    if !channels.contains(channel) { channels.append(channel) }
                }
                return .metadata(.channel(channels))
            }
        }
        let known = ["title", "body", "source", "channel", "region"]
        let suggestion = ClosestWord.find(name, in: known + Array(Self.textFields.keys) + Array(Self.metadataFields.keys))
        throw RuleExpressionError(.unknownField(name, suggestion: suggestion), at: fieldToken.position)
    }

    private static func firstTextScope(in expression: RuleExpression) -> String? {
        switch expression {
        case let .scoped(field, _): field.rawValue
        case let .all(operands), let .any(operands): operands.lazy.compactMap(firstTextScope).first
        case let .not(operand): firstTextScope(in: operand)
        default: nil
        }
    }

    /// `source:gov-news`, `source:"a b"` or `source:(gov-news OR daily-news, forum)`.
    private mutating func metadataValues(field: String, at fieldToken: RuleToken) throws(RuleExpressionError) -> [RuleTerm] {
        func value(_ token: RuleToken) -> RuleTerm? {
            switch token.kind {
            case let .word(text): RuleTerm(text: text, position: token.position)
            case let .phrase(text): RuleTerm(text: text, isPhrase: true, position: token.position)
            default: nil
            }
        }
        if let single = value(current) {
            _ = advance()
            return [single]
        }
        guard current.kind == .leftParenthesis else {
            throw RuleExpressionError(.missingFieldValue(field: field), at: fieldToken.position)
        }
        let open = advance()
        var values: [RuleTerm] = []
        while true {
            guard let item = value(current) else {
                let expected = "a value of '\(field):' (values are separated by OR)"
                if current.kind == .end {
                    throw RuleExpressionError(.unclosedParenthesis(openedAt: open.position), at: current.position)
                }
                throw RuleExpressionError(.unexpected(found: current.quoted, expected: expected), at: current.position)
            }
            _ = advance()
            values.append(item)
            switch current.kind {
            case .or, .comma:
                _ = advance()
            case .rightParenthesis:
                _ = advance()
                return values
            case .end:
                throw RuleExpressionError(.unclosedParenthesis(openedAt: open.position), at: current.position)
            default:
                throw RuleExpressionError(
                    .unexpected(found: current.quoted, expected: "OR or ')' between the values of '\(field):'"),
                    at: current.position
                )
            }
        }
    }

    // MARK: Primaries

    private mutating func parsePrimary(after: String?) throws(RuleExpressionError) -> RuleExpression {
        let token = current
        switch token.kind {
        case let .word(text):
            _ = advance()
            return .term(RuleTerm(text: text, position: token.position))
        case let .phrase(text):
            _ = advance()
            return .term(RuleTerm(text: text, isPhrase: true, position: token.position))
        case .leftParenthesis:
            _ = advance()
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else {
                throw RuleExpressionError(
                    .unexpected(found: "'('", expected: "at most \(Self.maximumDepth) nested parentheses"),
                    at: token.position
                )
            }
            if current.kind == .rightParenthesis {
                throw RuleExpressionError(.unexpected(found: "'()'", expected: "something inside the parentheses"), at: token.position)
            }
            let inner = try parseOr()
            guard current.kind == .rightParenthesis else {
                if current.kind == .end {
                    throw RuleExpressionError(.unclosedParenthesis(openedAt: token.position), at: current.position)
                }
                throw RuleExpressionError(
                    .unexpected(found: current.quoted, expected: "AND, OR, NOT, a term or ')'"),
                    at: current.position
                )
            }
            _ = advance()
            return inner
        case let .function(name):
            _ = advance()
            return name == "ATLEAST" ? try parseAtLeast(at: token) : try parseWeight(at: token)
        case .rightParenthesis where depth == 0 && after == nil:
            throw RuleExpressionError(.unmatchedClosingParenthesis, at: token.position)
        case .field:
            throw RuleExpressionError(
                .misplacedField(field: String(token.text.dropLast()), context: after.map { "right after \($0)" } ?? "here"),
                at: token.position
            )
        default:
            throw missingOperand(after: after ?? "this point")
        }
    }

    // MARK: Weighted sets

    /// `ATLEAST(2, 化工厂, 异味, 污染)`.
    private mutating func parseAtLeast(at function: RuleToken) throws(RuleExpressionError) -> RuleExpression {
        let open = advance() // The lexer only makes a function token when '(' follows.
        guard case let .word(countText) = current.kind, let count = Int(countText) else {
            throw RuleExpressionError(.atLeastMissingCount, at: current.position)
        }
        _ = advance()
        guard current.kind == .comma else {
            throw RuleExpressionError(
                .unexpected(found: current.quoted, expected: "',' after the count of ATLEAST"),
                at: current.position
            )
        }
        _ = advance()
        let entries = try setEntries(function: "ATLEAST", open: open, allowWeights: false)
        guard (1...entries.count).contains(count) else {
            throw RuleExpressionError(.atLeastCount(count: count, terms: entries.count), at: function.position)
        }
        return .atLeast(count: count, terms: entries.map(\.term))
    }

    /// `WEIGHT(爆炸=3, 泄漏=2, 气味) >= 4`; without `>= n` the rule's threshold applies.
    private mutating func parseWeight(at function: RuleToken) throws(RuleExpressionError) -> RuleExpression {
        let open = advance()
        let entries = try setEntries(function: "WEIGHT", open: open, allowWeights: true)
        let total = entries.reduce(0) { $0 + $1.weight }
        let limit: Int
        let limitPosition: RuleSourcePosition
        if current.kind == .atLeastSign {
            let sign = advance()
            guard case let .word(text) = current.kind, let value = Int(text) else {
                if current.kind == .end {
                    throw RuleExpressionError(.unexpectedEnd(expected: "a whole number after '\(sign.text)'"), at: current.position)
                }
                throw RuleExpressionError(
                    .unexpected(found: current.quoted, expected: "a whole number after '\(sign.text)'"),
                    at: current.position
                )
            }
            limitPosition = current.position
            _ = advance()
            limit = value
        } else if let threshold {
            usedThreshold = true
            limit = threshold
            limitPosition = function.position
        } else {
            throw RuleExpressionError(.missingThreshold, at: current.position)
        }
        guard limit >= 1, limit <= total else {
            throw RuleExpressionError(.unreachableThreshold(threshold: limit, total: total), at: limitPosition)
        }
        return .weighted(terms: entries, threshold: limit)
    }

    /// The comma-separated entries up to the closing parenthesis.
    private mutating func setEntries(
        function: String,
        open: RuleToken,
        allowWeights: Bool
    ) throws(RuleExpressionError) -> [WeightedTerm] {
        var entries: [WeightedTerm] = []
        var seen: Set<String> = []
        while true {
            if case let .field(name) = current.kind, allowWeights, name.first?.isNumber == true {
                // `3: 爆炸` reads well but breaks YAML (`: ` starts a mapping): weights go after the term.
                throw RuleExpressionError(.badWeight(name + ":"), at: current.position)
            }
            let token = current
            let term: RuleTerm
            switch token.kind {
            case let .word(text):
                term = RuleTerm(text: text, position: token.position)
            case let .phrase(text):
                term = RuleTerm(text: text, isPhrase: true, position: token.position)
            case .field:
                throw RuleExpressionError(
                    .misplacedField(field: String(token.text.dropLast()), context: "inside \(function)(…)"),
                    at: token.position
                )
            case .end:
                throw RuleExpressionError(.unclosedParenthesis(openedAt: open.position), at: token.position)
            default:
                throw RuleExpressionError(.setEntry(function: function, found: token.quoted), at: token.position)
            }
            _ = advance()
            var weight = 1
            if current.kind == .equals {
                let sign = advance()
                guard allowWeights else {
                    throw RuleExpressionError(.setEntry(function: function, found: "'\(sign.text)'"), at: sign.position)
                }
                guard case let .word(weightText) = current.kind, let value = Int(weightText), (1...1000).contains(value) else {
                    throw RuleExpressionError(.badWeight(current.kind == .end ? "" : current.text), at: current.position)
                }
                weight = value
                _ = advance()
            }
            guard seen.insert(term.text.lowercased()).inserted else {
                throw RuleExpressionError(.duplicateSetEntry(term.text), at: token.position)
            }
            entries.append(WeightedTerm(term: term, weight: weight))
            switch current.kind {
            case .comma:
                _ = advance()
            case .rightParenthesis:
                _ = advance()
                return entries
            case .end:
                throw RuleExpressionError(.unclosedParenthesis(openedAt: open.position), at: current.position)
            default:
                throw RuleExpressionError(
                    .unexpected(found: current.quoted, expected: "',' or ')' (separate the terms of \(function) with commas)"),
                    at: current.position
                )
            }
        }
    }
}
