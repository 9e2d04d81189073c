import Foundation
import Testing
import YuqingConfig
import YuqingCore

/// Every message the files under `Rules/` can produce — term lists, rule files, the directory
/// itself and the sentiment lexicons — one realistic mistake each. Inventory (message → table):
///
/// - RuleListReader.swift: Weibo topic taken for a comment, misspelt header, header below the terms,
///   header twice, unknown severity, 整词 not a yes/no, unclosed quote, text after the closing quote,
///   empty quoted term, several terms on one line, an expression or a YAML list item as a line → `termLists`
/// - RuleTermCheck.swift: term with nothing left to match, exclusion with nothing left, exclusion sharing
///   no character → `termLists` and `ruleFiles`
/// - RuleFileReader.swift: not a list, rule not a map, unknown kind, key of another kind, missing name /
///   match / required volume keys, threshold unused, expression errors located in the file (every
///   `RuleExpressionError` case is in RuleExpressionErrorMessageTests, their file positions in
///   RuleLoaderTests.expressionErrorsPointIntoTheFile), severity, factor, min_share (both), baseline → `ruleFiles`
/// - RuleLoader.swift: group no rule feeds (with and without a suggestion) → `ruleFiles`; duplicate rule
///   name → `duplicateNameAcrossFiles`; directory missing → `rulesDirectoryMissing`; not UTF-8 →
///   `ruleFileInGBK`. "cannot list …" and "cannot read …; check its permissions" cannot be triggered
///   here: the tests run as root.
/// - SentimentLexiconLoader.swift and SentimentLexiconError (SentimentLexicon.parseList): every message →
///   `lexicons`, `lexiconInGBK`, `lexiconIsADirectory`
@Suite struct RuleErrorMessageTests {
    static func issues(_ text: String, fileName: String) -> [ConfigIssue] {
        do {
            _ = try RuleLoader.load(text: text, fileName: fileName)
            return []
        } catch {
            return error.issues
        }
    }

    static let termLists: [ErrorCase] = [
        ErrorCase("Rules/环保.txt:2:1", ["'#江临河死鱼#' looks like a Weibo topic", "write it in quotes", "put a space after '#'"],
                  "化工厂\n#江临河死鱼#\n"),
        ErrorCase("Rules/环保.txt:1:3", ["unknown header '严重成度'; did you mean '严重程度'?"], "# 严重成度: 较大\n化工厂\n"),
        ErrorCase("Rules/环保.txt:2:3", ["header '通知' must be at the top of the file", "move this line up"], "化工厂\n# 通知: 值班室\n"),
        ErrorCase("Rules/环保.txt:2:3", ["header 'notify' appears twice (first on line 1)", "keep only one"], "# 通知: a\n# notify: b\n化工厂\n"),
        ErrorCase("Rules/环保.txt:1:9", ["unknown severity '严重'", "一般, 较大, 重大 or 特别重大"], "# 严重程度: 严重\n化工厂\n"),
        ErrorCase("Rules/环保.txt:1:7", ["expected 是 or 否 (true or false) for '整词', found '也许'"], "# 整词: 也许\nPX\n"),
        ErrorCase("Rules/环保.txt:2:3", ["unclosed quote", "add '\"' at the end of the term"], "化工厂\n  \"江临 死鱼\n"),
        ErrorCase("Rules/环保.txt:2:5", ["text after the closing quote", "one term a line"], "化工厂\n\"江临\" 死鱼\n"),
        ErrorCase("Rules/环保.txt:2:1", ["empty term \"\"", "or delete the line"], "化工厂\n\"  \"\n"),
        ErrorCase("Rules/环保.txt:2:1", ["has nothing left to match once invisible characters and spaces are removed", "or delete it"],
                  "化工厂\n\u{FE0F}\u{2060}\n"),
        ErrorCase("Rules/环保.txt:1:7", ["exclusion '\u{FE0F}\u{2060}' has nothing left to match", "or delete it"],
                  "# 排除: \u{FE0F}\u{2060}\n化工厂\n"),
        ErrorCase("Rules/环保.txt:1:7", ["exclusion '天气预报' shares no character with any term", "e.g. 大麻烦 for the term 大麻"],
                  "# 排除: 天气预报\n化工厂\n"),
        ErrorCase("Rules/环保.txt:2:1", ["'化工厂、异味、刺鼻' is one term", "write one term a line", "in quotes"], "污染\n化工厂、异味、刺鼻\n"),
        ErrorCase("Rules/环保.txt:1:3", ["'偷排, 直排' is one term with ','", "write one term a line"], "  偷排, 直排 # 两个词\n"),
        ErrorCase("Rules/环保.txt:2:1", ["'化工厂 OR 化工园区' is one term", "no operators such as OR", "a line of its own",
                                       "a rule file's 'match:'"], "污染\n化工厂 OR 化工园区\n"),
        ErrorCase("Rules/环保.txt:1:1", ["'- 偷排' starts with '- '", "not YAML", "alone on its line"], count: 2, "- 偷排\n- 直排\n"),
    ]

