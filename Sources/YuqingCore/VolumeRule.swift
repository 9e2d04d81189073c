/// A rule on how many items a group matches rather than on one item's text:
/// "20 环保 items within an hour", "three times the usual rate", or "twice the usual share of
/// negative items".
public struct VolumeRule: Sendable, Hashable {
    /// When the rule fires.
    public enum Trigger: Sendable, Hashable {
        /// `kind: volume`: the group matched at least `count` items within the last `window`.
        case count(Int, window: Duration)
        /// `kind: spike`: the group matched at least `factor` times as many items within the last
        /// `window` as the average window of the `baseline` before it, and at least `minimumCount`
        /// (so two items against a baseline of nearly zero are not a spike).
        case spike(factor: Double, window: Duration, baseline: Duration, minimumCount: Int)
        /// `kind: negative_surge`: within the last `window`, at least `minimumCount` of the group's
        /// matched items read negative, making up at least `minimumShare` (0…1) of them and at
        /// least `factor` times the negative share of the `baseline` before the window.
        case negativeShare(factor: Double, window: Duration, baseline: Duration, minimumCount: Int, minimumShare: Double)

        /// The counting window.
        public var window: Duration {
            switch self {
            case let .count(_, window), let .spike(_, window, _, _), let .negativeShare(_, window, _, _, _): window
            }
        }

        /// How far back the rule looks: the window, plus the baseline for spikes and surges.
        public var horizon: Duration {
            switch self {
            case let .count(_, window): window
            case let .spike(_, window, baseline, _), let .negativeShare(_, window, baseline, _, _): window + baseline
            }
        }
    }

    /// Unique id across all rules.
    public var name: String
    /// The group whose matches are counted.
    public var group: String
    /// Severity of the alert.
    public var severity: RuleSeverity
    /// Recipients or routes that hear of it.
    public var notify: [String]
    /// When it fires.
    public var trigger: Trigger
    /// After firing, the rule stays quiet until the burst is over (the condition no longer holds)
    /// and at least this long has passed; defaults to the window.
    public var cooldown: Duration
    /// Where the rule was written.
    public var origin: RuleOrigin?

    /// Creates a rule; `cooldown` defaults to the trigger's window.
    public init(
        name: String,
        group: String,
        severity: RuleSeverity = .medium,
        notify: [String] = [],
        trigger: Trigger,
        cooldown: Duration? = nil,
        origin: RuleOrigin? = nil
    ) {
        self.name = name
        self.group = group
        self.severity = severity
        self.notify = notify
        self.trigger = trigger
        self.cooldown = cooldown ?? trigger.window
        self.origin = origin
    }
}
