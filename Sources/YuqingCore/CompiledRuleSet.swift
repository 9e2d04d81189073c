/// A `RuleSet` ready to run: every term and exclusion of every rule in one `TermAutomaton`, so an
/// item's fields are each scanned once, however many rules there are; the rules then work only on
/// the hits.
public struct CompiledRuleSet: Sendable {
    /// The rules as loaded.
    public let ruleSet: RuleSet
    /// The normaliser texts and terms go through (traditional → simplified, full-width, case,
    /// symbols slipped between Chinese characters).
    public let normalizer: TextNormalizer
    private let automaton: TermAutomaton
    private let rules: [CompiledRule]
    /// Pattern → indices of the rules a hit of it may make match.
    private let rulesByPattern: [Int: [Int]]
    /// Pattern → indices of every rule with a term of that pattern (NOT operands included).
    private let rulesUsingPattern: [Int: [Int]]
    /// Rules that can match without any term (built in code without the parser's check).
    private let alwaysChecked: [Int]

    /// Compiles the watch rules of `ruleSet`.
    public init(_ ruleSet: RuleSet, normalizer: TextNormalizer = TextNormalizer()) {
        self.ruleSet = ruleSet
        self.normalizer = normalizer
        var patterns: [[UInt32]] = []
        var indexOfPattern: [[UInt32]: Int] = [:]
        // Terms that normalise alike (環境 and 环境) share one pattern.
        func pattern(_ scalars: inout [UInt32]) -> Int {
            if let index = indexOfPattern[scalars] { return index }
            patterns.append(scalars)
            indexOfPattern[scalars] = patterns.count - 1
            return patterns.count - 1
        }
        let rules = ruleSet.rules.map { CompiledRule($0, normalizer: normalizer, pattern: pattern) }
        var byPattern: [Int: [Int]] = [:]
        var using: [Int: [Int]] = [:]
        var always: [Int] = []
        for (index, rule) in rules.enumerated() {
            if !rule.rule.expression.requiresTerm { always.append(index) }
            for pattern in rule.triggerPatterns { byPattern[pattern, default: []].append(index) }
            for pattern in rule.slotsByPattern.keys { using[pattern, default: []].append(index) }
        }
        self.rules = rules
        rulesByPattern = byPattern
        rulesUsingPattern = using
        alwaysChecked = always
        automaton = TermAutomaton(normalizedPatterns: patterns)
    }

    /// The number of distinct normalised terms and exclusions in the automaton.
    public var patternCount: Int { automaton.patternCount }

    /// Every rule the item matches, in rule order, with the occurrences to highlight.
    /// A `negative_only` rule matches only an item whose sentiment is negative (an item not
    /// analysed, with no sentiment, is not negative).
    public func evaluate(_ item: MatchableItem) -> [RuleMatch] {
        evaluateTerms(item).filter { !$0.negativeOnly || item.sentiment == .negative }
    }

    private func evaluateTerms(_ item: MatchableItem) -> [RuleMatch] {
        let hits = ItemHits(item, normalizer: normalizer, automaton: automaton)
        // Each rule gets only the patterns of its own terms that occur: the work is the sum of
        // hits × the rules each hit concerns, however many terms the rules have.
        // A rule is a candidate when one of its trigger terms occurs; it then also needs its
        // other terms that occur (those under NOT, for one).
        var patternsByRule: [Int: Set<Int>] = Dictionary(uniqueKeysWithValues: alwaysChecked.map { ($0, []) })
        for field in hits.hits {
            for pattern in field.keys {
                for rule in rulesByPattern[pattern] ?? [] where patternsByRule[rule] == nil {
                    patternsByRule[rule] = []
                }
            }
        }
        for field in hits.hits {
            for pattern in field.keys {
                for rule in rulesUsingPattern[pattern] ?? [] where patternsByRule[rule] != nil {
                    patternsByRule[rule]?.insert(pattern)
                }
            }
        }
        return patternsByRule.keys.sorted().compactMap { index in
            RuleEvaluator(rule: rules[index], item: item, hits: hits, patterns: patternsByRule[index] ?? []).evaluate()
        }
    }
}
