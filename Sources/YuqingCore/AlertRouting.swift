/// Who hears of a rule's alerts: the rule's `notify:` names (else `alerts.default_recipients`)
/// looked up in `recipients:` of `yuqing.yml`, each turned into its delivery targets.
public struct AlertRouting: Sendable, Hashable {
    /// The configured recipients by name.
    public let recipients: [String: Recipient]
    /// Names used for rules without `notify:`.
    public let defaultRecipients: [String]

    /// Creates the routing table.
    public init(recipients: [Recipient], defaultRecipients: [String]) {
        self.recipients = Dictionary(recipients.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.defaultRecipients = defaultRecipients
    }

    /// The names a rule with `notify` reaches.
    public func names(for notify: [String]) -> [String] {
        notify.isEmpty ? defaultRecipients : notify
    }

    /// The delivery targets for a rule with `notify`, sorted and without duplicates (two
    /// recipients sharing one webhook post to it once). Unknown names are skipped here;
    /// `unknownNames(in:)` reports them at config check.
    public func targets(for notify: [String]) -> [DeliveryTarget] {
        var targets = Set<DeliveryTarget>()
        for name in names(for: notify) {
            guard let recipient = recipients[name] else { continue }
            if !recipient.emails.isEmpty { targets.insert(.email(recipient: name)) }
            for webhook in recipient.webhooks { targets.insert(.webhook(webhook)) }
        }
        return targets.sorted()
    }

    /// Names used by rules (their `notify` lists) or by `default_recipients` that `recipients:`
    /// does not define, with who uses them, sorted: what `yuqing check` must report.
    public func unknownNames(in notifyLists: [(rule: String, notify: [String])]) -> [(name: String, usedBy: [String])] {
        var unknown: [String: [String]] = [:]
        for name in defaultRecipients where recipients[name] == nil {
            unknown[name, default: []].append("alerts.default_recipients")
        }
        for (rule, notify) in notifyLists {
            for name in notify where recipients[name] == nil {
                unknown[name, default: []].append(rule)
            }
        }
        return unknown.keys.sorted().map { ($0, unknown[$0] ?? []) }
    }
}
