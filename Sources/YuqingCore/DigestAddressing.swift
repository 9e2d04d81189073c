/// Who a digest reaches: the `to:` names of a schedule looked up in `recipients:`.
///
/// Digests go by email only, so a name reaches someone when `recipients:` defines it with at
/// least one email address. The digest sender and `yuqing check` both use this one lookup, so
/// what the check reports is exactly what the sender would drop.
public struct DigestAddressing: Sendable, Hashable {
    /// The email addresses the digest goes to, in `to:` order (a name's addresses together).
    public var addresses: [MailAddress]
    /// `to:` names that `recipients:` does not define (a typo, or a recipient removed later).
    public var unknown: [String]
    /// `to:` names defined with webhooks only: they receive no digest.
    public var withoutEmail: [String]
    /// Whether `to:` names anyone at all.
    public var namesAnyone: Bool

    /// Looks up `names` (a schedule's `recipients`) in the configured recipients.
    public init(names: [String], recipients: [String: Recipient]) {
        addresses = []
        unknown = []
        withoutEmail = []
        namesAnyone = !names.isEmpty
        for name in names {
            guard let recipient = recipients[name] else {
                unknown.append(name)
                continue
            }
            if recipient.emails.isEmpty { withoutEmail.append(name) }
            addresses += recipient.emails
        }
    }

    /// Looks up `schedule`'s `to:` names in the recipients of `yuqing.yml`.
    public init(schedule: DigestSchedule, recipients: [Recipient]) {
        self.init(names: schedule.recipients, recipients: Self.byName(recipients))
    }

    /// The recipients keyed by name; the first wins if one is listed twice.
    public static func byName(_ recipients: [Recipient]) -> [String: Recipient] {
        Dictionary(recipients.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Why the digest cannot be mailed to anyone; nil when it has at least one address.
    public var failureReason: String? {
        guard addresses.isEmpty else { return nil }
        guard namesAnyone else { return "no recipients ('to:' is empty)" }
        var parts: [String] = []
        if !unknown.isEmpty { parts.append("'recipients:' does not define \(unknown.joined(separator: ", "))") }
        if !withoutEmail.isEmpty { parts.append("no email address for \(withoutEmail.joined(separator: ", ")) in 'recipients:'") }
        return parts.joined(separator: "; ")
    }
}
