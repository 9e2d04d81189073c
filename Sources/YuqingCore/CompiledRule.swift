/// One watch rule turned into a tree over pattern indices of the shared `TermAutomaton`.
///
/// A class: every item that a rule may match gets a `RuleEvaluator` holding it, and a reference
/// is one retain where a copy of the struct was one per array, dictionary and string in it.
final class CompiledRule: Sendable {
    /// One term of the rule.
    struct Slot: Sendable {
        /// Index of the term's normalised form among the automaton's patterns; -1 when the term
        /// normalises to nothing and so never matches.
        var pattern: Int
        /// The term as the rule wrote it, reported in `MatchedTerm.term`.
        var text: String
        /// Whether a hit must not have a Latin letter or digit just before it.
        var checksStart: Bool
        /// Whether a hit must not have a Latin letter or digit just after it.
        var checksEnd: Bool
    }

    /// The expression, with terms replaced by slot indices.
    indirect enum Node: Sendable {
        case term(Int)
        /// Any of these slots: an OR of plain terms (a whole term list is one), checked by
        /// looking at the few slots that occur rather than at every term of the list.
        case anyTerm(Set<Int>)
        case all([Node])
        case any([Node])
        case not(Node)
        case near(left: [Int], right: [Int], distance: Int)
        case scoped(ItemField, Node)
        case metadata(MetadataFilter)
        case atLeast(count: Int, slots: [Int])
        case weighted(slots: [(slot: Int, weight: Int)], threshold: Int)
    }

    /// The rule as loaded.
    let rule: WatchRule
    /// Its terms.
    let slots: [Slot]
    /// Patterns of its exclusion phrases.
    let exclusionPatterns: [Int]
    /// Pattern → the slots that use it (two spellings that normalise alike share a pattern).
    let slotsByPattern: [Int: [Int]]
    /// The condition.
    let root: Node
    /// Patterns whose hits can make the rule match (terms not under NOT); empty when the rule can
    /// match without any term, in which case it is checked against every item.
    let triggerPatterns: Set<Int>

    /// Compiles `rule`, asking `pattern` for the automaton index of each normalised term.
    init(_ rule: WatchRule, normalizer: TextNormalizer, pattern: (inout [UInt32]) -> Int) {
        self.rule = rule
        var slots: [Slot] = []
        var slotOfTerm: [String: Int] = [:]
        func slot(_ term: RuleTerm) -> Int {
            if let existing = slotOfTerm[term.text] { return existing }
            var scalars = normalizer.normalizeTerm(term.text)
            let index = scalars.isEmpty ? -1 : pattern(&scalars)
            slots.append(Slot(
                pattern: index,
                text: term.text,
                checksStart: rule.wordBoundaries && scalars.first.map(Self.isWordScalar) == true,
                checksEnd: rule.wordBoundaries && scalars.last.map(Self.isWordScalar) == true
            ))
            slotOfTerm[term.text] = slots.count - 1
            return slots.count - 1
        }
        func compile(_ expression: RuleExpression) -> Node {
            switch expression {
            case let .term(term): .term(slot(term))
            case let .all(operands): .all(operands.map(compile))
            case let .any(operands):
                if operands.allSatisfy({ if case .term = $0 { true } else { false } }) {
                    .anyTerm(Set(operands.compactMap { if case let .term(term) = $0 { slot(term) } else { nil } }))
                } else {
                    .any(operands.map(compile))
                }
            case let .not(operand): .not(compile(operand))
            case let .near(left, right, distance): .near(left: left.map(slot), right: right.map(slot), distance: distance)
            case let .scoped(field, operand): .scoped(field, compile(operand))
            case let .metadata(filter): .metadata(filter)
            case let .atLeast(count, terms): .atLeast(count: count, slots: terms.map(slot))
            case let .weighted(terms, threshold): .weighted(slots: terms.map { (slot($0.term), $0.weight) }, threshold: threshold)
            }
        }
        root = compile(rule.expression)
        exclusionPatterns = rule.exclusions.compactMap { exclusion in
            var scalars = normalizer.normalizeTerm(exclusion)
            return scalars.isEmpty ? nil : pattern(&scalars)
        }
        self.slots = slots
        var byPattern: [Int: [Int]] = [:]
        for (index, slot) in slots.enumerated() where slot.pattern >= 0 {
            byPattern[slot.pattern, default: []].append(index)
        }
        slotsByPattern = byPattern
        var triggers: Set<Int> = []
        if rule.expression.requiresTerm {
            Self.collectPositive(root, slots: slots, into: &triggers)
            triggers.remove(-1)
        }
        triggerPatterns = triggers
    }

    private static func collectPositive(_ node: Node, slots: [Slot], into patterns: inout Set<Int>) {
        switch node {
        case let .term(slot): patterns.insert(slots[slot].pattern)
        case let .anyTerm(list): list.forEach { patterns.insert(slots[$0].pattern) }
        case let .all(operands), let .any(operands): operands.forEach { collectPositive($0, slots: slots, into: &patterns) }
        case .not, .metadata: break
        case let .near(left, right, _): (left + right).forEach { patterns.insert(slots[$0].pattern) }
        case let .scoped(_, operand): collectPositive(operand, slots: slots, into: &patterns)
        case let .atLeast(_, list): list.forEach { patterns.insert(slots[$0].pattern) }
        case let .weighted(list, _): list.forEach { patterns.insert(slots[$0.slot].pattern) }
        }
    }

    /// A letter or digit of an alphabetic script (not a CJK character): the kind of character that
    /// continues a Latin word, so `international` contains no whole word `national`.
    static func isWordScalar(_ value: UInt32) -> Bool {
        guard value < 0x2E80, let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
