/// Why a digest schedule's text could not be read; `description` says how to fix it.
public enum DigestScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `at:` is not a send time for the period kind.
    case badSendTime(String, kind: ReportPeriod.Kind)

    /// What to write instead.
    public var description: String {
        switch self {
        case let .badSendTime(text, kind):
            let example = switch kind {
            case .day: "'08:00'"
            case .week: "'周一 08:00' or 'mon 08:00'"
            case .month: "'1 09:00' (day of the month, then the time)"
            }
            // Not "\(kind)ly": that would say "dayly".
            let adjective = switch kind {
            case .day: "daily"
            case .week: "weekly"
            case .month: "monthly"
            }
            return "cannot read '\(text)' as the send time of a \(adjective) digest; write it like \(example)"
        }
    }
}
