import Testing
import YuqingCore

@Suite struct RuleExpressionParserTests {
    /// Each operator, its symbol and precedence, written the way users write them, and the tree it gives.
    @Test(arguments: [
        // AND: keyword, symbol, side by side.
        ("化工厂 AND 异味", "(化工厂 AND 异味)"),
        ("化工厂 and 异味", "(化工厂 AND 异味)"),
        ("化工厂 + 异味", "(化工厂 AND 异味)"),
        ("化工厂 异味", "(化工厂 AND 异味)"),
        ("化工厂＋异味", "(化工厂 AND 异味)"),
        // OR.
        ("化工厂 OR 化工园区", "(化工厂 OR 化工园区)"),
        ("化工厂 | 化工园区", "(化工厂 OR 化工园区)"),
        ("化工厂｜化工园区", "(化工厂 OR 化工园区)"),
        // NOT: keyword, '-' before a term, binding to one operand.
        ("化工厂 NOT 招聘", "(化工厂 AND NOT 招聘)"),
        ("化工厂 -招聘", "(化工厂 AND NOT 招聘)"),
        ("化工厂 - 招聘", "(化工厂 AND NOT 招聘)"),
        ("化工厂 not 招聘 not 广告", "(化工厂 AND NOT 招聘 AND NOT 广告)"),
        ("covid-19", "covid-19"),
        ("P2P-平台 暴雷", "(P2P-平台 AND 暴雷)"),
        // Precedence NOT > AND > OR, and parentheses.
        ("a OR b AND c", "(a OR (b AND c))"),
        ("a AND b OR c", "((a AND b) OR c)"),
        ("(a OR b) AND c", "((a OR b) AND c)"),
        ("NOT a AND b", "(NOT a AND b)"),
        ("NOT (a OR b) c", "(NOT (a OR b) AND c)"),
        ("a OR NOT b c", "(a OR (NOT b AND c))"),
        ("（化工厂 ｜ 化工园区） 异味", "((化工厂 OR 化工园区) AND 异味)"),
        ("((a))", "a"),
        // Phrases, ASCII and Chinese quotes; keywords inside quotes are words.
        ("\"national congress\"", "\"national congress\""),
        ("“全国 人大” 代表", "(\"全国 人大\" AND 代表)"),
        ("\"AND\" 或许", "(\"AND\" AND 或许)"),
        // NEAR.
        ("化工厂 NEAR/10 异味", "(化工厂 NEAR/10 异味)"),
        ("化工厂 near/5 异味", "(化工厂 NEAR/5 异味)"),
        ("(化工厂 OR 化工园区) NEAR/20 (异味 OR \"刺鼻 气味\")", "((化工厂 OR 化工园区) NEAR/20 (异味 OR \"刺鼻 气味\"))"),
        ("a NEAR/3 b OR c", "((a NEAR/3 b) OR c)"),
        ("NOT a NEAR/3 b c", "(NOT (a NEAR/3 b) AND c)"),
        // Field scopes, English and Chinese names, full-width colon.
        ("title:化工厂", "title:化工厂"),
        ("标题：化工厂", "title:化工厂"),
        ("title: 化工厂 爆炸", "(title:化工厂 AND 爆炸)"),
        ("body:(异味 OR 刺鼻)", "body:(异味 OR 刺鼻)"),
        ("正文:(化工厂 NEAR/10 异味)", "body:(化工厂 NEAR/10 异味)"),
        ("爆炸 source:gov-news", "(爆炸 AND source:gov-news)"),
        ("爆炸 来源:(gov-news OR daily)", "(爆炸 AND source:(gov-news OR daily))"),
        ("爆炸 channel:论坛", "(爆炸 AND channel:forum)"),
        ("爆炸 渠道:(微博, wechat)", "(爆炸 AND channel:(weibo OR wechat))"),
        ("爆炸 region:江临市", "(爆炸 AND region:江临市)"),
        ("爆炸 NOT channel:weibo", "(爆炸 AND NOT channel:weibo)"),
        // Weighted sets.
        ("ATLEAST(2, 化工厂, 异味, 污染, 排放)", "ATLEAST(2, 化工厂, 异味, 污染, 排放)"),
        ("atleast(2，化工厂、异味、\"黑 烟\")", "ATLEAST(2, 化工厂, 异味, \"黑 烟\")"),
        ("WEIGHT(爆炸=3, 泄漏=2, 气味=1) >= 4", "WEIGHT(爆炸=3, 泄漏=2, 气味=1) >= 4"),
        ("WEIGHT(爆炸=3, 泄漏) ≥ 2", "WEIGHT(爆炸=3, 泄漏=1) >= 2"),
        ("weight loss", "(weight AND loss)"),
        ("title:ATLEAST(2, a, b, c) 江临", "(title:ATLEAST(2, a, b, c) AND 江临)"),
    ])
    func parses(text: String, expected: String) throws {
        let expression = try RuleExpressionParser.parse(text)
        #expect(expression.description == expected)
        // The canonical form reads back to the same tree.
        #expect(try RuleExpressionParser.parse(expression.description).description == expected)
    }

