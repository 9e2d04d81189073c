import Foundation

/// A notification for a chat robot or a JSON endpoint, before it is shaped for one channel kind
/// (WeCom, DingTalk, Feishu markdown; the generic JSON schema).
public struct WebhookMessage: Sendable, Hashable {
    /// A stable id (the alert's or digest's id): a re-send carries the same id.
    public var id: String
    /// What it is: `alert`, `alert-update`, `volume`, `digest`, `test`.
    public var kind: String
    /// One-line title, plain text.
    public var title: String
    /// The body as Markdown, with everything taken from crawled pages already escaped.
    public var markdown: String
    /// The body as plain text.
    public var text: String
    /// The link a reader follows for more (the item, or the archived report).
    public var link: URL?
    /// The severity, for alerts.
    public var severity: RuleSeverity?
    /// Structured fields for the generic JSON channel (rule, group, source, item_id, …).
    public var fields: [String: String]
    /// When the event happened.
    public var date: Date

    /// Creates a message.
    public init(
        id: String, kind: String, title: String, markdown: String, text: String, link: URL? = nil,
        severity: RuleSeverity? = nil, fields: [String: String] = [:], date: Date
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.markdown = markdown
        self.text = text
        self.link = link
        self.severity = severity
        self.fields = fields
        self.date = date
    }
}
