import Foundation

/// Decides which reports of a schedule are due at an instant: pure, so the exactly-once and
/// catch-up rules are tested without a clock or a store.
public struct DigestPlanner: Sendable {
    /// A report the service should build and send now.
    public struct Due: Sendable, Hashable {
        /// The period it covers.
        public var period: ReportPeriod
        /// When it was due.
        public var dueAt: Date
        /// True when it missed its time (the daemon was down): the report says it is late.
        public var isLate: Bool
    }

    /// How long after its due time a report still counts as on time (a slow start, a busy store).
    public var grace: Duration
    /// How far back missed reports are caught up; older ones are skipped.
    public var catchUpWindow: Duration

    /// Creates a planner.
    public init(grace: Duration = .seconds(15 * 60), catchUpWindow: Duration = .seconds(35 * 86_400)) {
        self.grace = grace
        self.catchUpWindow = catchUpWindow
    }

    /// The periods of `schedule` due at `now` that have no ledger row yet, oldest first.
    /// - Parameters:
    ///   - recorded: period starts the ledger already has for this schedule (sent, built or failed).
    ///   - since: when the schedule was first seen by this store (its first ledger row, or the
    ///     first start of a daemon that knew it): a new installation does not send history.
    public func due(
        _ schedule: DigestSchedule, at now: Date, in timeZone: TimeZone, recorded: Set<Date>, since: Date
    ) -> [Due] {
        var result: [Due] = []
        var period = ReportPeriod.lastComplete(schedule.period, before: now, in: timeZone)
        let oldest = now.addingTimeInterval(-catchUpWindow.seconds)
        while true {
            let dueAt = schedule.at.dueTime(of: period)
            if dueAt <= now {
                guard dueAt >= oldest, dueAt >= since.addingTimeInterval(-grace.seconds) else { break }
                if !recorded.contains(period.start) {
                    result.append(Due(period: period, dueAt: dueAt, isLate: now.timeIntervalSince(dueAt) > grace.seconds))
                }
            }
            period = period.previous
            if period.end < oldest { break }
        }
        return result.reversed()
    }

    /// The next instant after `now` at which a report of `schedule` falls due.
    public func nextDueTime(_ schedule: DigestSchedule, after now: Date, in timeZone: TimeZone) -> Date {
        var period = ReportPeriod(kind: schedule.period, containing: now, in: timeZone).previous
        for _ in 0..<4 {
            let dueAt = schedule.at.dueTime(of: period)
            if dueAt > now { return dueAt }
            period = period.next
        }
        return now.addingTimeInterval(3_600)
    }
}
