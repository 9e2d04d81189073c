import Foundation

/// An alert rendered once, when it is raised, and kept in the outbox: every delivery and
/// every retry sends these same texts.
public struct RenderedAlert: Sendable, Hashable, Codable {
    /// What kind of alert.
    public var kind: AlertKind
    /// The severity.
    public var severity: RuleSeverity
    /// The email subject, plain text.
    public var subject: String
    /// One-line title for chat robots, plain text.
    public var title: String
    /// The plain-text body.
    public var text: String
    /// The HTML body; crawled text in it is escaped.
    public var html: String
    /// The Markdown body for chat robots; crawled text in it is escaped.
    public var markdown: String
    /// The link to the item, when it is http(s).
    public var link: URL?
    /// Structured fields for the generic JSON webhook.
    public var fields: [String: String]

    /// Creates a rendered alert.
    public init(kind: AlertKind, severity: RuleSeverity, subject: String, title: String, text: String, html: String,
                markdown: String, link: URL?, fields: [String: String]) {
        self.kind = kind
        self.severity = severity
        self.subject = subject
        self.title = title
        self.text = text
        self.html = html
        self.markdown = markdown
        self.link = link
        self.fields = fields
    }

    /// The email for alert `alertID`, with the outbox's stable Message-ID.
    public func mailMessage(alertID: Int64, from: MailAddress, to: [MailAddress], messageID: String, date: Date)
        -> MailMessage {
        MailMessage(
            from: from, to: to, subject: subject, text: text, html: html, messageID: messageID, date: date,
            extraHeaders: [MailHeader(name: "X-Yuqing-Alert", value: String(alertID)),
                           MailHeader(name: "X-Yuqing-Severity", value: severity.englishName)]
        )
    }

    /// The webhook message for alert `alertID`; its id (`alert-<id>`) is the same on every re-send.
    public func webhookMessage(alertID: Int64, date: Date) -> WebhookMessage {
        var fields = fields
        fields["alert_id"] = String(alertID)
        return WebhookMessage(
            id: Self.webhookID(alertID), kind: kind.webhookKind, title: title, markdown: markdown, text: text,
            link: link, severity: severity, fields: fields, date: date
        )
    }

    /// `alert-<id>`: the webhook message id of alert `alertID`.
    public static func webhookID(_ alertID: Int64) -> String { "alert-\(alertID)" }

    /// `alert-<id>.<delivery>@<domain>`: the Message-ID of one email delivery of alert `alertID`
    /// (`domain` from the From address, else `yuqing.local`). Each recipient's email is its own
    /// message, so each gets its own id, fixed when the delivery is written.
    public static func messageID(alertID: Int64, delivery: Int64, domain: String?) -> String {
        let domain = domain.flatMap { $0.isEmpty ? nil : $0 } ?? "yuqing.local"
        return "alert-\(alertID).\(delivery)@\(domain)"
    }
}
