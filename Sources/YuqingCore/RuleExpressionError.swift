/// Why a `match:` expression could not be read, where, and what to write instead.
public struct RuleExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; each case's message says how to fix it.
    public enum Problem: Sendable, Hashable {
        /// Nothing but spaces.
        case empty
        /// A token that cannot stand here; `expected` says what could, `found` what was written.
        case unexpected(found: String, expected: String)
        /// The expression ended where something else was needed.
        case unexpectedEnd(expected: String)
        /// A `(` with no `)`; the error points where the `)` was needed.
        case unclosedParenthesis(openedAt: RuleSourcePosition)
        /// A `)` with no `(`.
        case unmatchedClosingParenthesis
        /// A `"` with no closing `"`; the error points at the opening quote.
        case unclosedQuote
        /// `""`.
        case emptyPhrase
        /// `NEAR` without `/distance`.
        case nearWithoutDistance
        /// `NEAR/0` or a huge distance.
        case nearDistanceOutOfRange(String)
        /// Something other than a term, a phrase or a parenthesised OR of them next to NEAR.
        case nearOperand(found: String)
        /// `a NEAR/5 b NEAR/5 c`.
        case nearChained
        /// `titel:`; `suggestion` is the closest known field.
        case unknownField(String, suggestion: String?)
        /// `title:` followed by nothing usable.
        case missingFieldValue(field: String)
        /// A field scope inside `NEAR`, `ATLEAST` or another text scope.
        case misplacedField(field: String, context: String)
        /// `channel:` with a value that is not a channel.
        case unknownChannel(String, suggestion: String?)
        /// 与 / 或 / 非 / 并且 … written as an operator.
        case chineseOperator(String)
        /// `*` or `?` in a bare term.
        case wildcard(term: String)
        /// `ATLEAST(` or `WEIGHT(` lists something other than terms.
        case setEntry(function: String, found: String)
        /// `ATLEAST(n, …)` with n < 1 or n larger than the list.
        case atLeastCount(count: Int, terms: Int)
        /// `ATLEAST(` without a leading count.
        case atLeastMissingCount
        /// A weight that is not a whole number from 1 to 1000.
        case badWeight(String)
        /// `WEIGHT(…)` with no `>= n` and no rule `threshold`.
        case missingThreshold
        /// A threshold below 1 or above the sum of all weights.
        case unreachableThreshold(threshold: Int, total: Int)
        /// The same term twice in one `ATLEAST`/`WEIGHT` list.
        case duplicateSetEntry(String)
        /// The whole expression can hold for an item without any of its terms (`NOT 广告`).
        case matchesWithoutTerms
    }

    /// What went wrong.
    public var problem: Problem
    /// Where to point: the offending token, or the end of the expression.
    public var position: RuleSourcePosition

    /// Creates an error.
    public init(_ problem: Problem, at position: RuleSourcePosition) {
        self.problem = problem
        self.position = position
    }

    /// The message with positions inside it (`opened at 1:5`) written by `locate`, so the loader can
    /// say `opened at 3:18` in file coordinates.
    public func message(locating locate: (RuleSourcePosition) -> String) -> String {
        switch problem {
        case .empty:
            return "the expression is empty; write the terms to look for, e.g. 化工厂 AND 异味"
        case let .unexpected(found, expected):
            return "expected \(expected), found \(found)"
        case let .unexpectedEnd(expected):
            return "the expression ends too early: expected \(expected)"
        case let .unclosedParenthesis(openedAt):
            return "unclosed parenthesis opened at \(locate(openedAt)); add ')' to close it"
        case .unmatchedClosingParenthesis:
            return "')' without a matching '('; delete it or add the '(' it belongs to"
        case .unclosedQuote:
            return "unclosed quote: this phrase has no closing '\"'; add one after the phrase"
        case .emptyPhrase:
            return "empty phrase \"\"; write the words between the quotes or delete them"
        case .nearWithoutDistance:
            return "NEAR needs a distance: NEAR/10 (at most 10 characters between the two terms)"
        case let .nearDistanceOutOfRange(text):
            return "bad NEAR distance '\(text)': use a whole number from 1 to 1000, e.g. NEAR/10"
        case let .nearOperand(found):
            return "NEAR joins two terms, quoted phrases or parenthesised OR-lists of them "
                + "(e.g. (化工厂 OR 化工园区) NEAR/10 异味), found \(found)"
        case .nearChained:
            return "NEAR joins exactly two terms; for three write (a NEAR/10 b) AND (b NEAR/10 c)"
        case let .unknownField(name, suggestion):
            var message = "unknown field '\(name):'"
            if let suggestion {
                message += "; did you mean '\(suggestion):'?"
            } else {
                message += "; fields are title, body, source, channel and region (标题, 正文, 来源, 渠道, 地区)"
            }
            return message + " If ':' belongs to the term, put the term in quotes: \"\(name):…\""
        case let .missingFieldValue(field):
            return "'\(field):' needs a value right after the colon, e.g. \(field):化工厂 or \(field):(异味 OR 刺鼻)"
        case let .misplacedField(field, context):
            return "'\(field):' cannot be used \(context); put the field scope outside, e.g. title:(a NEAR/10 b)"
        case let .unknownChannel(value, suggestion):
            var message = "unknown channel '\(value)'; use news (新闻), forum (论坛), weibo (微博), wechat (微信) or other (其他)"
            if let suggestion { message += " (did you mean '\(suggestion)'?)" }
            return message
        case let .chineseOperator(word):
            let english = switch word {
            case "或", "或者": "OR (or |)"
            case "非", "不含", "不包含": "NOT (or -)"
            default: "AND (or +, or just a space)"
            }
            return "'\(word)' is not an operator here; write \(english). Chinese operator words are not supported "
                + "because they occur inside real terms (非法集资, 与会, 或许); to look for the character itself, "
                + "quote it: \"\(word)\""
        case let .wildcard(term):
            return "'\(term)': wildcards are not supported and not needed — a term matches inside longer words "
                + "(化工 finds 化工厂); to look for '*' or '?' literally, quote the term"
        case let .setEntry(function, found):
            return "\(function)(…) lists terms or quoted phrases separated by commas, found \(found)"
        case let .atLeastCount(count, terms):
            return "ATLEAST(\(count), …) can never be met with \(terms) term\(terms == 1 ? "" : "s"); "
                + "the count must be from 1 to \(terms)"
        case .atLeastMissingCount:
            return "ATLEAST needs a count first: ATLEAST(2, 化工厂, 异味, 污染)"
        case let .badWeight(text):
            return "bad weight '\(text)': write the weight after the term as a whole number from 1 to 1000, "
                + "e.g. WEIGHT(爆炸=3, 泄漏=2, 气味) (a term without one weighs 1)"
        case .missingThreshold:
            return "WEIGHT(…) needs a threshold: add '>= 4' after it, or 'threshold: 4' to the rule"
        case let .unreachableThreshold(threshold, total):
            return threshold < 1
                ? "threshold \(threshold) is met by every item; use 1 or more"
                : "threshold \(threshold) can never be reached: all the weights add up to \(total)"
        case let .duplicateSetEntry(term):
            return "'\(term)' is listed twice; list each term once"
        case .matchesWithoutTerms:
            return "this expression matches items that contain none of its terms (it is only NOT, or "
                + "source/channel/region, or has such an OR branch), so it would flag almost everything; "
                + "add a term to look for, e.g. 化工厂 NOT 招聘"
        }
    }

    /// The message with positions inside the expression.
    public var message: String {
        message(locating: \.description)
    }

    /// `line:column: message`, positions inside the expression.
    public var description: String {
        "\(position): \(message)"
    }
}
