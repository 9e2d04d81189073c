import Testing
import YuqingCore

@Suite struct RuleEvaluationTests {
    static let normalizer = TextNormalizer()

    static func rule(
        _ expression: String,
        name: String = "r",
        wordBoundaries: Bool = false,
        exclude: [String] = []
    ) throws -> WatchRule {
        WatchRule(
            name: name, group: "测试", severity: .medium, notify: ["值班室"],
            expression: try RuleExpressionParser.parse(expression),
            exclusions: exclude, wordBoundaries: wordBoundaries
        )
    }

    static func evaluate(
        _ expression: String,
        _ item: MatchableItem,
        wordBoundaries: Bool = false,
        exclude: [String] = []
    ) throws -> RuleMatch? {
        let set = CompiledRuleSet(
            RuleSet(rules: [try rule(expression, wordBoundaries: wordBoundaries, exclude: exclude)]),
            normalizer: normalizer
        )
        return set.evaluate(item).first
    }

    static func body(_ text: String) -> MatchableItem {
        MatchableItem(title: "", body: text)
    }

    // MARK: Operators

    @Test(arguments: [
        ("化工厂 AND 异味", "化工厂附近有异味", true),
        ("化工厂 AND 异味", "化工厂附近很安静", false),
        ("化工厂 + 异味", "异味来自化工厂", true),
        ("化工厂 异味", "化工厂", false),
        ("化工厂 OR 化工园区", "化工园区发生火灾", true),
        ("化工厂 | 化工园区", "钢铁厂发生火灾", false),
        ("化工厂 NOT 招聘", "化工厂冒黑烟", true),
        ("化工厂 NOT 招聘", "化工厂招聘操作工", false),
        ("化工厂 -招聘", "化工厂招聘操作工", false),
        ("化工厂 -招聘", "化工厂冒黑烟", true),
        // NOT > AND > OR.
        ("暴雷 OR 跑路 AND P2P", "某平台暴雷", true),
        ("(暴雷 OR 跑路) AND P2P", "某平台暴雷", false),
        ("(暴雷 OR 跑路) AND P2P", "P2P平台老板跑路", true),
        ("NOT 演练 AND 爆炸", "化工厂爆炸", true),
        ("NOT 演练 AND 爆炸", "爆炸应急演练", false),
        ("NOT (演练 OR 电影) 爆炸", "电影里的爆炸", false),
        // Operator words inside terms are just characters.
        ("非法集资", "警惕非法集资", true),
        ("\"或\" 许", "或许", true),
    ] as [(String, String, Bool)])
    func operators(expression: String, text: String, expected: Bool) throws {
        #expect((try Self.evaluate(expression, Self.body(text)) != nil) == expected)
    }

    // MARK: NEAR

    @Test(arguments: [
        // 旁边闻到 — 4 characters between.
        ("化工厂 NEAR/5 异味", "化工厂旁边闻到异味", true),
        ("化工厂 NEAR/4 异味", "化工厂旁边闻到异味", true),
        ("化工厂 NEAR/3 异味", "化工厂旁边闻到异味", false),
        // Either order.
        ("化工厂 NEAR/5 异味", "异味来自化工厂", true),
        // Punctuation between Chinese characters is not counted (normalised text).
        ("化工厂 NEAR/2 异味", "化工厂，，，有异味", true),
        ("化工厂 NEAR/5 异味", "化工厂今天天气很好但晚上有异味", false),
        ("化工厂 NEAR/10 异味", "化工厂今天天气很好但晚上有异味", true),
        ("(化工厂 OR 化工园区) NEAR/3 (异味 OR 刺鼻)", "化工园区传出刺鼻气味", true),
        // Distances count characters, also in Latin text: " at the " is 8.
        ("\"national congress\" NEAR/8 protest", "protest at the national congress", true),
        ("\"national congress\" NEAR/7 protest", "protest at the national congress", false),
        // The same occurrence does not pair with itself.
        ("爆炸 NEAR/5 爆炸", "化工厂爆炸", false),
        ("爆炸 NEAR/5 爆炸", "爆炸！又一声爆炸", true),
    ] as [(String, String, Bool)])
    func near(expression: String, text: String, expected: Bool) throws {
        #expect((try Self.evaluate(expression, Self.body(text)) != nil) == expected)
    }