    /// A watch rule `a` in group 规则 (lines 1–2), so volume rules below have a group to count.
    static let watchRule = "- name: a\n  match: 化工厂\n"

    static let ruleFiles: [ErrorCase] = [
        ErrorCase("Rules/规则.yml:1:1", ["a rule file is a list of rules", "'- name: …'"], "name: a\nmatch: b\n"),
        ErrorCase("Rules/规则.yml:1:3", ["rule #1 must be a map of keys", "found '化工厂'"], "- 化工厂\n"),
        ErrorCase("Rules/规则.yml:2:9", ["unknown kind 'volum' in rule 'a'", "did you mean 'volume'"], "- name: a\n  kind: volum\n"),
        ErrorCase("Rules/规则.yml:3:3", ["'count' in rule 'a' only applies to kind: volume; this rule is kind: match",
                                       "delete 'count' or set the kind"], watchRule + "  count: 3\n"),
        ErrorCase("Rules/规则.yml:1:3", ["missing 'name' in rule #1", "'name: 化工厂异味'"], "- match: 化工厂\n"),
        ErrorCase("Rules/规则.yml:1:9", ["'name' in rule #1 is empty"], "- name: \"\"\n  match: 化工厂\n"),
        ErrorCase("Rules/规则.yml:2:3", ["unknown key 'matc' in rule 'a'; did you mean 'match'?"], "- name: a\n  matc: 化工厂\n"),
        ErrorCase("Rules/规则.yml:1:3", ["missing 'match' in rule 'a'", "'match: 化工厂 AND (异味 OR 刺鼻)'"], "- name: a\n  severity: 较大\n"),
        ErrorCase("Rules/规则.yml:2:10", ["expected text for 'match' in rule 'a', found a list"], "- name: a\n  match: [化工厂, 异味]\n"),
        ErrorCase("Rules/规则.yml:2:14", ["NEAR needs a distance: NEAR/10", "(in 'match' in rule 'a')"], "- name: a\n  match: 化工厂 NEAR 异味\n"),
        ErrorCase("Rules/规则.yml:2:17", ["has nothing left to match", "(in 'match' in rule 'a')"], "- name: a\n  match: 化工厂 OR \"\u{200B}\"\n"),
        ErrorCase("Rules/规则.yml:3:14", ["'threshold' in rule 'a' is not used", "delete it"], watchRule + "  threshold: 3\n"),
        ErrorCase("Rules/规则.yml:3:14", ["'threshold' in rule 'a' must be at least 1, found 0"], watchRule + "  threshold: 0\n"),
        ErrorCase("Rules/规则.yml:3:12", ["exclusion '天气' shares no character with any term", "(in rule 'a')"], watchRule + "  exclude: [天气]\n"),
        ErrorCase("Rules/规则.yml:3:12", ["exclusion '\u{FE0F}\u{2060}' has nothing left to match", "(in rule 'a')"],
                  watchRule + "  exclude: [\"\u{FE0F}\u{2060}\"]\n"),
        ErrorCase("Rules/规则.yml:3:13", ["unknown severity '严重' in rule 'a'", "一般, 较大, 重大 or 特别重大"], watchRule + "  severity: 严重\n"),
        ErrorCase("Rules/规则.yml:3:18", ["expected true or false (是 or 否) for 'negative_only' in rule 'a', found '也许'"],
                  watchRule + "  negative_only: 也许\n"),
        ErrorCase("Rules/规则.yml:3:11", ["expected a list for 'notify' in rule 'a'"], watchRule + "  notify: {值班室: 张三}\n"),
        ErrorCase("Rules/规则.yml:3:3", ["missing 'count' in rule 'v'; add it, e.g. 'count: 20'"],
                  watchRule + "- name: v\n  kind: volume\n  window: 1h\n"),
        ErrorCase("Rules/规则.yml:6:11", ["bad window '1' in rule 'v'", "needs a unit"],
                  watchRule + "- name: v\n  kind: volume\n  count: 3\n  window: 1\n"),
        ErrorCase("Rules/规则.yml:5:10", ["'count' in rule 'v' must be at least 1, found 0"],
                  watchRule + "- name: v\n  kind: volume\n  count: 0\n  window: 1h\n"),
        ErrorCase("Rules/规则.yml:5:11", ["'factor' in rule 's' must be a number larger than 1", "the usual rate", "found '1'"],
                  watchRule + "- name: s\n  kind: spike\n  factor: 1\n  window: 1h\n  baseline: 1d\n"),
        ErrorCase("Rules/规则.yml:3:3", ["missing 'factor' in rule 's'; add it, e.g. 'factor: 2'"],
                  watchRule + "- name: s\n  kind: negative_surge\n  window: 1h\n  baseline: 1d\n"),
        ErrorCase("Rules/规则.yml:7:13", ["'baseline' in rule 's' (1h) must be at least twice the window (1h)", "baseline: 7d"],
                  watchRule + "- name: s\n  kind: spike\n  factor: 3\n  window: 1h\n  baseline: 1h\n"),
        ErrorCase("Rules/规则.yml:8:14", ["'min_share' in rule 's' must be more than 0 and at most 1 (or 100%), found '2'"],
                  watchRule + "- name: s\n  kind: negative_surge\n  factor: 2\n  window: 1h\n  baseline: 1d\n  min_share: 2\n"),
        ErrorCase("Rules/规则.yml:8:14", ["'min_share' in rule 's' must be a share such as 0.5 or 50%, found '一半'"],
                  watchRule + "- name: s\n  kind: negative_surge\n  factor: 2\n  window: 1h\n  baseline: 1d\n  min_share: 一半\n"),
        ErrorCase("Rules/规则.yml:3:10", ["no watch rule is in group '环宝', so this volume rule would never fire", "did you mean '环保'"],
                  "- name: v\n  kind: volume\n  group: 环宝\n  count: 3\n  window: 1h\n- name: x\n  group: 环保\n  match: 污染\n"),
        ErrorCase("Rules/规则.yml:3:10", ["no watch rule is in group '教育', so this spike rule would never fire",
                                        "use the group of a term list or rule: 环保"],
                  "- name: v\n  kind: spike\n  group: 教育\n  factor: 3\n  window: 1h\n  baseline: 1d\n- name: x\n  group: 环保\n  match: 污染\n"),
        ErrorCase("Rules/规则.yml:2:1", ["YAML syntax error", "indent with spaces"], "- name: a\n\tmatch: b\n"),
    ]

