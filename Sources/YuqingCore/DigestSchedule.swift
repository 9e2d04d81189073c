/// One configured digest (an entry of `digests:` in `yuqing.yml`): which period, when it goes
/// out, to whom, and which part of the monitoring it covers.
public struct DigestSchedule: Sendable, Hashable {
    /// Unique name; the ledger and the Message-ID are keyed by it (`周报`, `weekly-city`).
    public var name: String
    /// The period each report covers.
    public var period: ReportPeriod.Kind
    /// When a report goes out after its period ends.
    public var at: DigestSendTime
    /// Recipient names (from `recipients:`).
    public var recipients: [String]
    /// Where each name of `recipients` was written (`yuqing.yml:24`), so `yuqing check` can point
    /// at a name that `recipients:` does not define; empty for schedules made in code.
    public var recipientOrigins: [String: RuleOrigin]
    /// Rule groups whose matches, stories and alerts the report lists; empty means all.
    public var groups: [String]
    /// Regions (from `Sources.yml`) whose sources the report counts; empty means all.
    public var regions: [String]
    /// The language, when it differs from `report.language`.
    public var language: ReportLanguage?

    /// Creates a schedule; `at` defaults to the period kind's usual time.
    public init(
        name: String, period: ReportPeriod.Kind, at: DigestSendTime? = nil, recipients: [String] = [],
        groups: [String] = [], regions: [String] = [], language: ReportLanguage? = nil,
        recipientOrigins: [String: RuleOrigin] = [:]
    ) {
        self.name = name
        self.period = period
        self.at = at ?? .defaultTime(for: period)
        self.recipients = recipients
        self.recipientOrigins = recipientOrigins
        self.groups = groups
        self.regions = regions
        self.language = language
    }
}
