import Foundation

/// An email ready to send: what the alert and digest builders produce and a `MailTransport` sends.
/// Bodies are UTF-8; the MIME writer chooses transfer encodings and encodes headers (RFC 2047).
public struct MailMessage: Sendable, Hashable {
    /// The From mailbox.
    public var from: MailAddress
    /// The recipients (To). At least one.
    public var to: [MailAddress]
    /// The subject, plain text (may be Chinese).
    public var subject: String
    /// The `text/plain` body.
    public var text: String
    /// The `text/html` alternative, when there is one.
    public var html: String?
    /// The Message-ID without angle brackets (`alert-42-1.3f9c@yuqing.example.gov.cn`).
    /// Stable for one alert or digest, so a re-send after a crash is recognisably the same message.
    public var messageID: String
    /// The Date header.
    public var date: Date
    /// Files attached; those with a `contentID` are inline parts the HTML refers to as `cid:…`.
    public var attachments: [MailAttachment]
    /// Extra headers (name, value), e.g. `X-Yuqing-Alert`. Values are plain text; the writer encodes them.
    public var extraHeaders: [MailHeader]

    /// Creates a message.
    public init(
        from: MailAddress, to: [MailAddress], subject: String, text: String, html: String? = nil,
        messageID: String, date: Date, attachments: [MailAttachment] = [], extraHeaders: [MailHeader] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
        self.attachments = attachments
        self.extraHeaders = extraHeaders
    }
}

/// One extra header line of a `MailMessage`.
public struct MailHeader: Sendable, Hashable {
    /// The header name, ASCII (`X-Yuqing-Alert`).
    public var name: String
    /// The value, plain text.
    public var value: String

    /// Creates a header.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A file attached to a `MailMessage` (a digest's CSV, a chart PNG referenced by `cid:`).
public struct MailAttachment: Sendable, Hashable {
    /// The file name shown to the reader.
    public var filename: String
    /// The MIME type, e.g. `image/png`, `text/csv; charset=utf-8`.
    public var contentType: String
    /// The bytes.
    public var data: Data
    /// Set for an inline part the HTML body refers to as `cid:<contentID>`.
    public var contentID: String?

    /// Creates an attachment.
    public init(filename: String, contentType: String, data: Data, contentID: String? = nil) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
        self.contentID = contentID
    }
}
