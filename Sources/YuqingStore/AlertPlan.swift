import YuqingCore

/// What the store needs to raise alerts inside the transaction that records rule matches:
/// the policy, who hears of each rule, how alerts are rendered, and each item's story key.
public struct AlertPlan: Sendable {
    /// Grouping, cooldown and quiet hours.
    public var policy: AlertPolicy
    /// Rule `notify:` names to delivery targets.
    public var routing: AlertRouting
    /// Renders alerts when they are raised.
    public var renderer: AlertRenderer
    /// The domain of Message-IDs (the SMTP From address's); nil gives `yuqing.local`.
    public var messageDomain: String?
    /// The story an item belongs to; items with the same key are grouped into one alert.
    /// Until items carry a story id this is `item:<id>` (no grouping across items).
    public var storyKey: @Sendable (StoredItem) -> String

    /// Creates a plan.
    public init(policy: AlertPolicy, routing: AlertRouting, renderer: AlertRenderer, messageDomain: String?,
                storyKey: @escaping @Sendable (StoredItem) -> String = { "item:\($0.id)" }) {
        self.policy = policy
        self.routing = routing
        self.renderer = renderer
        self.messageDomain = messageDomain
        self.storyKey = storyKey
    }
}
