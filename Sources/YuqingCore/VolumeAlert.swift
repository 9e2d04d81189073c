import Foundation

/// A volume or spike rule fired.
public struct VolumeAlert: Sendable, Hashable {
    /// The rule's name.
    public var ruleName: String
    /// The group counted.
    public var group: String
    /// The rule's severity.
    public var severity: RuleSeverity
    /// The rule's recipients or routes.
    public var notify: [String]
    /// The rule's trigger, for wording the alert.
    public var trigger: VolumeRule.Trigger
    /// Matches of the group within the window ending at `time` (for negative surges: the
    /// negative ones).
    public var count: Int
    /// For spikes: the average number of matches per window over the baseline; for negative
    /// surges: the negative share (0…1) over the baseline; nil for volume rules.
    public var baselineAverage: Double?
    /// For negative surges: the negative share (0…1) of the group's matches in the window.
    public var share: Double?
    /// When the rule fired (the end of the window).
    public var time: Date

    /// Creates an alert.
    public init(
        ruleName: String,
        group: String,
        severity: RuleSeverity,
        notify: [String],
        trigger: VolumeRule.Trigger,
        count: Int,
        baselineAverage: Double?,
        share: Double? = nil,
        time: Date
    ) {
        self.ruleName = ruleName
        self.group = group
        self.severity = severity
        self.notify = notify
        self.trigger = trigger
        self.count = count
        self.baselineAverage = baselineAverage
        self.share = share
        self.time = time
    }
}
