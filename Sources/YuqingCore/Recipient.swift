/// A name that rules (`notify:`), alert routing and digests (`to:`) use for who hears of
/// something: a person, a mailing list or a duty room, with their email addresses and the
/// webhooks (by name, from `webhooks:` in `yuqing.yml`) that reach them.
public struct Recipient: Sendable, Hashable {
    /// The name rules and digests use (`值班室`, `宣传部`).
    public var name: String
    /// Addresses that receive email.
    public var emails: [MailAddress]
    /// Names of webhooks that receive the message.
    public var webhooks: [String]

    /// Creates a recipient.
    public init(name: String, emails: [MailAddress] = [], webhooks: [String] = []) {
        self.name = name
        self.emails = emails
        self.webhooks = webhooks
    }
}
