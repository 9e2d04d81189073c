import Foundation

/// What has been alerted for one grouping key (rule and story) so far.
public struct AlertHistory: Sendable, Hashable {
    /// When the last alert for the key was raised; nil when there was none.
    public var lastAlertAt: Date?
    /// Matches for the key since that alert, not yet in any alert (the candidate not counted).
    public var pendingItems: Int

    /// Creates a history.
    public init(lastAlertAt: Date? = nil, pendingItems: Int = 0) {
        self.lastAlertAt = lastAlertAt
        self.pendingItems = pendingItems
    }

    /// Nothing alerted yet.
    public static let none = AlertHistory()
}
