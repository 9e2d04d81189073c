import Testing
import YuqingCore

/// Every occurrence of every pattern, found the slow obvious way over normalised scalars.
func naiveMatches(_ patterns: [[UInt32]], in text: [UInt32]) -> [TermHit] {
    var hits: [TermHit] = []
    for (index, pattern) in patterns.enumerated() where !pattern.isEmpty && pattern.count <= text.count {
        for start in 0...(text.count - pattern.count) where text[start..<start + pattern.count].elementsEqual(pattern) {
            hits.append(TermHit(pattern: index, range: start..<start + pattern.count))
        }
    }
    return hits
}

/// Orders hits so that two lists can be compared regardless of reporting order.
func sorted(_ hits: [TermHit]) -> [TermHit] {
    hits.sorted { ($0.range.lowerBound, $0.range.upperBound, $0.pattern) < ($1.range.lowerBound, $1.range.upperBound, $1.pattern) }
}

@Suite("TermAutomaton")
struct TermAutomatonTests {
    let normalizer = TextNormalizer()

    /// The original text each hit highlights, as (pattern, highlighted text).
    func highlights(_ patterns: [String], in text: String) -> [(Int, String)] {
        let automaton = TermAutomaton(patterns: patterns, normalizer: normalizer)
        let normalized = normalizer.normalize(text)
        return sorted(automaton.matches(in: normalized)).map { hit in
            (hit.pattern, String(text.unicodeScalars[normalized.originalRange(of: hit.range)]))
        }
    }