    @Test(arguments: termLists) func termListMistakes(_ mistake: ErrorCase) {
        mistake.check(Self.issues(mistake.text, fileName: "Rules/环保.txt"))
    }

    @Test(arguments: ruleFiles) func ruleFileMistakes(_ mistake: ErrorCase) {
        mistake.check(Self.issues(mistake.text, fileName: "Rules/规则.yml"))
    }

    @Test func duplicateNameAcrossFiles() {
        var issues: [ConfigIssue] = []
        do {
            _ = try RuleLoader.load(files: [("Rules/环保.txt", "污染\n"), ("Rules/重点.yml", "- name: 环保\n  match: 偷排\n")])
        } catch {
            issues = error.issues
        }
        ErrorCase("Rules/重点.yml:1:9", ["duplicate rule name '环保'; it is already used at Rules/环保.txt:1",
                                       "a term list is named after its file"], "").check(issues)
    }

    // MARK: Whole files

    /// What loading a fresh `Rules` directory says, after `prepare` has filled it.
    static func directoryIssues(
        _ prepare: (URL) throws -> Void, load: (URL) throws(ConfigErrors) -> Void
    ) throws -> [ConfigIssue] {
        let root = try TestSupport.makeDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let rules = root.appendingPathComponent("Rules")
        try FileManager.default.createDirectory(
            at: rules.appendingPathComponent("sentiment"), withIntermediateDirectories: true)
        try prepare(rules)
        do {
            try load(rules)
            return []
        } catch {
            return error.issues
        }
    }

    static func ruleIssues(_ prepare: (URL) throws -> Void) throws -> [ConfigIssue] {
        try directoryIssues(prepare) { url throws(ConfigErrors) in _ = try RuleLoader.load(directory: url) }
    }

    static func lexiconIssues(_ prepare: (URL) throws -> Void) throws -> [ConfigIssue] {
        try directoryIssues(prepare) { url throws(ConfigErrors) in _ = try SentimentLexiconLoader.load(rulesDirectory: url) }
    }

    @Test func rulesDirectoryMissing() {
        var issues: [ConfigIssue] = []
        do {
            _ = try RuleLoader.load(directory: URL(fileURLWithPath: "/nonexistent/Rules"))
        } catch {
            issues = error.issues
        }
        ErrorCase("Rules:1:1", ["rules directory not found: /nonexistent/Rules", "create it"], "").check(issues)
    }

