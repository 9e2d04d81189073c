/// A watch rule: flag every item whose text satisfies `expression`.
/// Term lists (`Rules/*.txt`) become one rule whose expression is the OR of the file's terms.
public struct WatchRule: Sendable, Hashable {
    /// Unique id across all rule files; alerts and logs name the rule by it.
    public var name: String
    /// The topic the rule belongs to (环保, 安全生产, …); volume rules count matches per group.
    public var group: String
    /// How serious a match is.
    public var severity: RuleSeverity
    /// Recipients or routes (names from `yuqing.yml`) that hear of a match.
    public var notify: [String]
    /// The condition.
    public var expression: RuleExpression
    /// Phrases that cancel any hit of this rule's terms they overlap (`大麻烦` for `大麻`).
    public var exclusions: [String]
    /// Whether Latin terms must match whole words (`national congress` not in `international congress`).
    public var wordBoundaries: Bool
    /// Match only items whose sentiment is negative (`MatchableItem.sentiment == .negative`).
    public var negativeOnly: Bool
    /// Where the rule was written, when it came from a file.
    public var origin: RuleOrigin?

    /// Creates a rule.
    public init(
        name: String,
        group: String,
        severity: RuleSeverity = .low,
        notify: [String] = [],
        expression: RuleExpression,
        exclusions: [String] = [],
        wordBoundaries: Bool = false,
        negativeOnly: Bool = false,
        origin: RuleOrigin? = nil
    ) {
        self.name = name
        self.group = group
        self.severity = severity
        self.notify = notify
        self.expression = expression
        self.exclusions = exclusions
        self.wordBoundaries = wordBoundaries
        self.negativeOnly = negativeOnly
        self.origin = origin
    }
}