    @Test func nearNeedsBothInOneField() throws {
        let item = MatchableItem(title: "江临化工厂", body: "居民反映有异味")
        #expect(try Self.evaluate("化工厂 NEAR/50 异味", item) == nil)
        #expect(try Self.evaluate("化工厂 AND 异味", item) != nil)
    }

    // MARK: Fields

    static let item = MatchableItem(
        title: "江临化工厂发生爆炸", body: "附近居民闻到刺鼻气味", sourceID: "jl-forum", channel: .forum, region: "江临市高新区"
    )

    @Test(arguments: [
        ("title:化工厂", true),
        ("title:刺鼻", false),
        ("body:刺鼻", true),
        ("body:化工厂", false),
        ("标题:爆炸 正文:(异味 OR 刺鼻)", true),
        ("title:(爆炸 AND 刺鼻)", false),
        ("爆炸 source:jl-forum", true),
        ("爆炸 source:JL-Forum", true),
        ("爆炸 source:(gov-news OR daily)", false),
        ("爆炸 channel:forum", true),
        ("爆炸 channel:论坛", true),
        ("爆炸 channel:(微博 OR 新闻)", false),
        ("爆炸 NOT channel:论坛", false),
        ("爆炸 region:江临市", true),
        ("爆炸 region:江临市高新区", true),
        ("爆炸 region:江北区", false),
    ] as [(String, Bool)])
    func fieldScopes(expression: String, expected: Bool) throws {
        #expect((try Self.evaluate(expression, Self.item) != nil) == expected)
    }

    @Test func regionFilterNeedsARegion() throws {
        let item = MatchableItem(title: "爆炸", sourceID: "x")
        #expect(try Self.evaluate("爆炸 region:江临市", item) == nil)
    }

    // MARK: Weighted sets