    @Test func ruleFileInGBK() throws {
        let issues = try Self.ruleIssues { rules in
            // `化工厂\n河 江临` with 江临 in GBK: the bad byte is line 2, column 3.
            try (Data("化工厂\n河 ".utf8) + Data([0xBD, 0xAD, 0xC1, 0xD9, 0x0A])).write(to: rules.appendingPathComponent("环保.txt"))
        }
        ErrorCase("Rules/环保.txt:2:3", ["the file is not valid UTF-8", "save it as UTF-8"], "").check(issues)
    }

    /// Lexicon mistakes: file name, its text, and the case (place and fragments).
    static let lexicons: [(file: String, mistake: ErrorCase)] = [
        ("positive.txt", ErrorCase("Rules/sentiment/positive.txt:2:1", ["empty word before the tab", "or delete the line"], "好\n\t2\n")),
        ("negative.txt", ErrorCase("Rules/sentiment/negative.txt:1:1", ["expected `word<TAB>weight`, found 3 tab-separated fields",
                                                                        "keep one tab"], "差\t2\t3\n")),
        ("degree.txt", ErrorCase("Rules/sentiment/degree.txt:1:1", ["weight `很多` of `非常` is not a number", "such as 2 or 0.5"],
                                 "非常\t很多\n")),
        ("negation.txt", ErrorCase("Rules/sentiment/negation.txt:1:1", ["weight of `不` must not be 0", "use another number"], "不\t0\n")),
        ("contrast.txt", ErrorCase("Rules/sentiment/contrast.txt:3:1", ["`但是` is listed twice (first on line 1)", "keep one line"],
                                   "但是\n# 转折\n但是\t2\n")),
        // An editor that turns tabs into spaces: without the check 满意 1.5 became one word that never matched.
        ("positive.txt", ErrorCase("Rules/sentiment/positive.txt:2:1", ["`满意 1.5` separates the word and its weight with a space",
                                                                        "put a tab between them: `满意<TAB>1.5`"], "点赞\n满意 1.5\n")),
        ("negative.txt", ErrorCase("Rules/sentiment/negative.txt:1:1", ["separates the word and its weight with a space",
                                                                        "`偷排<TAB>2`"], "偷排\u{3000}2\n")),
        ("learned.tsv", ErrorCase("Rules/sentiment/learned.tsv:1:1", ["`坑人  -1.5` separates the word and its weight with a space",
                                                                      "`坑人<TAB>-1.5`"], "坑人  -1.5\n")),
        // A negative weight in a word list flipped the word's meaning without a word said.
        ("positive.txt", ErrorCase("Rules/sentiment/positive.txt:1:1", ["weight of `扰民` is negative (-2)",
                                                                        "move the word to negative.txt as `扰民<TAB>2`", "or drop the minus sign"],
                                   "扰民\t-2\n")),
        ("negative.txt", ErrorCase("Rules/sentiment/negative.txt:2:1", ["weight of `好评` is negative (-0.5)",
                                                                        "move the word to positive.txt as `好评<TAB>0.5`"],
                                   "投诉\n好评\t-0.5\n")),
        // A negative factor flipped every word it scaled: 非常好 read as negative.
        ("degree.txt", ErrorCase("Rules/sentiment/degree.txt:2:1", ["weight of `非常` is negative (-1.8)", "factor above 0",
                                                                    "put a word that flips in negation.txt"], "很\t1.5\n非常\t-1.8\n")),
        ("contrast.txt", ErrorCase("Rules/sentiment/contrast.txt:1:1", ["weight of `但是` is negative (-1.5)", "or drop the minus sign"],
                                   "但是\t-1.5\n")),
    ]

    @Test(arguments: lexicons) func lexiconMistakes(file: String, mistake: ErrorCase) throws {
        let issues = try Self.lexiconIssues { rules in
            try TestSupport.write(mistake.text, to: "sentiment/\(file)", in: rules)
        }
        mistake.check(issues)
    }

    @Test func lexiconInGBK() throws {
        let issues = try Self.lexiconIssues { rules in
            try (Data("好\n".utf8) + Data([0xBD, 0xAD, 0x0A])).write(to: rules.appendingPathComponent("sentiment/negative.txt"))
        }
        ErrorCase("Rules/sentiment/negative.txt:2:1", ["the file is not valid UTF-8", "save it as UTF-8"], "").check(issues)
    }

    @Test func lexiconIsADirectory() throws {
        let issues = try Self.lexiconIssues { rules in
            try FileManager.default.createDirectory(
                at: rules.appendingPathComponent("sentiment/positive.txt"), withIntermediateDirectories: false)
        }
        ErrorCase("Rules/sentiment/positive.txt:1:1", ["cannot read", "positive.txt", "(not a directory)"], "").check(issues)
    }
}
