import Foundation

/// What the alert policy decided for one match.
public enum AlertDecision: Sendable, Hashable {
    /// Raise an alert of `kind`; when `heldUntil` is set (quiet hours) it waits for that
    /// time and goes out in the morning summary.
    case raise(AlertKind, heldUntil: Date?)
    /// No alert now: the match is kept for the story's next update (cooldown, too few new
    /// items, or updates switched off).
    case fold(reason: String)

    /// The kind raised, nil when folded.
    public var kind: AlertKind? {
        if case let .raise(kind, _) = self { kind } else { nil }
    }

    /// When a raised alert is held until; nil when it goes out now or is folded.
    public var heldUntil: Date? {
        if case let .raise(_, until) = self { until } else { nil }
    }
}
