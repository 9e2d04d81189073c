import Foundation

/// What the crawl loop last reported about itself, and the `/healthz` verdict drawn from it.
public struct SchedulerHeartbeat: Sendable, Hashable {
    /// The source that has waited longest past its due time without being started.
    public struct Overdue: Sendable, Hashable {
        /// The source's id.
        public var sourceID: String
        /// When it became due.
        public var due: Date
        /// Its poll interval.
        public var interval: Duration

        /// Creates the value.
        public init(sourceID: String, due: Date, interval: Duration) {
            self.sourceID = sourceID
            self.due = due
            self.interval = interval
        }
    }

    /// When the loop last looked for due sources; nil before it started.
    public var lastTurn: Date?
    /// The most overdue waiting source at that turn, if any was waiting.
    public var mostOverdue: Overdue?

    /// The loop turns at least every 250 ms; this long without a turn means it is stuck.
    public static let turnLimit: Duration = .seconds(30)
    /// A waiting source is never counted late before this, so short intervals do not flap.
    public static let minimumLateness: Duration = .seconds(60)

    /// Creates an empty heartbeat (the loop has not started).
    public init(lastTurn: Date? = nil, mostOverdue: Overdue? = nil) {
        self.lastTurn = lastTurn
        self.mostOverdue = mostOverdue
    }

    /// Why the scheduler is not healthy at `now`, or nil when it is.
    ///
    /// Healthy means: the loop turned within `turnLimit`, and no source has waited past its due
    /// time for longer than its own interval (at least `minimumLateness`) — at that point a whole
    /// poll has been lost, usually because every concurrency slot is held by slow fetches.
    public func problem(at now: Date) -> String? {
        guard let lastTurn else { return "crawl scheduler has not started" }
        let silence = now.timeIntervalSince(lastTurn)
        if silence > Double(Self.turnLimit.components.seconds) {
            return "crawl scheduler has not run for \(Int(silence)) s"
        }
        if let overdue = mostOverdue {
            let late = lastTurn.timeIntervalSince(overdue.due)
            let limit = max(Double(overdue.interval.components.seconds), Double(Self.minimumLateness.components.seconds))
            if late > limit {
                return "source \(overdue.sourceID) is \(Int(late)) s overdue (interval \(DurationText.format(overdue.interval)))"
            }
        }
        return nil
    }
}
