/// How alerts are grouped, held and retried (the `alerts:` block of `yuqing.yml`).
public struct AlertSettings: Sendable, Hashable {
    /// Whether a story that keeps spreading after its first alert gets update alerts.
    public enum Realert: String, Sendable, Hashable, CaseIterable {
        /// At most one update per `cooldown`, once `updateAfter` more items matched.
        case updates
        /// One alert per story and rule, never an update.
        case never
    }

    /// Least time between two alerts of one rule for one story.
    public var cooldown: Duration
    /// New matching items a story needs since its last alert before an update alert goes out.
    public var updateAfter: Int
    /// Whether spreading stories get update alerts.
    public var realert: Realert
    /// 夜间免打扰: alerts below `quietHoldBelow` that arise in this window wait for its end and
    /// then go out as one summary. Nil: no quiet hours.
    public var quietHours: QuietHours?
    /// Alerts of this severity or higher go out at once, even in quiet hours.
    public var quietHoldBelow: RuleSeverity
    /// Wait before the first retry of a failed delivery; it doubles with each attempt.
    public var retryBase: Duration
    /// Longest wait between two retries.
    public var retryMax: Duration
    /// A delivery still failing this long after its alert was raised is marked failed.
    public var giveUpAfter: Duration
    /// Recipient names for rules without `notify:`.
    public var defaultRecipients: [String]

    /// Creates settings; the defaults suit a desk that wants one alert per story and hour.
    public init(
        cooldown: Duration = .seconds(3_600),
        updateAfter: Int = 3,
        realert: Realert = .updates,
        quietHours: QuietHours? = nil,
        quietHoldBelow: RuleSeverity = .high,
        retryBase: Duration = .seconds(30),
        retryMax: Duration = .seconds(1_800),
        giveUpAfter: Duration = .seconds(86_400),
        defaultRecipients: [String] = []
    ) {
        self.cooldown = cooldown
        self.updateAfter = max(1, updateAfter)
        self.realert = realert
        self.quietHours = quietHours
        self.quietHoldBelow = quietHoldBelow
        self.retryBase = retryBase
        self.retryMax = retryMax
        self.giveUpAfter = giveUpAfter
        self.defaultRecipients = defaultRecipients
    }
}
