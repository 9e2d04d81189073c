import Testing
import YuqingCore

/// One normalisation case: input, options, and the normalised text expected.
struct NormalizationCase: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: String
    let options: NormalizationOptions
    var testDescription: String { "\"\(input)\" → \"\(expected)\"" }

    init(_ input: String, _ expected: String, _ options: NormalizationOptions = NormalizationOptions()) {
        self.input = input
        self.expected = expected
        self.options = options
    }
}

/// Renders scalars as a string, independently of `NormalizedText.string`.
func render(_ scalars: [UInt32]) -> String {
    String(String.UnicodeScalarView(scalars.map { Unicode.Scalar($0)! }))
}

@Suite("TextNormalizer")
struct TextNormalizerTests {
    static let folding = NormalizationOptions(foldRepeatedCharacters: true)
    static let noSimplifying = NormalizationOptions(traditionalToSimplified: false)
    static let noSkipping = NormalizationOptions(skipSeparatorsBetweenCJK: false)

    static let cases: [NormalizationCase] = [
        // Width and compatibility folding.
        NormalizationCase("ＡＢＣ１２３", "abc123"),
        NormalizationCase("Ｈｅｌｌｏ，ｗｏｒｌｄ！", "hello,world!"),
        NormalizationCase("ｶﾀｶﾅ", "カタカナ"),
        NormalizationCase("ﬁle", "file"),
        NormalizationCase("①②", "12"),
        NormalizationCase("\u{F900}", "岂"),  // compatibility ideograph → unified (豈) → simplified
        NormalizationCase("⼈民", "人民"),  // Kangxi radical
        // Case.
        NormalizationCase("Hello WORLD", "hello world"),
        NormalizationCase("ÉCOLE", "école"),
        NormalizationCase("ΑΘΗΝΑ", "αθηνα"),
        // Combining sequences compose as NFKC does.
        NormalizationCase("E\u{301}cole", "école"),
        NormalizationCase("cafe\u{301}", "café"),
        // Traditional → simplified.
        NormalizationCase("環境污染", "环境污染"),
        NormalizationCase("發展與資訊", "发展与资讯"),
        NormalizationCase("環境污染", "環境污染", noSimplifying),
        // Zero-width characters vanish everywhere.
        NormalizationCase("非\u{200B}法集资", "非法集资"),
        NormalizationCase("inter\u{AD}national", "international"),
        NormalizationCase("ab\u{2060}c\u{FEFF}d\u{200C}e\u{200D}f", "abcdef"),
        // Separators between CJK characters are skipped.
        NormalizationCase("非*法集资", "非法集资"),
        NormalizationCase("非 法 集 资", "非法集资"),
        NormalizationCase("非·法集资", "非法集资"),
        NormalizationCase("非-法_集.资", "非法集资"),
        NormalizationCase("非/法\\集|资", "非法集资"),
        NormalizationCase("非★法●集※资", "非法集资"),
        NormalizationCase("非，法。集、资", "非法集资"),
        NormalizationCase("非＊法　集资", "非法集资"),  // full-width asterisk, ideographic space
        NormalizationCase("非 * · 法", "非法"),
        NormalizationCase("非😀法", "非法"),
        NormalizationCase("非*法集资", "非*法集资", noSkipping),
        NormalizationCase("非 法", "非 法", noSkipping),
        // … but not elsewhere.
        NormalizationCase("中国, people", "中国, people"),
        NormalizationCase("环境 pollution", "环境 pollution"),
        NormalizationCase("100%环保", "100%环保"),
        NormalizationCase("a*b", "a*b"),
        NormalizationCase("非*a", "非*a"),
        NormalizationCase("非*法a", "非法a"),
        // Whitespace: runs collapse, ends are trimmed, Latin words keep their boundaries.
        NormalizationCase("national  congress", "national congress"),
        NormalizationCase("a\t\n b", "a b"),
        NormalizationCase("a \u{200B} b", "a b"),
        NormalizationCase("  leading and trailing \n", "leading and trailing"),
        NormalizationCase("\u{3000}中文\u{3000}", "中文"),
        NormalizationCase("hello , world", "hello , world"),
        // Repeated characters fold only when asked, and only CJK ones.
        NormalizationCase("垃垃圾圾", "垃垃圾圾"),
        NormalizationCase("垃垃圾圾", "垃圾", folding),
        NormalizationCase("垃*垃 圾圾", "垃圾", folding),
        NormalizationCase("book 100", "book 100", folding),
        // Nothing at all.
        NormalizationCase("", ""),
        NormalizationCase("  \u{200B} ", ""),
    ]

    @Test("normalises", arguments: cases)
    func normalizes(_ testCase: NormalizationCase) {
        let normalizer = TextNormalizer(options: testCase.options)
        let normalized = normalizer.normalize(testCase.input)
        #expect(render(normalized.scalars) == testCase.expected)
        #expect(normalized.string == testCase.expected)
        #expect(normalizer.normalizeTerm(testCase.input) == normalized.scalars)
        #expect(normalized.original == testCase.input)
    }

    @Test("normalising twice changes nothing, for every BMP scalar")
    func idempotentOnEveryScalar() {
        let normalizer = TextNormalizer()
        var failures: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let once = normalizer.normalizeTerm(String(Character(scalar)))
            let twice = normalizer.normalizeTerm(render(once))
            if once != twice { failures.append(String(value, radix: 16)) }
        }
        #expect(failures.isEmpty, "not idempotent: \(failures.prefix(20))")
    }

    @Test("default options")
    func defaults() {
        let options = NormalizationOptions()
        #expect(options.traditionalToSimplified)
        #expect(options.skipSeparatorsBetweenCJK)
        #expect(!options.foldRepeatedCharacters)
    }
}
