import Foundation
import YuqingCore

/// One delivery due from the outbox: an alert, rendered, for one target.
public struct OutboxDelivery: Sendable, Hashable, Identifiable {
    /// The delivery's row id.
    public var id: Int64
    /// The alert's id.
    public var alertID: Int64
    /// Where it goes.
    public var target: DeliveryTarget
    /// Attempts made so far.
    public var attempts: Int
    /// The Message-ID every attempt uses.
    public var messageID: String
    /// When the alert was raised (the give-up limit counts from here).
    public var alertCreatedAt: Date
    /// The alert's texts.
    public var alert: RenderedAlert

    /// Creates a delivery value.
    public init(id: Int64, alertID: Int64, target: DeliveryTarget, attempts: Int, messageID: String,
                alertCreatedAt: Date, alert: RenderedAlert) {
        self.id = id
        self.alertID = alertID
        self.target = target
        self.attempts = attempts
        self.messageID = messageID
        self.alertCreatedAt = alertCreatedAt
        self.alert = alert
    }
}