    @Test(arguments: [
        ("ATLEAST(2, 化工厂, 异味, 污染, 排放)", "化工厂排放废水", true, 2),
        ("ATLEAST(2, 化工厂, 异味, 污染, 排放)", "化工厂很大，化工厂很多", false, 0),
        ("ATLEAST(3, 化工厂, 异味, 污染, 排放)", "化工厂排放废水造成污染", true, 3),
        ("WEIGHT(爆炸=3, 泄漏=2, 气味=1) >= 4", "爆炸", false, 0),
        ("WEIGHT(爆炸=3, 泄漏=2, 气味=1) >= 4", "爆炸后有气味", true, 4),
        ("WEIGHT(爆炸=3, 泄漏=2, 气味=1) >= 4", "泄漏，有气味", false, 0),
        ("WEIGHT(爆炸=3, 泄漏=2, 气味=1) >= 4", "爆炸导致泄漏，有气味", true, 6),
    ] as [(String, String, Bool, Int)])
    func weightedSets(expression: String, text: String, expected: Bool, score: Int) throws {
        let match = try Self.evaluate(expression, Self.body(text))
        #expect((match != nil) == expected)
        if expected { #expect(match?.score == score) }
    }

    @Test func termsAcrossFieldsCountOnceInSets() throws {
        let item = MatchableItem(title: "化工厂", body: "化工厂 排放")
        #expect(try Self.evaluate("ATLEAST(2, 化工厂, 异味, 排放)", item)?.score == 2)
        #expect(try Self.evaluate("title:ATLEAST(2, 化工厂, 异味, 排放)", item) == nil)
        #expect(try Self.evaluate("化工厂", item)?.score == nil)
    }

    // MARK: Word boundaries

    @Test(arguments: [
        ("\"national congress\"", "The national congress opened today", true, true),
        ("\"national congress\"", "The international congress opened today", true, false),
        ("\"national congress\"", "The international congress opened today", false, true),
        ("\"national congress\"", "national congressional hearing", true, false),
        ("\"national congress\"", "“National Congress” opens", true, true),
        ("PX", "反对PX项目", true, true),
        ("PX", "SPX index", true, false),
        ("PX", "PX2000", true, false),
        ("PX项目", "反对PX项目", true, true),
        ("PX项目", "反对SPX项目", true, false),
        ("化工", "化工厂", true, true),
    ] as [(String, String, Bool, Bool)])
    func wordBoundaries(expression: String, text: String, boundaries: Bool, expected: Bool) throws {
        #expect((try Self.evaluate(expression, Self.body(text), wordBoundaries: boundaries) != nil) == expected)
    }

    // MARK: Exclusions

    @Test func exclusionCancelsOnlyTheHitItCovers() throws {
        #expect(try Self.evaluate("大麻", Self.body("这下可真是个大麻烦"), exclude: ["大麻烦"]) == nil)
        #expect(try Self.evaluate("大麻", Self.body("这下可真是个大麻烦"), exclude: ["麻烦"]) == nil)
        #expect(try Self.evaluate("大麻", Self.body("这下可真是个大麻烦")) != nil)

        let both = "警方查获大麻十公斤，嫌疑人说这下有大麻烦了"
        let match = try #require(try Self.evaluate("大麻", Self.body(both), exclude: ["大麻烦"]))
        #expect(match.terms.count == 1)
        let term = try #require(match.terms.first)
        #expect(term.text == "大麻")
        #expect(both[term.range] == "大麻")
        #expect(both[both.startIndex..<term.range.lowerBound] == "警方查获")
    }

    @Test func exclusionAppliesInsideNearAndSets() throws {
        #expect(try Self.evaluate("大麻 NEAR/3 种植", Self.body("种植麻烦：大麻烦人"), exclude: ["大麻烦"]) == nil)
        #expect(try Self.evaluate("ATLEAST(2, 大麻, 种植, 毒品)", Self.body("种植大麻烦"), exclude: ["大麻烦"]) == nil)
        #expect(try Self.evaluate("ATLEAST(2, 大麻, 种植, 毒品)", Self.body("种植大麻"), exclude: ["大麻烦"]) != nil)
    }

    // MARK: Normalisation

    @Test(arguments: [
        ("环境污染", "某地環境污染嚴重", "環境污染"),
        ("非法集资", "警惕非*法集资陷阱", "非*法集资"),
        ("非法集资", "警惕非 法 集 资", "非 法 集 资"),
        ("P2P", "ｐ２ｐ平台暴雷", "ｐ２ｐ"),
        ("疫苗", "問題疫苗", "疫苗"),
    ] as [(String, String, String)])
    func normalizationThroughRules(expression: String, text: String, highlighted: String) throws {
        let match = try #require(try Self.evaluate(expression, Self.body(text)))
        let term = try #require(match.terms.first)
        #expect(term.text == highlighted)
        #expect(term.term == expression)
        #expect(String(text.unicodeScalars[term.range]) == highlighted)
    }

    // MARK: Rule sets

    @Test func highlightsWhatMadeTheRuleMatchAndNothingUnderNot() throws {
        let item = MatchableItem(title: "江临化工厂发生爆炸", body: "化工厂附近有异味，并非演练")
        let match = try #require(try Self.evaluate("title:化工厂 AND 异味 NOT 演习", item))
        #expect(match.terms.map { "\($0.field.rawValue):\($0.text)" } == ["title:化工厂", "body:异味"])
        let withNot = try #require(try Self.evaluate("化工厂 NOT 演习 NOT (电影 OR 演习)", item))
        #expect(withNot.terms.map(\.text) == ["化工厂", "化工厂"])
        let near = try #require(try Self.evaluate("化工厂 NEAR/3 异味", item))
        #expect(near.terms.map { "\($0.field.rawValue):\($0.text)" } == ["body:化工厂", "body:异味"])
    }

    @Test func oneScanServesManyRules() throws {
        let rules = [
            try Self.rule("环境污染", name: "污染"),
            try Self.rule("環境 AND 投诉", name: "投诉"),
            try Self.rule("化工厂 NEAR/5 异味", name: "异味"),
            try Self.rule("非法集资 OR 暴雷", name: "集资"),
            try Self.rule("source:jl-forum NOT 广告 环境", name: "论坛环境"),
        ]
        let set = CompiledRuleSet(RuleSet(rules: rules))
        // 環境 and 环境 normalise alike: one pattern.
        #expect(set.patternCount == 8)
        let item = MatchableItem(title: "市民投诉环境污染", body: "化工厂排出异味", sourceID: "jl-forum")
        let matches = set.evaluate(item)
        #expect(matches.map(\.ruleName) == ["污染", "投诉", "异味", "论坛环境"])
        #expect(matches[0].severity == .medium)
        #expect(matches[0].notify == ["值班室"])
        #expect(matches[0].group == "测试")
        #expect(set.evaluate(MatchableItem(title: "今日天气晴")).isEmpty)
    }
}