    @Test func takesTheRuleThresholdForWeightWithoutOne() throws {
        let result = try RuleExpressionParser.parseDetailed("WEIGHT(爆炸=3, 泄漏=2, 气味=1)", threshold: 4)
        #expect(result.expression.description == "WEIGHT(爆炸=3, 泄漏=2, 气味=1) >= 4")
        #expect(result.usedThreshold)
        let own = try RuleExpressionParser.parseDetailed("WEIGHT(爆炸=3, 气味=1) >= 3", threshold: 4)
        #expect(own.expression.description == "WEIGHT(爆炸=3, 气味=1) >= 3")
        #expect(!own.usedThreshold)
    }

    @Test func recordsWhereTermsAre() throws {
        let expression = try RuleExpressionParser.parse("化工厂 AND\n  \"异 味\"")
        let positions = expression.terms.map { "\($0.text)@\($0.position)" }
        #expect(positions == ["化工厂@1:1", "异 味@2:3"])
    }

    /// Every error, where it points (line:column inside the expression) and what it says.
    @Test(arguments: [
        ("", "1:1", "the expression is empty"),
        ("   ", "1:1", "the expression is empty"),
        ("(化工厂 OR 异味", "1:11", "unclosed parenthesis opened at 1:1; add ')' to close it"),
        ("化工厂 AND\n  (异味 OR 刺鼻", "2:12", "unclosed parenthesis opened at 2:3"),
        ("化工厂)", "1:4", "')' without a matching '('"),
        ("(a OR b))", "1:9", "')' without a matching '('"),
        ("()", "1:1", "expected something inside the parentheses"),
        ("\"national congress", "1:1", "unclosed quote"),
        ("a \"\"", "1:3", "empty phrase"),
        ("化工厂 NEAR 异味", "1:5", "NEAR needs a distance: NEAR/10"),
        ("化工厂 NEAR/ 异味", "1:5", "NEAR needs a distance: NEAR/10"),
        ("化工厂 NEAR/ten 异味", "1:5", "bad NEAR distance 'ten'"),
        ("化工厂 NEAR/0 异味", "1:5", "bad NEAR distance '0'"),
        ("a NEAR/5 b NEAR/5 c", "1:12", "NEAR joins exactly two terms"),
        ("(a AND b) NEAR/5 c", "1:1", "NEAR joins two terms, quoted phrases or parenthesised OR-lists"),
        ("a NEAR/5", "1:9", "expected a term, a quoted phrase or '(' after 'NEAR/5'"),
        ("title:a NEAR/5 b", "1:1", "'title:' cannot be used next to NEAR"),
        ("titel:化工厂", "1:1", "unknown field 'titel:'; did you mean 'title:'?"),
        ("化工厂 bdy:异味", "1:5", "unknown field 'bdy:'; did you mean 'body:'?"),
        ("标提:化工厂", "1:1", "unknown field '标提:'; did you mean '标题:'?"),
        ("化工厂 http://example.com", "1:5", "unknown field 'http:'"),
        ("title:", "1:1", "'title:' needs a value right after the colon"),
        ("title: OR a", "1:1", "'title:' needs a value right after the colon"),
        ("title:body:a", "1:7", "'body:' cannot be used right after 'title:'"),
        ("title:(a body:b)", "1:1", "'body:' cannot be used inside 'title:(…)'"),
        ("爆炸 channel:贴吧", "1:12", "unknown channel '贴吧'"),
        ("爆炸 channel:forun", "1:12", "(did you mean 'forum'?)"),
        ("爆炸 source:", "1:4", "'source:' needs a value"),
        ("a AND", "1:6", "expected a term, a quoted phrase or '(' after 'AND'"),
        ("AND a", "1:1", "expected a term, a quoted phrase or '(' after this point, found 'AND'"),
        ("a OR OR b", "1:6", "after 'OR', found 'OR'"),
        ("a NOT", "1:6", "after 'NOT'"),
        ("a, b", "1:2", "commas only separate the terms inside ATLEAST(…) and WEIGHT(…)"),
        ("a > 3", "1:3", "expected '>=' (at least)"),
        ("大麻 非 大麻烦", "1:4", "'非' is not an operator here; write NOT (or -)"),
        ("化工厂 或 化工园区", "1:5", "'或' is not an operator here; write OR (or |)"),
        ("化工厂 与 异味", "1:5", "write AND (or +, or just a space)"),
        ("化工* 异味", "1:1", "wildcards are not supported"),
        ("NOT 广告", "1:1", "it would flag almost everything"),
        ("-广告", "1:1", "it would flag almost everything"),
        ("source:gov-news", "1:1", "it would flag almost everything"),
        ("化工厂 OR NOT 招聘", "1:1", "it would flag almost everything"),
        ("ATLEAST(5, a, b)", "1:1", "ATLEAST(5, …) can never be met with 2 terms"),
        ("ATLEAST(0, a, b)", "1:1", "the count must be from 1 to 2"),
        ("ATLEAST(a, b)", "1:9", "ATLEAST needs a count first"),
        ("ATLEAST(2, a b, c)", "1:14", "expected ',' or ')' (separate the terms of ATLEAST with commas)"),
        ("ATLEAST(2, a, (b OR c))", "1:15", "ATLEAST(…) lists terms or quoted phrases"),
        ("ATLEAST(2, a, title:b)", "1:15", "'title:' cannot be used inside ATLEAST(…)"),
        ("ATLEAST(1, a, A)", "1:15", "'A' is listed twice"),
        ("ATLEAST(2, a, b", "1:16", "unclosed parenthesis opened at 1:8"),
        ("WEIGHT(爆炸=3, 气味=1)", "1:19", "WEIGHT(…) needs a threshold: add '>= 4' after it, or 'threshold: 4' to the rule"),
        ("WEIGHT(爆炸=3, 气味=1) >= 5", "1:23", "threshold 5 can never be reached: all the weights add up to 4"),
        ("WEIGHT(爆炸=3, 气味=1) >= 0", "1:23", "threshold 0 is met by every item"),
        ("WEIGHT(爆炸=3, 气味=1) >=", "1:22", "a whole number after '>='"),
        ("WEIGHT(爆炸=0, 气味=1) >= 1", "1:11", "bad weight '0'"),
        ("WEIGHT(爆炸=1.5, 气味=1) >= 1", "1:11", "bad weight '1.5'"),
        ("WEIGHT(3: 爆炸, 气味=1) >= 1", "1:8", "write the weight after the term"),
        ("ATLEAST(1, 爆炸=3, 气味)", "1:14", "ATLEAST(…) lists terms or quoted phrases separated by commas, found '='"),
        ("爆炸=3", "1:3", "expected AND, OR, NOT or a term, found '='"),
    ] as [(String, String, String)])
    func reportsErrors(text: String, position: String, message: String) {
        do {
            let expression = try RuleExpressionParser.parse(text)
            Issue.record("expected an error, parsed \(expression)")
        } catch {
            #expect(error.position.description == position, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func unknownFieldMessageSaysHowToKeepAColonInATerm() {
        #expect(throws: RuleExpressionError.self) { try RuleExpressionParser.parse("化工厂 时间:10") }
        let error = RuleExpressionError(.unknownField("时间", suggestion: nil), at: .start)
        #expect(error.message.contains("put the term in quotes"))
        #expect(error.message.contains("fields are title, body, source, channel and region"))
    }

    @Test func quotedOperatorWordsAreTerms() throws {
        #expect(try RuleExpressionParser.parse("化工厂 \"或\"").description == "(化工厂 AND \"或\")")
        #expect(try RuleExpressionParser.parse("非法集资 或许 与会").description == "(非法集资 AND 或许 AND 与会)")
    }

    @Test func refusesAbsurdNesting() {
        let deep = String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100)
        #expect(throws: RuleExpressionError.self) { try RuleExpressionParser.parse(deep) }
    }

    @Test func severityReadsEveryAlias() {
        let table: [(String, RuleSeverity)] = [
            ("一般", .low), ("较大", .medium), ("重大", .high), ("特别重大", .critical),
            ("low", .low), ("Medium", .medium), ("HIGH", .high), (" critical ", .critical),
        ]
        for (text, severity) in table {
            #expect(RuleSeverity(text: text) == severity)
        }
        #expect(RuleSeverity(text: "严重") == nil)
        #expect(RuleSeverity.low < .critical)
    }
}
