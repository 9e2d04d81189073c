/// One place an alert is delivered to; each gets its own outbox row, so a failing webhook
/// never causes the email to be sent again.
public enum DeliveryTarget: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// An email to every address of the named recipient.
    case email(recipient: String)
    /// A post to the named webhook.
    case webhook(String)

    /// `email:<recipient>` or `webhook:<name>`, as the outbox stores it.
    public var description: String {
        switch self {
        case let .email(recipient): "email:\(recipient)"
        case let .webhook(name): "webhook:\(name)"
        }
    }

    /// Reads the stored form; nil for anything else.
    public init?(stored text: String) {
        if text.hasPrefix("email:") {
            self = .email(recipient: String(text.dropFirst(6)))
        } else if text.hasPrefix("webhook:") {
            self = .webhook(String(text.dropFirst(8)))
        } else {
            return nil
        }
    }

    /// Orders by stored form, for stable output.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.description < rhs.description
    }
}
