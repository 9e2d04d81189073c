import Foundation
import Collections

/// Decides when each source is polled next: a pure state machine the crawl loop
/// consults, so its timing rules are tested with a fake clock and no sockets.
///
/// Rules: a new source is first polled soon after start, spread over a short window
/// so that thousands of sources do not fire in the same instant; after a success the
/// next poll is one interval later, with jitter; after consecutive failures the delay
/// doubles up to a cap, and never drops below a server's `Retry-After`. A source whose polls
/// find nothing new is polled less often, up to `maximumStretch` × its interval, and back at
/// its interval as soon as a poll finds something; every `unconditionalEvery`-th poll sends
/// no validators, because some servers keep answering 304 to a stale ETag.
///
/// Due sources wait in a min-heap by due time, so taking the next one (`startNextDue(at:)`)
/// and finding the next wake-up cost O(log n) and O(1), not a sort of every source: with
/// 10,000 sources the crawl loop asks once or twice per poll.
public struct PollSchedule: Sendable {
    /// Per-source timing state.
    public struct Entry: Sendable, Hashable {
        /// The configured interval.
        public var interval: Duration
        /// When the source is due next.
        public var nextDue: Date
        /// Whether a poll of it is running now.
        public var inFlight: Bool
        /// Failures since the last success.
        public var consecutiveFailures: Int
        /// The interval in force after quiet polls: from `interval` up to `maximumStretch` × it.
        public var stretchedInterval: Duration
        /// Polls started so far.
        public var polls: Int
    }

    /// Fraction of the interval added or removed at random (0.1 = ±10 %).
    public var jitterFraction: Double
    /// The longest delay backoff may reach (never shorter than the source's own interval).
    public var maximumBackoff: Duration
    /// The widest spread of first polls after start.
    public var startSpread: Duration
    /// How far quiet polls may stretch a source's interval (4 = up to four times as long).
    public var maximumStretch: Double
    /// The factor each quiet poll stretches the interval by.
    public var stretchFactor: Double
    /// One poll in this many is sent without validators (0 never).
    public var unconditionalEvery: Int
    private var entries: [String: Entry] = [:]
    private var random: SplitMix64
    /// Sources waiting to be polled, earliest first. A key is live only while it still says what
    /// `entries` says (the source exists, is not in flight and is due at the key's time):
    /// rescheduling, starting or removing a source leaves its old key behind, skipped when it
    /// reaches the top (cheaper than deleting from a heap).
    private var queue = Heap<DueKey>()

    /// One source's place in `queue`; ordered by due time, then id, like `dueSources(at:)`.
    private struct DueKey: Comparable, Sendable {
        var due: Date
        var id: String

        static func < (lhs: DueKey, rhs: DueKey) -> Bool {
            (lhs.due, lhs.id) < (rhs.due, rhs.id)
        }
    }

    /// Creates an empty schedule; `seed` makes the jitter reproducible in tests.
    public init(
        jitterFraction: Double = 0.1,
        maximumBackoff: Duration = .seconds(3_600),
        startSpread: Duration = .seconds(3),
        maximumStretch: Double = 4,
        stretchFactor: Double = 1.5,
        unconditionalEvery: Int = 12,
        seed: UInt64 = UInt64.random(in: 0 ... .max)
    ) {
        self.maximumStretch = max(1, maximumStretch)
        self.stretchFactor = max(1, stretchFactor)
        self.unconditionalEvery = max(0, unconditionalEvery)
        self.jitterFraction = jitterFraction
        self.maximumBackoff = maximumBackoff
        self.startSpread = startSpread
        self.random = SplitMix64(seed: seed)
    }

    /// The timing state of `sourceID`, if scheduled.
    public func entry(for sourceID: String) -> Entry? { entries[sourceID] }

    /// Number of sources scheduled.
    public var count: Int { entries.count }

    /// Brings the schedule in line with the configured sources: new ones are scheduled
    /// for a first poll within `startSpread`, removed or disabled ones dropped, and a
    /// changed interval takes effect from the next poll.
    public mutating func update(sources: [Source], now: Date) {
        let wanted = Dictionary(sources.filter(\.enabled).map { ($0.id, $0.interval) }, uniquingKeysWith: { first, _ in first })
        entries = entries.filter { wanted[$0.key] != nil }
        for (id, interval) in wanted {
            if var existing = entries[id] {
                if existing.interval != interval {
                    existing.nextDue = min(existing.nextDue, now.addingTimeInterval(interval.seconds))
                    existing.interval = interval
                    existing.stretchedInterval = interval
                    // An unchanged source keeps its key; one in flight is queued when it finishes.
                    if !existing.inFlight { enqueue(id, due: existing.nextDue) }
                }
                entries[id] = existing
            } else {
                let spread = min(startSpread.seconds, interval.seconds / 10)
                let delay = spread > 0 ? random.nextDouble() * spread : 0
                entries[id] = Entry(interval: interval, nextDue: now.addingTimeInterval(delay), inFlight: false, consecutiveFailures: 0,
                                    stretchedInterval: interval, polls: 0)
                enqueue(id, due: now.addingTimeInterval(delay))
            }
        }
        compactQueue()
    }

