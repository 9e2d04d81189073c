import Foundation

/// Decides, without I/O, whether a rule match raises an alert: one alert per rule and story,
/// then at most one update per cooldown once the story has spread; low-severity alerts raised
/// in quiet hours are held for the morning summary.
public struct AlertPolicy: Sendable {
    /// The `alerts:` settings.
    public let settings: AlertSettings
    /// The zone quiet hours are read in.
    public let timeZone: TimeZone

    /// Creates a policy; an unknown zone identifier falls back to Asia/Shanghai.
    public init(settings: AlertSettings, timeZone identifier: String = "Asia/Shanghai") {
        self.settings = settings
        timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "Asia/Shanghai")!
    }

    /// The decision for `candidate`, given what its key (rule and story) has had so far.
    public func decide(_ candidate: AlertCandidate, history: AlertHistory) -> AlertDecision {
        guard let last = history.lastAlertAt else {
            return .raise(.new, heldUntil: holdUntil(severity: candidate.severity, at: candidate.time))
        }
        guard settings.realert == .updates else { return .fold(reason: "updates are off (realert: never)") }
        let since = Duration.seconds(candidate.time.timeIntervalSince(last))
        guard since >= settings.cooldown else {
            return .fold(reason: "cooldown: last alert \(DurationText.format(.seconds(Int64(max(0, since.seconds))))) ago")
        }
        let items = history.pendingItems + 1
        guard items >= settings.updateAfter else {
            return .fold(reason: "\(items) new item(s) since the last alert, an update needs \(settings.updateAfter)")
        }
        return .raise(.update, heldUntil: holdUntil(severity: candidate.severity, at: candidate.time))
    }

    /// The decision for a volume or spike rule that fired (the volume monitor has its own cooldown).
    public func decide(_ volume: VolumeAlert) -> AlertDecision {
        .raise(.volume, heldUntil: holdUntil(severity: volume.severity, at: volume.time))
    }

    /// The end of the quiet hours `time` falls in, when an alert of `severity` must wait; nil
    /// when it goes out now.
    public func holdUntil(severity: RuleSeverity, at time: Date) -> Date? {
        guard let quiet = settings.quietHours, severity < settings.quietHoldBelow,
              quiet.contains(time, timeZone: timeZone)
        else { return nil }
        return quiet.nextEnd(after: time, timeZone: timeZone)
    }

    /// The wait before attempt `attempt + 1` of a delivery that has failed `attempt` times
    /// (1, 2, …): `retryBase` doubled per attempt, capped at `retryMax`, with up to 20 %
    /// jitter (`unit` in 0..<1) so many deliveries do not retry in lockstep; a server's
    /// Retry-After is honoured when it asks for longer.
    public func retryDelay(afterAttempt attempt: Int, retryAfter: Duration?, unit: Double) -> Duration {
        let base = settings.retryBase.seconds
        let exponent = Double(min(max(attempt - 1, 0), 30))
        let capped = min(base * pow(2, exponent), settings.retryMax.seconds)
        let jittered = capped * (1 + 0.2 * min(max(unit, 0), 1))
        return .seconds(max(jittered, retryAfter?.seconds ?? 0))
    }
}
