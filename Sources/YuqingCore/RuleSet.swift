/// Everything loaded from `Rules/`: the watch rules, the volume rules and the groups they form.
public struct RuleSet: Sendable, Hashable {
    /// Watch rules, in file order (files sorted by name).
    public var rules: [WatchRule]
    /// Volume and spike rules.
    public var volumeRules: [VolumeRule]
    /// Every group that exists, including groups of empty term lists, sorted.
    public var groups: [String]

    /// Creates a rule set; `groups` defaults to the groups of `rules`.
    public init(rules: [WatchRule] = [], volumeRules: [VolumeRule] = [], groups: [String]? = nil) {
        self.rules = rules
        self.volumeRules = volumeRules
        self.groups = groups ?? Array(Set(rules.map(\.group))).sorted()
    }

    /// The watch rule with this name.
    public func rule(named name: String) -> WatchRule? {
        rules.first { $0.name == name }
    }
}