    /// Sources due at `now` and not already being polled, earliest first. Sorts every entry:
    /// for inspection and tests; the crawl loop takes sources one by one with `startNextDue(at:)`.
    public func dueSources(at now: Date) -> [String] {
        entries.filter { !$0.value.inFlight && $0.value.nextDue <= now }
            .sorted { ($0.value.nextDue, $0.key) < ($1.value.nextDue, $1.key) }
            .map(\.key)
    }

    /// Takes the earliest source due at `now` (the first of `dueSources(at:)`) and marks it
    /// started, or returns nil when none is due. O(log n).
    public mutating func startNextDue(at now: Date) -> String? {
        guard let first = dropStaleKeys(), first.due <= now else { return nil }
        _ = queue.removeMin()
        markStarted(first.id)
        return first.id
    }

    /// The earliest source due at `now` and not yet started, without starting it: the one that
    /// has waited longest for a free slot.
    public mutating func mostOverdue(at now: Date) -> String? {
        guard let first = dropStaleKeys(), first.due <= now else { return nil }
        return first.id
    }

    /// The earliest time a source not in flight becomes due, or nil when none is scheduled.
    public mutating func nextWakeup() -> Date? {
        dropStaleKeys()?.due
    }

    /// Marks `sourceID` as being polled, so it is not handed out again until finished.
    public mutating func markStarted(_ sourceID: String) {
        entries[sourceID]?.inFlight = true
        entries[sourceID]?.polls += 1
    }

    /// Whether the poll of `sourceID` just started should omit `If-None-Match` and
    /// `If-Modified-Since`: every `unconditionalEvery`-th poll (never the first, which has none).
    public func sendsNoValidators(_ sourceID: String) -> Bool {
        guard unconditionalEvery > 0, let polls = entries[sourceID]?.polls, polls > 1 else { return false }
        return (polls - 1) % unconditionalEvery == 0
    }

    /// Records the end of a poll and schedules the next one.
    /// - Parameters:
    ///   - succeeded: whether the poll produced a usable answer (a 304 counts as success).
    ///   - retryAfter: a server's `Retry-After`, which the next poll never precedes.
    ///   - newItems: items the poll stored or updated; 0 stretches the interval, more resets it,
    ///     nil (unknown) leaves it.
    public mutating func markFinished(
        _ sourceID: String, at now: Date, succeeded: Bool, retryAfter: Duration? = nil, newItems: Int? = nil
    ) {
        guard var entry = entries[sourceID] else { return }
        entry.inFlight = false
        entry.consecutiveFailures = succeeded ? 0 : entry.consecutiveFailures + 1
        if succeeded, let newItems {
            let longest = entry.interval.seconds * maximumStretch
            let stretched = newItems > 0 ? entry.interval.seconds : min(entry.stretchedInterval.seconds * stretchFactor, longest)
            entry.stretchedInterval = .milliseconds(Int64(max(entry.interval.seconds, stretched) * 1_000))
        }
        var delay = succeeded ? entry.stretchedInterval.seconds : entry.interval.seconds
        if entry.consecutiveFailures > 0 {
            let cap = max(entry.interval.seconds, maximumBackoff.seconds)
            let exponent = Double(min(entry.consecutiveFailures - 1, 30))
            delay = min(delay * pow(2, exponent), cap)
        }
        let jitter = (random.nextDouble() * 2 - 1) * jitterFraction * delay
        delay += jitter
        if let retryAfter { delay = max(delay, retryAfter.seconds) }
        entry.nextDue = now.addingTimeInterval(delay)
        entries[sourceID] = entry
        enqueue(sourceID, due: entry.nextDue)
    }

    /// Puts `id` in the queue at `due`; its earlier key, if any, no longer matches its entry.
    private mutating func enqueue(_ id: String, due: Date) {
        queue.insert(DueKey(due: due, id: id))
        compactQueue()
    }

    /// Whether `key` is still the source's place: it exists, is not in flight and is due then.
    private func isLive(_ key: DueKey) -> Bool {
        guard let entry = entries[key.id] else { return false }
        return !entry.inFlight && entry.nextDue == key.due
    }

    /// Pops dead keys off the top; returns the live earliest key, if any.
    private mutating func dropStaleKeys() -> DueKey? {
        while let first = queue.min {
            if isLive(first) { return first }
            _ = queue.removeMin()
        }
        return nil
    }

    /// Rebuilds the queue from the live keys once dead ones outnumber them (O(n)), so reloads
    /// and reschedules never let it grow without bound.
    private mutating func compactQueue() {
        guard queue.count > 2 * entries.count + 1_024 else { return }
        queue = Heap(queue.unordered.filter(isLive))
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
