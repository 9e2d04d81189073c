import Foundation

/// One row of the digest ledger (`digest_run`): a report of one schedule for one period.
public struct DigestRun: Sendable, Hashable, Identifiable {
    /// Where the report stands.
    public enum State: String, Sendable, Hashable {
        /// Claimed and built; the mail has not been confirmed sent (being sent, or to retry).
        case built
        /// The mail server accepted it.
        case sent
        /// Given up: a permanent delivery failure, or no way to send (see `note`).
        case failed
    }

    /// Row id.
    public var id: Int64
    /// Schedule name.
    public var schedule: String
    /// Period kind (`day`, `week`, `month`).
    public var periodKind: String
    /// Period start and end.
    public var periodStart: Date
    /// First instant after the period.
    public var periodEnd: Date
    /// `2026-W48`, `2026-11`, `2026-11-23`.
    public var periodKey: String
    /// State.
    public var state: State
    /// When it was claimed and built.
    public var builtAt: Date
    /// When the latest send attempt began (a lease: another instance retries only after it expires).
    public var attemptAt: Date
    /// Send attempts so far.
    public var attempts: Int
    /// When the mail server accepted it.
    public var sentAt: Date?
    /// The Message-ID every attempt uses.
    public var messageID: String
    /// The archived HTML copy.
    public var archivePath: String?
    /// Late note, last failure, or why it was not sent.
    public var note: String?

    /// Creates a run value.
    public init(
        id: Int64, schedule: String, periodKind: String, periodStart: Date, periodEnd: Date, periodKey: String,
        state: State, builtAt: Date, attemptAt: Date, attempts: Int, sentAt: Date?, messageID: String,
        archivePath: String?, note: String?
    ) {
        self.id = id
        self.schedule = schedule
        self.periodKind = periodKind
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.periodKey = periodKey
        self.state = state
        self.builtAt = builtAt
        self.attemptAt = attemptAt
        self.attempts = attempts
        self.sentAt = sentAt
        self.messageID = messageID
        self.archivePath = archivePath
        self.note = note
    }
}
