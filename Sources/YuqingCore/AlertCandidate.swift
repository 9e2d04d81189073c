import Foundation

/// A new rule match, as the alert policy weighs it.
public struct AlertCandidate: Sendable, Hashable {
    /// The rule's name.
    public var ruleName: String
    /// The rule's group.
    public var group: String
    /// The rule's severity.
    public var severity: RuleSeverity
    /// The rule's `notify:` names.
    public var notify: [String]
    /// The matched item.
    public var itemID: Int64
    /// The item's story (items of one story share it); `item:<id>` until stories exist.
    public var storyKey: String
    /// When it matched.
    public var time: Date

    /// Creates a candidate.
    public init(ruleName: String, group: String, severity: RuleSeverity, notify: [String], itemID: Int64,
                storyKey: String, time: Date) {
        self.ruleName = ruleName
        self.group = group
        self.severity = severity
        self.notify = notify
        self.itemID = itemID
        self.storyKey = storyKey
        self.time = time
    }

    /// The grouping key: one rule, one story.
    public var key: String { "\(ruleName)|\(storyKey)" }
}
