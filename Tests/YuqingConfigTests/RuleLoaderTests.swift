import Foundation
import Testing
import YuqingConfig
import YuqingCore

@Suite struct RuleLoaderTests {
    /// The issues of loading `text` as `fileName`, as `file:line:column: message` lines.
    static func issues(_ text: String, fileName: String = "Rules/规则.yml") -> [String] {
        do {
            _ = try RuleLoader.load(text: text, fileName: fileName)
            return []
        } catch {
            return error.issues.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }
        }
    }

    /// Expects exactly one issue, at `place` (`file:line:column`), whose message contains `message`.
    static func expectIssue(
        _ text: String,
        fileName: String = "Rules/规则.yml",
        at place: String,
        _ message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let found = issues(text, fileName: fileName)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        guard let first = found.first else { return }
        #expect(first.hasPrefix(place + ": "), "\(first)", sourceLocation: sourceLocation)
        #expect(first.contains(message), "\(first)", sourceLocation: sourceLocation)
    }

    // MARK: The repository's own rules

    @Test func repositoryRulesLoadWithoutErrors() throws {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Rules")
        let set = try RuleLoader.load(directory: directory)
        for area in ["环保", "安全生产", "食品药品", "征地拆迁", "涉众金融", "教育", "医疗", "网络谣言"] {
            #expect(set.groups.contains(area))
            #expect(set.rules.contains { $0.group == area && $0.origin?.file.hasSuffix(".txt") == true })
        }
        #expect(set.volumeRules.contains { if case .count = $0.trigger { true } else { false } })
        #expect(set.volumeRules.contains { if case .spike = $0.trigger { true } else { false } })
        #expect(set.volumeRules.contains { if case .negativeShare = $0.trigger { true } else { false } })

        // And they work on real-looking items.
        let compiled = CompiledRuleSet(set)
        let item = MatchableItem(
            title: "江临市化工园区传出刺鼻异味 居民头晕",
            body: "网友爆料称，江临化工园区附近连日有刺鼻气味，河里出现死鱼、水体发黑。",
            sourceID: "jl-forum", channel: .forum, region: "江临市", sentiment: .negative
        )
        let names = compiled.evaluate(item).map(\.ruleName)
        #expect(names.contains("环保"))
        #expect(names.contains("化工异味"))
        // The repository's lexicons load and read this text as negative.
        let lexicon = try #require(try SentimentLexiconLoader.load(rulesDirectory: directory))
        #expect(SentimentScorer(lexicon: lexicon).score(title: item.title, body: item.body).label == .negative)
        // 化工异味 is negative_only: the same text read as neutral does not match it.
        var neutral = item
        neutral.sentiment = .neutral
        #expect(!compiled.evaluate(neutral).map(\.ruleName).contains("化工异味"))
        #expect(names.contains("水体污染"))
        let policy = MatchableItem(title: "我市召开环境污染防治攻坚战推进会")
        #expect(!compiled.evaluate(policy).map(\.ruleName).contains("环保"))
    }

    // MARK: Term lists

    @Test func termListWithHeaders() throws {
        let text = """
        \u{FEFF}# 环保词表
        # 严重程度: 较大
        # 通知：环保组，值班室
        # 排除: 大麻烦
        # 说明: 这是一行普通注释

        环境污染
          偷排   # 行尾注释
        "#江临河死鱼#"
        C#
        环境污染
        大麻
        """
        let set = try RuleLoader.load(text: text, fileName: "Rules/环保.txt")
        let rule = try #require(set.rules.first)
        #expect(rule.name == "环保")
        #expect(rule.group == "环保")
        #expect(rule.severity == .medium)
        #expect(rule.notify == ["环保组", "值班室"])
        #expect(rule.exclusions == ["大麻烦"])
        #expect(rule.expression.description == "(环境污染 OR 偷排 OR \"#江临河死鱼#\" OR C# OR 大麻)")
        #expect(rule.origin == RuleOrigin(file: "Rules/环保.txt", line: 1))
    }

    @Test func englishHeadersAndWordBoundaries() throws {
        let set = try RuleLoader.load(
            text: "# severity: high\n# notify: desk\n# word_boundaries: true\nnational congress\n",
            fileName: "Rules/english.txt"
        )
        let rule = try #require(set.rules.first)
        #expect(rule.severity == .high)
        #expect(rule.wordBoundaries)
        #expect(rule.expression.description == "national congress")
    }

    @Test func emptyTermListIsAGroupWithoutRules() throws {
        let set = try RuleLoader.load(text: "# 严重程度: 较大\n# 还没有词\n\n", fileName: "Rules/教育.txt")
        #expect(set.rules.isEmpty)
        #expect(set.groups == ["教育"])
    }

    @Test(arguments: [
        ("# 严重程度: 严重\n化工厂\n", "Rules/x.txt:1:9", "unknown severity '严重'; use 一般, 较大, 重大 or 特别重大"),
        ("# 严重成度: 较大\n化工厂\n", "Rules/x.txt:1:3", "unknown header '严重成度'; did you mean '严重程度'?"),
        ("化工厂\n# 通知: 值班室\n", "Rules/x.txt:2:3", "header '通知' must be at the top of the file"),
        ("# 通知: a\n# notify: b\n化工厂\n", "Rules/x.txt:2:3", "header 'notify' appears twice (first on line 1)"),
        ("化工厂\n#江临河死鱼#\n", "Rules/x.txt:2:1", "looks like a Weibo topic"),
        ("化工厂\n  \"江临 死鱼\n", "Rules/x.txt:2:3", "unclosed quote"),
        ("化工厂\n\"江临\" 死鱼\n", "Rules/x.txt:2:5", "text after the closing quote"),
        ("化工厂\n\u{FE0F}\u{2060}\n", "Rules/x.txt:2:1", "has nothing left to match once invisible characters and spaces are removed"),
        ("# 排除: 天气预报\n化工厂\n", "Rules/x.txt:1:7", "exclusion '天气预报' shares no character with any term"),
        ("# 整词: 也许\nPX\n", "Rules/x.txt:1:7", "expected 是 or 否"),
    ] as [(String, String, String)])
    func termListErrors(text: String, place: String, message: String) {
        Self.expectIssue(text, fileName: "Rules/x.txt", at: place, message)
    }

    // MARK: Rule files

    @Test func ruleFileReadsEveryKey() throws {
        let text = """
        - name: 危化品事故
          group: 安全生产
          severity: critical
          match: WEIGHT(爆炸=3, 泄漏=3, 浓烟=1)
          threshold: 4
          exclude: 信息爆炸, 爆炸性新闻
          notify: [应急组, 值班室]
          negative_only: yes
          word_boundaries: true
        - name: 默认分组
          match: 化工厂
        - name: 量
          kind: volume
          group: 安全生产
          count: 20
          window: 1h
        - name: 突增
          kind: spike
          group: 安全生产
          factor: 2.5
          window: 1h
          baseline: 7d
          cooldown: 3h
        - name: 负面突增
          kind: negative_surge
          group: 安全生产
          factor: 2
          window: 6h
          baseline: 7d
          min_count: 3
          min_share: 60%
        """
        let set = try RuleLoader.load(text: text, fileName: "Rules/重点.yml")
        let rule = try #require(set.rule(named: "危化品事故"))
        #expect(rule.group == "安全生产")
        #expect(rule.severity == .critical)
        #expect(rule.expression.description == "WEIGHT(爆炸=3, 泄漏=3, 浓烟=1) >= 4")
        #expect(rule.exclusions == ["信息爆炸", "爆炸性新闻"])
        #expect(rule.notify == ["应急组", "值班室"])
        #expect(rule.negativeOnly)
        #expect(rule.wordBoundaries)
        #expect(rule.origin == RuleOrigin(file: "Rules/重点.yml", line: 1))
        #expect(set.rule(named: "默认分组")?.group == "重点")
        #expect(set.rule(named: "默认分组")?.severity == .low)
        #expect(set.volumeRules.count == 3)
        #expect(set.volumeRules[2].trigger == .negativeShare(
            factor: 2, window: .seconds(6 * 3_600), baseline: .seconds(7 * 86_400), minimumCount: 3, minimumShare: 0.6
        ))
        #expect(set.volumeRules[0].trigger == .count(20, window: .seconds(3_600)))
        #expect(set.volumeRules[0].cooldown == .seconds(3_600))
        #expect(set.volumeRules[1].trigger == .spike(
            factor: 2.5, window: .seconds(3_600), baseline: .seconds(7 * 86_400), minimumCount: 5
        ))
        #expect(set.volumeRules[1].cooldown == .seconds(3 * 3_600))
        #expect(set.groups == ["安全生产", "重点"])
    }

    /// Expression errors point into the file: the brief's own example first.
    @Test(arguments: [
        // Plain scalar: the expression starts at column 10.
        ("- name: 化工厂异味\n  group: 环保\n  match: 化工厂 AND (异味 OR 刺鼻\n",
         "Rules/规则.yml:3:27", "unclosed parenthesis opened at 3:18; add ')' to close it (in 'match' in rule '化工厂异味')"),
        ("- name: a\n  match: 化工厂 NEAR 异味\n", "Rules/规则.yml:2:14", "NEAR needs a distance: NEAR/10"),
        ("- name: a\n  match: titel:化工厂\n", "Rules/规则.yml:2:10", "unknown field 'titel:'; did you mean 'title:'?"),
        // Quoted scalars: the quote is not part of the expression.
        ("- name: a\n  match: \"化工厂 AND (异味\"\n", "Rules/规则.yml:2:22", "unclosed parenthesis opened at 2:19"),
        ("- name: a\n  match: '\"national congress'\n", "Rules/规则.yml:2:11", "unclosed quote"),
        // Literal block scalar: lines below the key, indentation stripped.
        ("- name: a\n  match: |\n    化工厂 AND\n    (异味 OR 刺鼻\n  severity: 较大\n",
         "Rules/规则.yml:4:14", "unclosed parenthesis opened at 4:5"),
        ("- name: a\n  match: |\n    化工厂\n      AND titel:异味\n", "Rules/规则.yml:4:11", "unknown field 'titel:'"),
        // Folded block and a plain scalar over two lines.
        ("- name: a\n  match: >\n    化工厂 AND\n    异味 NEAR 刺鼻\n", "Rules/规则.yml:4:8", "NEAR needs a distance"),
        ("- name: a\n  match: 化工厂 AND\n    异味 非 刺鼻\n", "Rules/规则.yml:3:8", "'非' is not an operator here"),
        // Whole-expression errors point at its start.
        ("- name: a\n  match: NOT 广告\n", "Rules/规则.yml:2:10", "it would flag almost everything"),
        ("- name: a\n  match: 化工厂 OR \"\u{200B}\"\n", "Rules/规则.yml:2:17", "has nothing left to match"),
        ("- name: a\n  match: WEIGHT(爆炸=3, 浓烟=1)\n", "Rules/规则.yml:2:28", "WEIGHT(…) needs a threshold"),
    ] as [(String, String, String)])
    func expressionErrorsPointIntoTheFile(text: String, place: String, message: String) {
        Self.expectIssue(text, at: place, message)
    }

    @Test(arguments: [
        ("- name: a\n  matc: 化工厂\n", "Rules/规则.yml:2:3", "unknown key 'matc' in rule 'a'; did you mean 'match'?"),
        ("- name: a\n  match: 化工厂\n  severity: 严重\n", "Rules/规则.yml:3:13", "unknown severity '严重'"),
        ("- name: a\n  severity: 较大\n", "Rules/规则.yml:1:3", "missing 'match' in rule 'a'"),
        ("- match: 化工厂\n", "Rules/规则.yml:1:3", "missing 'name' in rule #1"),
        ("- name: a\n  match: 化工厂\n  count: 3\n", "Rules/规则.yml:3:3", "'count' in rule 'a' only applies to kind: volume"),
        ("- name: a\n  match: 化工厂\n  threshold: 3\n", "Rules/规则.yml:3:14", "'threshold' in rule 'a' is not used"),
        ("- name: a\n  match: 化工厂\n  exclude: [天气]\n", "Rules/规则.yml:3:12", "exclusion '天气' shares no character"),
        ("- name: a\n  kind: volum\n", "Rules/规则.yml:2:9", "unknown kind 'volum' in rule 'a'; use match (the default), volume, spike or negative_surge (did you mean 'volume'?)"),
        ("- name: a\n  match: x\n- name: v\n  kind: volume\n  group: a\n  window: 1h\n", "Rules/规则.yml:3:3", "missing 'count' in rule 'v'"),
        ("- name: a\n  match: x\n- name: v\n  kind: volume\n  group: 规则\n  count: 0\n  window: 1h\n", "Rules/规则.yml:6:10", "'count' in rule 'v' must be at least 1"),
        ("- name: a\n  match: x\n- name: s\n  kind: spike\n  group: 规则\n  factor: 1\n  window: 1h\n  baseline: 1d\n",
         "Rules/规则.yml:6:11", "'factor' in rule 's' must be a number larger than 1"),
        ("- name: a\n  match: x\n- name: s\n  kind: spike\n  group: 规则\n  factor: 3\n  window: 1h\n  baseline: 1h\n",
         "Rules/规则.yml:8:13", "must be at least twice the window"),
        ("- name: v\n  kind: volume\n  group: 环宝\n  count: 3\n  window: 1h\n- name: x\n  group: 环保\n  match: 污染\n",
         "Rules/规则.yml:3:10", "no watch rule is in group '环宝', so this volume rule would never fire; use the group of a term list or rule (did you mean '环保'?)"),
        ("- name: a\n  match: x\n- name: s\n  kind: negative_surge\n  group: 规则\n  factor: 2\n  window: 1h\n  baseline: 1d\n  min_share: 2\n",
         "Rules/规则.yml:9:14", "'min_share' in rule 's' must be more than 0 and at most 1"),
        ("- name: a\n  match: x\n- name: s\n  kind: negative_surge\n  group: 规则\n  window: 1h\n  baseline: 1d\n",
         "Rules/规则.yml:3:3", "missing 'factor' in rule 's'; add it, e.g. 'factor: 2'"),
        ("name: a\nmatch: b\n", "Rules/规则.yml:1:1", "a rule file is a list of rules"),
        ("- name: a\n  match: [a, b]\n", "Rules/规则.yml:2:10", "expected text for 'match'"),
        ("- name: a\n\tmatch: b\n", "Rules/规则.yml:2:1", "YAML"),
    ] as [(String, String, String)])
    func ruleFileErrors(text: String, place: String, message: String) {
        Self.expectIssue(text, at: place, message)
    }

    @Test func everyProblemInEveryFileIsReported() {
        let files: [(name: String, text: String)] = [
            ("Rules/环保.txt", "污染\n"),
            ("Rules/a.yml", "- name: 化工异味\n  match: 化工厂 NEAR/5 异味\n- name: 坏\n  match: (a\n"),
            ("Rules/b.yml", "- name: x\n  match: b\n- name: 化工异味\n  match: 化工\n- name: 环保\n  match: 污染\n"),
        ]
        do {
            _ = try RuleLoader.load(files: files)
            Issue.record("expected errors")
        } catch {
            let lines = error.issues.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }
            #expect(lines.count == 3, "\(lines)")
            #expect(lines.first?.hasPrefix("Rules/a.yml:4:12: unclosed parenthesis opened at 4:10") == true, "\(lines)")
            #expect(lines.dropFirst().first?.hasPrefix(
                "Rules/b.yml:3:9: duplicate rule name '化工异味'; it is already used at Rules/a.yml:1"
            ) == true, "\(lines)")
            #expect(lines.last?.hasPrefix(
                "Rules/b.yml:5:9: duplicate rule name '环保'; it is already used at Rules/环保.txt:1"
            ) == true, "\(lines)")
        }
    }

    @Test func directoryLoadingSkipsOtherFilesAndSubdirectories() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("yuqing-rules-\(UUID().uuidString)")
            .appendingPathComponent("Rules")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("情感词典"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        try "污染\n".write(to: directory.appendingPathComponent("环保.txt"), atomically: true, encoding: .utf8)
        try "- name: r\n  match: 偷排\n".write(to: directory.appendingPathComponent("重点.YAML"), atomically: true, encoding: .utf8)
        try "not rules".write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try "(".write(to: directory.appendingPathComponent("环保.txt~"), atomically: true, encoding: .utf8)
        try "(".write(to: directory.appendingPathComponent(".hidden.yml"), atomically: true, encoding: .utf8)
        try "负面\n".write(to: directory.appendingPathComponent("情感词典/负面.txt"), atomically: true, encoding: .utf8)
        let set = try RuleLoader.load(directory: directory)
        #expect(set.rules.map(\.name) == ["环保", "r"])

        // A GBK file is reported, not misread.
        let gbk = Data([0xBB, 0xB7, 0xB1, 0xA3, 0x0A]) // 环保 in GBK
        try gbk.write(to: directory.appendingPathComponent("坏.txt"))
        #expect(throws: ConfigErrors.self) { try RuleLoader.load(directory: directory) }
        do {
            _ = try RuleLoader.load(directory: directory)
        } catch {
            #expect(error.issues.first?.description.hasPrefix("Rules/坏.txt:1:1: error: the file is not valid UTF-8") == true)
        }
    }

    @Test func missingDirectoryIsAnError() {
        #expect(throws: ConfigErrors.self) {
            try RuleLoader.load(directory: URL(fileURLWithPath: "/nonexistent/Rules"))
        }
    }
}