    @Test("he / she / his / hers: every overlapping occurrence")
    func classicOverlap() {
        let automaton = TermAutomaton(patterns: ["he", "she", "his", "hers"], normalizer: normalizer)
        let hits = automaton.matches(in: normalizer.normalize("ushers"))
        #expect(sorted(hits) == [
            TermHit(pattern: 1, range: 1..<4),
            TermHit(pattern: 0, range: 2..<4),
            TermHit(pattern: 3, range: 2..<6),
        ])
        #expect(automaton.patternCount == 4)
    }

    @Test("a pattern that is a prefix or suffix of another")
    func prefixesAndSuffixes() {
        let patterns = ["集资", "非法集资", "非法", "资", "非法集资诈骗"]
        let automaton = TermAutomaton(patterns: patterns, normalizer: normalizer)
        let hits = automaton.matches(in: normalizer.normalize("非法集资诈骗"))
        #expect(sorted(hits) == sorted([
            TermHit(pattern: 2, range: 0..<2),
            TermHit(pattern: 0, range: 2..<4),
            TermHit(pattern: 1, range: 0..<4),
            TermHit(pattern: 3, range: 3..<4),
            TermHit(pattern: 4, range: 0..<6),
        ]))
        // Same end: longest first.
        let atFour = hits.filter { $0.range.upperBound == 4 }.map(\.pattern)
        #expect(atFour == [1, 0, 3])
    }

    @Test("overlapping repeats of one pattern")
    func selfOverlap() {
        let automaton = TermAutomaton(patterns: ["哈哈"], normalizer: normalizer)
        #expect(automaton.matches(in: normalizer.normalize("哈哈哈哈")).map(\.range) == [0..<2, 1..<3, 2..<4])
    }

    @Test("duplicate patterns are both reported")
    func duplicates() {
        let automaton = TermAutomaton(patterns: ["环境", "環境", "环境"], normalizer: normalizer)
        #expect(automaton.matches(in: normalizer.normalize("环境")).map(\.pattern).sorted() == [0, 1, 2])
    }

    @Test("empty text, empty patterns")
    func empties() {
        let automaton = TermAutomaton(patterns: ["", "a", " \u{3000}\t", "\u{200B}"], normalizer: normalizer)
        #expect(automaton.patternCount == 4)
        #expect(automaton.matches(in: normalizer.normalize("")).isEmpty)
        #expect(automaton.matches(in: normalizer.normalize("a * b")) == [TermHit(pattern: 1, range: 0..<1)])
        let none = TermAutomaton(patterns: [], normalizer: normalizer)
        #expect(none.patternCount == 0)
        #expect(none.matches(in: normalizer.normalize("anything")).isEmpty)
        #expect(none.matchCount(in: normalizer.normalize("")) == 0)
    }

    /// A text, the patterns, and what each hit must highlight in the original.
    struct HighlightCase: Sendable, CustomTestStringConvertible {
        let text: String
        let patterns: [String]
        let expected: [String]
        var testDescription: String { "\(patterns) in \"\(text)\"" }
    }

    static let highlightCases: [HighlightCase] = [
        HighlightCase(text: "据报非*法 集资案", patterns: ["非法集资"], expected: ["非*法 集资"]),
        HighlightCase(text: "非\u{200B}法集资", patterns: ["非法集资"], expected: ["非\u{200B}法集资"]),
        HighlightCase(text: "某地環境污染嚴重", patterns: ["环境污染"], expected: ["環境污染"]),
        HighlightCase(text: "ＡＢＣ１２３公司", patterns: ["abc123"], expected: ["ＡＢＣ１２３"]),
        HighlightCase(text: "👍🏻非*法集资🎉!", patterns: ["非法集资"], expected: ["非*法集资"]),
        HighlightCase(text: "👨‍👩‍👧环境污染👨‍👩‍👧", patterns: ["环境污染"], expected: ["环境污染"]),
        HighlightCase(text: "e\u{301}非法集资a\u{308}", patterns: ["非法集资"], expected: ["非法集资"]),
        HighlightCase(text: "le cafe\u{301} noir", patterns: ["café"], expected: ["cafe\u{301}"]),
        HighlightCase(text: "National   Congress met", patterns: ["national congress"], expected: ["National   Congress"]),
        HighlightCase(text: "㈱公司", patterns: ["株"], expected: ["㈱"]),
        HighlightCase(text: "ushers", patterns: ["he", "she", "hers"], expected: ["she", "he", "hers"]),
    ]

    @Test("hits map back to the exact original span", arguments: highlightCases)
    func originalRanges(_ testCase: HighlightCase) {
        #expect(highlights(testCase.patterns, in: testCase.text).map(\.1) == testCase.expected)
    }

    @Test("empty normalised ranges map to an empty original range")
    func emptyRanges() {
        let text = normalizer.normalize("ab")
        #expect(text.originalRange(of: 1..<1) == text.original.utf8.index(after: text.original.startIndex)..<text.original.utf8.index(after: text.original.startIndex))
        #expect(text.originalRange(of: 2..<2) == text.original.endIndex..<text.original.endIndex)
        let empty = normalizer.normalize("")
        #expect(empty.originalRange(of: 0..<0) == empty.original.startIndex..<empty.original.startIndex)
    }

    @Test("traditional and simplified match each other both ways")
    func traditionalSimplified() {
        let automaton = TermAutomaton(patterns: ["環境污染", "非法集资"], normalizer: normalizer)
        let hits = automaton.matches(in: normalizer.normalize("环境污染和非法集資"))
        #expect(sorted(hits) == [TermHit(pattern: 0, range: 0..<4), TermHit(pattern: 1, range: 5..<9)])
    }

    @Test("random patterns and texts: exactly what a naive search finds", arguments: 0..<8)
    func matchesNaiveSearch(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 7919 &+ 1)
        let alphabet = ["a", "b", "A", "ｂ", "中", "國", "国", "资", "*", " ", "\u{200B}", "·", "x"]
        func randomString(_ length: ClosedRange<Int>) -> String {
            (0..<Int.random(in: length, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
        }
        for options in [NormalizationOptions(), NormalizationOptions(foldRepeatedCharacters: true),
                        NormalizationOptions(traditionalToSimplified: false, skipSeparatorsBetweenCJK: false)] {
            let normalizer = TextNormalizer(options: options)
            let patterns = (0..<Int.random(in: 1...60, using: &random)).map { _ in randomString(0...5) }
            let automaton = TermAutomaton(patterns: patterns, normalizer: normalizer)
            let normalizedPatterns = patterns.map(normalizer.normalizeTerm)
            for _ in 0..<40 {
                let text = normalizer.normalize(randomString(0...80))
                let hits = automaton.matches(in: text)
                #expect(sorted(hits) == sorted(naiveMatches(normalizedPatterns, in: text.scalars)),
                        "patterns \(patterns) text \"\(text.original)\"")
                #expect(automaton.matchCount(in: text) == hits.count)
                // Each highlight, normalised on its own, is the pattern again.
                for hit in hits {
                    let span = String(text.original.unicodeScalars[text.originalRange(of: hit.range)])
                    #expect(normalizer.normalizeTerm(span) == normalizedPatterns[hit.pattern],
                            "span \"\(span)\" of \"\(text.original)\"")
                }
                // Normalising twice changes nothing.
                #expect(normalizer.normalizeTerm(text.string) == text.scalars)
            }
        }
    }

    @Test("many patterns over a larger CJK alphabet agree with the naive search")
    func manyPatterns() {
        var random = SplitMix64(seed: 42)
        let characters = Array("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")
        let patterns = (0..<3000).map { _ in String((0..<Int.random(in: 1...4, using: &random)).map { _ in characters.randomElement(using: &random)! }) }
        let automaton = TermAutomaton(patterns: patterns, normalizer: normalizer)
        let normalizedPatterns = patterns.map(normalizer.normalizeTerm)
        let text = normalizer.normalize(String((0..<3000).map { _ in characters.randomElement(using: &random)! }))
        let hits = automaton.matches(in: text)
        #expect(!hits.isEmpty)
        #expect(sorted(hits) == sorted(naiveMatches(normalizedPatterns, in: text.scalars)))
    }

    @Test("100,000 patterns: every planted one found, nothing more than a lookup of every substring finds")
    func hundredThousandPatterns() {
        var random = SplitMix64(seed: 100_000)
        func randomTerm() -> String {
            String(String.UnicodeScalarView((0..<Int.random(in: 2...4, using: &random)).map { _ in
                Unicode.Scalar(UInt32.random(in: 0x4E00...0x4E00 + 2500, using: &random))!
            }))
        }
        let patterns = (0..<100_000).map { _ in randomTerm() }
        let automaton = TermAutomaton(patterns: patterns, normalizer: normalizer)
        #expect(automaton.patternCount == 100_000)
        let planted = (0..<200).map { _ in Int.random(in: 0..<patterns.count, using: &random) }
        let text = normalizer.normalize(planted.map { patterns[$0] + randomTerm() }.joined())
        // Reference: every substring of length 1…4 looked up in a dictionary of the patterns.
        var byScalars: [[UInt32]: [Int]] = [:]
        for (index, pattern) in patterns.enumerated() { byScalars[normalizer.normalizeTerm(pattern), default: []].append(index) }
        var expected: [TermHit] = []
        for start in text.scalars.indices {
            for length in 1...4 where start + length <= text.scalars.count {
                for index in byScalars[Array(text.scalars[start..<start + length])] ?? [] {
                    expected.append(TermHit(pattern: index, range: start..<start + length))
                }
            }
        }
        let hits = automaton.matches(in: text)
        #expect(sorted(hits) == sorted(expected))
        #expect(Set(planted).isSubset(of: Set(hits.map(\.pattern))))
    }

    /// Every occurrence of every pattern, by looking up every substring of the text of up to
    /// `maxLength` scalars in a dictionary of the patterns: an oracle independent of the automaton.
    static func lookupMatches(_ patterns: [[UInt32]], in text: [UInt32]) -> [TermHit] {
        var byScalars: [[UInt32]: [Int]] = [:]
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty { byScalars[pattern, default: []].append(index) }
        let maxLength = patterns.map(\.count).max() ?? 0
        var hits: [TermHit] = []
        for start in text.indices {
            for length in 1...max(maxLength, 1) where start + length <= text.count {
                for index in byScalars[Array(text[start..<start + length])] ?? [] {
                    hits.append(TermHit(pattern: index, range: start..<start + length))
                }
            }
        }
        return hits
    }

    @Test("double-array layout: dense fan-outs, deep chains and shared suffixes match like a substring lookup",
          arguments: 0..<6)
    func doubleArrayShapes(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37 &+ 11)
        // A Zipf-like alphabet: a few very common characters, many rare ones, as in Chinese text;
        // the size varies per seed so that class counts, fan-outs and crowding vary too.
        let alphabetSize = [40, 150, 600, 2500, 6000, 300][seed]
        let alphabet = (0..<alphabetSize).map { 0x4E00 + UInt32($0) * 3 }
        func character() -> UInt32 {
            let r = random.nextDouble()
            return alphabet[min(alphabetSize - 1, Int(Double(alphabetSize) * r * r * r))]
        }
        var patterns: [[UInt32]] = []
        // Dense fan-out: every pair over the first characters (depth-1 states with many children).
        let fan = min(alphabetSize, 90)
        for a in 0..<fan where a % (seed + 1) == 0 { for b in 0..<fan { patterns.append([alphabet[a], alphabet[b]]) } }
        // Deep chains and random short terms, some sharing prefixes and suffixes.
        for _ in 0..<2000 { patterns.append((0..<Int.random(in: 1...3, using: &random)).map { _ in character() }) }
        for _ in 0..<200 { patterns.append((0..<Int.random(in: 6...14, using: &random)).map { _ in character() }) }
        for _ in 0..<200 {
            let base = patterns[Int.random(in: 0..<patterns.count, using: &random)]
            patterns.append(Array(base.dropFirst()) + [character()])
        }
        // Foreign characters (class 0) in the text, and planted long patterns.
        var text: [UInt32] = []
        while text.count < 5000 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: text.append(0x61 + UInt32.random(in: 0..<26, using: &random))
            case 1: text += patterns[Int.random(in: (patterns.count - 400)..<patterns.count, using: &random)]
            default: text.append(character())
            }
        }
        let automaton = TermAutomaton(normalizedPatterns: patterns)
        // These characters normalise to themselves (no traditional → simplified step here).
        let plain = TextNormalizer(options: NormalizationOptions(traditionalToSimplified: false))
        let textValue = plain.normalize(String(String.UnicodeScalarView(text.map { Unicode.Scalar($0)! })))
        #expect(textValue.scalars == text)
        let hits = automaton.matches(in: textValue)
        #expect(hits.count > 1000)
        #expect(sorted(hits) == sorted(Self.lookupMatches(patterns, in: text)))
        #expect(automaton.matchCount(in: textValue) == hits.count)
    }

    @Test("an automaton is shared across tasks")
    func sharedAcrossTasks() async {
        let automaton = TermAutomaton(patterns: ["环境", "污染"], normalizer: normalizer)
        let normalizer = self.normalizer
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 { group.addTask { automaton.matchCount(in: normalizer.normalize("环境污染环境")) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == [3, 3, 3, 3])
    }
}
