/// Why a digest could not be built, archived or sent; each case says what to fix and where.
public enum DigestError: Error, Sendable, CustomStringConvertible {
    /// A template could not be read or parsed.
    case template(path: String, message: String)
    /// The archive could not be written.
    case archive(path: String, message: String)
    /// No mail transport is configured, so the report cannot be emailed.
    case noMailTransport
    /// A recipient name in `to:` is unknown, or has no email address.
    case noRecipients(schedule: String, message: String)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case let .template(path, message):
            "digest template \(path): \(message)"
        case let .archive(path, message):
            "cannot write the digest archive \(path): \(message); check that the directory exists and is writable"
        case .noMailTransport:
            "no mail transport is configured: add an 'smtp:' block to yuqing.yml, or write the report to a file with --out"
        case let .noRecipients(schedule, message):
            "digest '\(schedule)': \(message)"
        }
    }
}
