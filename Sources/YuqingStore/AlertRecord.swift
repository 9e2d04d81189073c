import Foundation
import YuqingCore

/// An alert with the state of each of its deliveries, as `yuqing alerts` shows it.
public struct AlertRecord: Sendable, Hashable, Identifiable {
    /// Where a delivery stands.
    public enum DeliveryState: String, Sendable, Hashable {
        /// Not sent yet (first attempt, or waiting for a retry).
        case pending
        /// Accepted by the mail server or webhook.
        case sent
        /// Given up: a permanent failure, or still failing after `give_up_after`.
        case failed
    }

    /// One target's delivery.
    public struct Delivery: Sendable, Hashable {
        /// Where it goes.
        public var target: String
        /// Where it stands.
        public var state: DeliveryState
        /// Attempts made.
        public var attempts: Int
        /// When the next attempt is due (pending only).
        public var nextAttemptAt: Date?
        /// The last failure, when there was one.
        public var lastError: String?
        /// The Message-ID used.
        public var messageID: String
        /// When it was accepted.
        public var sentAt: Date?

        /// Creates a delivery record.
        public init(target: String, state: DeliveryState, attempts: Int, nextAttemptAt: Date?, lastError: String?,
                    messageID: String, sentAt: Date?) {
            self.target = target
            self.state = state
            self.attempts = attempts
            self.nextAttemptAt = nextAttemptAt
            self.lastError = lastError
            self.messageID = messageID
            self.sentAt = sentAt
        }
    }

    /// The alert's id.
    public var id: Int64
    /// What kind.
    public var kind: AlertKind
    /// The rule that raised it (empty for summaries).
    public var ruleName: String
    /// The rule's group.
    public var group: String
    /// The severity.
    public var severity: RuleSeverity
    /// The item's title (or the alert's headline).
    public var title: String
    /// When it was raised.
    public var createdAt: Date
    /// `queued` (deliveries written), `held` (quiet hours) or `summarized` (sent in a summary).
    public var state: String
    /// When a held alert goes out.
    public var dueAt: Date
    /// The summary that carried it, for summarized alerts.
    public var summaryID: Int64?
    /// Its deliveries, by target.
    public var deliveries: [Delivery]

    /// Creates a record.
    public init(id: Int64, kind: AlertKind, ruleName: String, group: String, severity: RuleSeverity, title: String,
                createdAt: Date, state: String, dueAt: Date, summaryID: Int64?, deliveries: [Delivery]) {
        self.id = id
        self.kind = kind
        self.ruleName = ruleName
        self.group = group
        self.severity = severity
        self.title = title
        self.createdAt = createdAt
        self.state = state
        self.dueAt = dueAt
        self.summaryID = summaryID
        self.deliveries = deliveries
    }
}
