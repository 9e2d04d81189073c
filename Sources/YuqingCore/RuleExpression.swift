/// The syntax tree of a rule's `match:` expression, as `RuleExpressionParser` builds it.
public indirect enum RuleExpression: Sendable, Hashable, CustomStringConvertible {
    /// The term occurs (in any text field, or the one a scope names).
    case term(RuleTerm)
    /// Every operand holds (`AND`, `+`, or terms written side by side).
    case all([RuleExpression])
    /// At least one operand holds (`OR`, `|`).
    case any([RuleExpression])
    /// The operand does not hold (`NOT`, `-`).
    case not(RuleExpression)
    /// A hit of one of `left` and a hit of one of `right` lie in the same field with at most
    /// `distance` characters of normalized text between them, in either order (`A NEAR/10 B`).
    case near(left: [RuleTerm], right: [RuleTerm], distance: Int)
    /// The operand, looking only at one text field (`title:…`, `body:…`).
    case scoped(ItemField, RuleExpression)
    /// A condition on the item's source, channel or region.
    case metadata(MetadataFilter)
    /// At least `count` different terms of the list occur (`ATLEAST(2, 化工厂, 异味, 污染)`).
    case atLeast(count: Int, terms: [RuleTerm])
    /// The weights of the different terms that occur add up to `threshold` or more
    /// (`WEIGHT(爆炸=3, 泄漏=2, 气味=1) >= 4`).
    case weighted(terms: [WeightedTerm], threshold: Int)

    /// Every term the expression mentions, in writing order, including those under `NOT`.
    public var terms: [RuleTerm] {
        switch self {
        case let .term(term): [term]
        case let .all(operands), let .any(operands): operands.flatMap(\.terms)
        case let .not(operand), let .scoped(_, operand): operand.terms
        case let .near(left, right, _): left + right
        case .metadata: []
        case let .atLeast(_, terms): terms
        case let .weighted(terms, _): terms.map(\.term)
        }
    }

    /// Whether no item can match without some term of the expression occurring in it.
    /// Rules failing this (`NOT 广告`, `source:gov-news`, `a OR NOT b`) would flag nearly every item.
    public var requiresTerm: Bool {
        switch self {
        case .term, .near, .atLeast, .weighted: true
        case let .all(operands): operands.contains(where: \.requiresTerm)
        case let .any(operands): operands.allSatisfy(\.requiresTerm)
        case .not, .metadata: false
        case let .scoped(_, operand): operand.requiresTerm
        }
    }

    /// Whether the expression contains a `WEIGHT(…)` or `ATLEAST(…)` set, so matches carry a score.
    public var hasWeightedSet: Bool {
        switch self {
        case .atLeast, .weighted: true
        case let .all(operands), let .any(operands): operands.contains(where: \.hasWeightedSet)
        case let .not(operand), let .scoped(_, operand): operand.hasWeightedSet
        case .term, .near, .metadata: false
        }
    }

    /// A canonical, fully parenthesised form that parses back to the same tree (tests, `yuqing rules test`).
    public var description: String {
        switch self {
        case let .term(term):
            return term.description
        case let .all(operands):
            return "(" + operands.map(\.description).joined(separator: " AND ") + ")"
        case let .any(operands):
            return "(" + operands.map(\.description).joined(separator: " OR ") + ")"
        case let .not(operand):
            return "NOT \(operand)"
        case let .near(left, right, distance):
            func side(_ terms: [RuleTerm]) -> String {
                terms.count == 1 ? terms[0].description : "(" + terms.map(\.description).joined(separator: " OR ") + ")"
            }
            return "(\(side(left)) NEAR/\(distance) \(side(right)))"
        case let .scoped(field, operand):
            return "\(field.rawValue):\(operand)"
        case let .metadata(filter):
            return filter.description
        case let .atLeast(count, terms):
            return "ATLEAST(\(count), " + terms.map(\.description).joined(separator: ", ") + ")"
        case let .weighted(terms, threshold):
            return "WEIGHT(" + terms.map(\.description).joined(separator: ", ") + ") >= \(threshold)"
        }
    }
}
