/// An item satisfied a watch rule.
public struct RuleMatch: Sendable, Hashable {
    /// The rule's name.
    public var ruleName: String
    /// The rule's group.
    public var group: String
    /// The rule's severity.
    public var severity: RuleSeverity
    /// The rule's recipients or routes.
    public var notify: [String]
    /// Whether the rule only wants negative items (see `WatchRule.negativeOnly`).
    public var negativeOnly: Bool
    /// The occurrences of the rule's terms that made it match (none from under NOT), in field
    /// and text order.
    public var terms: [MatchedTerm]
    /// For rules with `ATLEAST` or `WEIGHT`: the number of distinct terms, or the sum of weights,
    /// that their satisfied sets reached; nil for other rules.
    public var score: Int?

    /// Creates a match.
    public init(
        ruleName: String,
        group: String,
        severity: RuleSeverity,
        notify: [String],
        negativeOnly: Bool = false,
        terms: [MatchedTerm],
        score: Int? = nil
    ) {
        self.ruleName = ruleName
        self.group = group
        self.severity = severity
        self.notify = notify
        self.negativeOnly = negativeOnly
        self.terms = terms
        self.score = score
    }
}
