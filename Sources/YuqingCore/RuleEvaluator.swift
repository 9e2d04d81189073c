/// Decides one compiled rule against one item's hits and, when it matches, says which
/// occurrences made it match.
struct RuleEvaluator {
    private let rule: CompiledRule
    private let item: MatchableItem
    private let hits: ItemHits
    /// Per slot that occurs, per field: the occurrences that count for this rule, after
    /// word-boundary checks and exclusions. Only slots with hits are present, so a rule with a
    /// thousand terms costs what its few hits cost, not what its term list costs.
    private let valid: [Int: [[Range<Int>]]]

    private static let allFields = Array(ItemHits.fields.indices)

    /// - Parameter patterns: the patterns of the rule's terms that occur in the item.
    init(rule: CompiledRule, item: MatchableItem, hits: ItemHits, patterns: Set<Int>) {
        self.rule = rule
        self.item = item
        self.hits = hits
        let fields = ItemHits.fields.indices
        // Exclusion occurrences per field: a term hit that shares a character with one is cancelled.
        let exclusions: [[Range<Int>]] = fields.map { field in
            rule.exclusionPatterns.flatMap { hits.hits[field][$0] ?? [] }
        }
        var valid: [Int: [[Range<Int>]]] = [:]
        for field in fields {
            let scalars = hits.texts[field].scalars
            for pattern in patterns {
                guard let found = hits.hits[field][pattern] else { continue }
                for slotIndex in rule.slotsByPattern[pattern] ?? [] {
                    let slot = rule.slots[slotIndex]
                    let kept = found.filter { range in
                        if slot.checksStart, range.lowerBound > 0,
                           CompiledRule.isWordScalar(scalars[range.lowerBound - 1]) { return false }
                        if slot.checksEnd, range.upperBound < scalars.count,
                           CompiledRule.isWordScalar(scalars[range.upperBound]) { return false }
                        return !exclusions[field].contains { $0.overlaps(range) }
                    }
                    guard !kept.isEmpty else { continue }
                    valid[slotIndex, default: Array(repeating: [], count: fields.count)][field] = kept
                }
            }
        }
        self.valid = valid
    }

    /// The counting occurrences of `slot` in `field`.
    private func occurrences(_ slot: Int, _ field: Int) -> [Range<Int>] {
        valid[slot]?[field] ?? []
    }

    /// The match, or nil when the rule does not hold for the item.
    func evaluate() -> RuleMatch? {
        guard holds(rule.root, in: Self.allFields) else { return nil }
        var found: [(field: Int, slot: Int, range: Range<Int>)] = []
        var score: Int?
        collect(rule.root, in: Self.allFields, into: &found, score: &score)

        // Sorted by field, place and slot, an occurrence found twice (under two operands) sits
        // next to itself: dropping adjacent repeats removes every duplicate, without a set.
        found.sort { ($0.field, $0.range.lowerBound, $0.range.upperBound, $0.slot) < ($1.field, $1.range.lowerBound, $1.range.upperBound, $1.slot) }
        var terms: [MatchedTerm] = []
        terms.reserveCapacity(found.count)
        for (index, entry) in found.enumerated() {
            if index > 0, found[index - 1].field == entry.field, found[index - 1].slot == entry.slot,
               found[index - 1].range == entry.range { continue }
            let text = hits.texts[entry.field]
            let range = text.originalRange(of: entry.range)
            terms.append(MatchedTerm(
                term: rule.slots[entry.slot].text,
                field: ItemHits.fields[entry.field],
                range: range,
                // The bounds are scalar boundaries: the bytes are copied as they are.
                text: String(Substring(text.original.unicodeScalars[range]))
            ))
        }
        let source = rule.rule
        return RuleMatch(
            ruleName: source.name, group: source.group, severity: source.severity, notify: source.notify,
            negativeOnly: source.negativeOnly, terms: terms, score: score
        )
    }

    // MARK: Truth

