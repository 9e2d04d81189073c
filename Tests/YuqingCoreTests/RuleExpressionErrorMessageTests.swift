import Testing
import YuqingCore

/// Error messages of `match:` expressions and digest send times, the parts not already in
/// `RuleExpressionParserTests.reportsErrors`. Inventory of `RuleExpressionError.Problem`
/// (case → where a test triggers it; "P" = RuleExpressionParserTests.reportsErrors, "here" = `rows`):
///
/// - empty → P ("", "   ")
/// - unexpected(found:expected:) — one case, many call sites: "something inside the parentheses",
///   "'>=' (at least)", "AND, OR, NOT or a term", commas between terms → P; "at most 64 nested
///   parentheses", "AND, OR, NOT, a term or ')'", "a field name before ':'", "',' after the count of
///   ATLEAST", "a whole number after '>='", "a value of 'source:'", "OR or ')' between the values" → here
/// - unexpectedEnd(expected:) → P ("a AND", "a NEAR/5", ">=" at the end); "after 'OR'" → here
/// - unclosedParenthesis → P; inside `source:(…)` and a set list ending after a comma → here
/// - unmatchedClosingParenthesis → P (after a term); at the very start → here
/// - unclosedQuote, emptyPhrase, nearWithoutDistance, nearDistanceOutOfRange, nearChained → P
/// - nearOperand → P (an AND next to NEAR); an OR-list holding an AND → here
/// - unknownField (with and without a suggestion) → P and `unknownFieldMessageSaysHowToKeepAColonInATerm`
/// - missingFieldValue, misplacedField ("next to NEAR", "right after", "inside …") → P
/// - unknownChannel → P; inside a `channel:(…)` list → here
/// - chineseOperator (AND, OR and NOT words), wildcard, setEntry, atLeastCount, atLeastMissingCount,
///   badWeight, missingThreshold, unreachableThreshold (both wordings), duplicateSetEntry,
///   matchesWithoutTerms → P
///
/// Dead code: `parsePrimary`'s `.field` case ("'x:' cannot be used here") cannot be reached —
/// `parseScoped` handles every field token before `parsePrimary` sees it.
///
/// `DigestScheduleError.badSendTime` for each period kind → `sendTimes` here; in yuqing.yml context
/// (with file position) → YuqingConfigTests.SettingsErrorMessageTests.
@Suite struct RuleExpressionErrorMessageTests {
    static let deep = String(repeating: "(", count: 65) + "a" + String(repeating: ")", count: 65)

    @Test(arguments: [
        (deep, "1:65", ["at most 64 nested parentheses", "found '('"]),
        (") 化工厂", "1:1", ["')' without a matching '('", "delete it"]),
        ("(化工厂, 异味)", "1:5", ["expected AND, OR, NOT, a term or ')', found ','"]),
        ("化工厂 :异味", "1:5", ["expected a field name before ':'", "title:, body:"]),
        ("化工厂 OR", "1:7", ["the expression ends too early", "after 'OR'"]),
        ("(化工厂 OR 异味 刺鼻) NEAR/5 江临", "1:1", ["NEAR joins two terms, quoted phrases or parenthesised OR-lists",
                                                "(化工厂 OR 化工园区) NEAR/10 异味"]),
        ("化工厂 NEAR/5 NOT 异味", "1:12", ["expected a term, a quoted phrase or '(' after 'NEAR/5', found 'NOT'"]),
        ("爆炸 source:(gov-news daily)", "1:21", ["expected OR or ')' between the values of 'source:', found 'daily'"]),
        ("爆炸 source:(gov-news OR", "1:23", ["unclosed parenthesis opened at 1:11", "add ')'"]),
        ("爆炸 source:(OR)", "1:12", ["expected a value of 'source:' (values are separated by OR), found 'OR'"]),
        ("爆炸 channel:(新闻 OR 贴吧)", "1:19", ["unknown channel '贴吧'", "forum (论坛)"]),
        ("ATLEAST(2 化工厂, 异味)", "1:11", ["expected ',' after the count of ATLEAST"]),
        ("ATLEAST(2, 化工厂,", "1:16", ["unclosed parenthesis opened at 1:8"]),
        ("WEIGHT(爆炸=2, 泄漏=2) >= 四", "1:23", ["expected a whole number after '>='", "found '四'"]),
    ] as [(String, String, [String])])
    func rows(text: String, position: String, fragments: [String]) {
        do {
            let expression = try RuleExpressionParser.parse(text)
            Issue.record("expected an error, parsed \(expression)")
        } catch {
            #expect(error.position.description == position, "\(error)")
            for fragment in fragments {
                #expect(error.message.contains(fragment), "\(error)")
            }
        }
    }

    @Test(arguments: [
        ("8点", ReportPeriod.Kind.day, "daily", "'08:00'"),
        ("25:00", .day, "daily", "'08:00'"),
        ("周八 08:00", .week, "weekly", "'周一 08:00' or 'mon 08:00'"),
        ("周一 8:0", .week, "weekly", "'周一 08:00' or 'mon 08:00'"),
        ("32 09:00", .month, "monthly", "'1 09:00' (day of the month, then the time)"),
        ("每月 1 日 09:00", .month, "monthly", "'1 09:00' (day of the month, then the time)"),
    ] as [(String, ReportPeriod.Kind, String, String)])
    func sendTimes(text: String, kind: ReportPeriod.Kind, adjective: String, example: String) {
        switch DigestSendTime.parse(text, for: kind) {
        case let .success(time):
            Issue.record("expected an error, read \(time)")
        case let .failure(error):
            #expect(error.description.contains("cannot read '\(text)' as the send time of a \(adjective) digest"), "\(error)")
            #expect(error.description.contains("write it like \(example)"), "\(error)")
        }
    }
}