    private func holds(_ node: CompiledRule.Node, in fields: [Int]) -> Bool {
        switch node {
        case let .term(slot):
            return fields.contains { !occurrences(slot, $0).isEmpty }
        case let .anyTerm(slots):
            return valid.contains { slot, perField in slots.contains(slot) && fields.contains { !perField[$0].isEmpty } }
        case let .all(operands):
            return operands.allSatisfy { holds($0, in: fields) }
        case let .any(operands):
            return operands.contains { holds($0, in: fields) }
        case let .not(operand):
            return !holds(operand, in: fields)
        case let .near(left, right, distance):
            return fields.contains { !nearPairs(left, right, distance: distance, field: $0).isEmpty }
        case let .scoped(field, operand):
            return holds(operand, in: [ItemHits.index(of: field)])
        case let .metadata(filter):
            return filter.accepts(sourceID: item.sourceID, channel: item.channel, region: item.region)
        case let .atLeast(count, slots):
            return present(slots, in: fields).count >= count
        case let .weighted(entries, threshold):
            return weight(entries, in: fields) >= threshold
        }
    }

    /// The slots with at least one occurrence in `fields`.
    private func present(_ slots: [Int], in fields: [Int]) -> [Int] {
        slots.filter { slot in fields.contains { !occurrences(slot, $0).isEmpty } }
    }

    private func weight(_ entries: [(slot: Int, weight: Int)], in fields: [Int]) -> Int {
        entries.reduce(0) { total, entry in
            fields.contains { !occurrences(entry.slot, $0).isEmpty } ? total + entry.weight : total
        }
    }

    /// Occurrences of a left and a right term in one field, at most `distance` normalised
    /// characters apart (0 when they touch or overlap); each occurrence that is part of a close
    /// pair, with its slot.
    private func nearPairs(_ left: [Int], _ right: [Int], distance: Int, field: Int) -> [(slot: Int, range: Range<Int>)] {
        let lefts = left.flatMap { slot in occurrences(slot, field).map { (slot: slot, range: $0) } }
        let rights = right.flatMap { slot in occurrences(slot, field).map { (slot: slot, range: $0) } }
        var close: [(slot: Int, range: Range<Int>)] = []
        for a in lefts {
            for b in rights where a.range != b.range {
                let gap = max(b.range.lowerBound - a.range.upperBound, a.range.lowerBound - b.range.upperBound, 0)
                if gap <= distance {
                    close.append(a)
                    close.append(b)
                }
            }
        }
        return close
    }

    // MARK: Highlights

    /// Gathers the occurrences under every operand that holds, skipping those under NOT, and
    /// adds up the scores of the weighted sets that are met.
    private func collect(
        _ node: CompiledRule.Node,
        in fields: [Int],
        into found: inout [(field: Int, slot: Int, range: Range<Int>)],
        score: inout Int?
    ) {
        switch node {
        case let .term(slot):
            for field in fields {
                found += occurrences(slot, field).map { (field, slot, $0) }
            }
        case let .anyTerm(slots):
            for (slot, perField) in valid where slots.contains(slot) {
                for field in fields { found += perField[field].map { (field, slot, $0) } }
            }
        case let .all(operands), let .any(operands):
            for operand in operands where holds(operand, in: fields) {
                collect(operand, in: fields, into: &found, score: &score)
            }
        case .not, .metadata:
            break
        case let .near(left, right, distance):
            for field in fields {
                found += nearPairs(left, right, distance: distance, field: field).map { (field, $0.slot, $0.range) }
            }
        case let .scoped(field, operand):
            collect(operand, in: [ItemHits.index(of: field)], into: &found, score: &score)
        case let .atLeast(count, slots):
            let present = present(slots, in: fields)
            guard present.count >= count else { return }
            score = (score ?? 0) + present.count
            for slot in present {
                for field in fields { found += occurrences(slot, field).map { (field, slot, $0) } }
            }
        case let .weighted(entries, threshold):
            let total = weight(entries, in: fields)
            guard total >= threshold else { return }
            score = (score ?? 0) + total
            for entry in entries {
                for field in fields { found += occurrences(entry.slot, field).map { (field, entry.slot, $0) } }
            }
        }
    }
}
