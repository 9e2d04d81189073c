import Collections
import Foundation

/// Counts match events per group (and the negative ones) and fires volume, spike and
/// negative-surge rules. A pure state machine: it is
/// fed events and the current time and does no I/O, so the service owns the clock and the tests
/// can replay any history.
///
/// One burst fires a rule once: after firing, the rule stays quiet until a check at least
/// `cooldown` after firing finds the condition no longer met; only then can it fire again.
public struct VolumeMonitor: Sendable {
    /// The rules being watched.
    public private(set) var rules: [VolumeRule]
    /// Event times per group, oldest first; only groups some rule counts are kept.
    private var times: [String: Deque<Date>] = [:]
    /// Times of the events that read negative, per group, kept alongside `times`.
    private var negativeTimes: [String: Deque<Date>] = [:]
    /// When each rule (by name) last fired, while it is waiting to re-arm.
    private var firedAt: [String: Date] = [:]

    /// Creates a monitor with no history.
    public init(rules: [VolumeRule]) {
        self.rules = rules
        for rule in rules {
            times[rule.group, default: []] = []
        }
    }

    /// Replaces the rules (after a reload), keeping the counted history and the cooldown state of
    /// rules whose name and trigger did not change.
    public mutating func replaceRules(_ newRules: [VolumeRule]) {
        let old = Dictionary(rules.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        firedAt = firedAt.filter { name, _ in
            newRules.contains { $0.name == name && $0.trigger == old[name]?.trigger && $0.group == old[name]?.group }
        }
        rules = newRules
        let groups = Set(newRules.map(\.group))
        times = times.filter { groups.contains($0.key) }
        negativeTimes = negativeTimes.filter { groups.contains($0.key) }
        for group in groups where times[group] == nil {
            times[group] = []
        }
    }

    /// Records events, then checks every rule at `now`; returns the alerts that fired.
    ///
    /// Events are taken in time order and each is checked just before and just after it is counted,
    /// so a burst that arrives in one batch still fires, and a quiet spell between two events still
    /// re-arms a rule. Events later than `now` count as happening at `now`; events already older
    /// than every rule's horizon are dropped.
    public mutating func ingest(_ events: some Sequence<GroupMatchEvent>, now: Date) -> [VolumeAlert] {
        var alerts: [VolumeAlert] = []
        let sorted = events.map { GroupMatchEvent(group: $0.group, time: min($0.time, now), negative: $0.negative) }
            .sorted { $0.time < $1.time }
        for event in sorted where times[event.group] != nil {
            let affected = rules.indices.filter { rules[$0].group == event.group }
            for index in affected {
                _ = step(index, at: event.time, mayFire: false)
            }
            insert(event)
            for index in affected {
                if let alert = step(index, at: event.time, mayFire: true) {
                    alerts.append(alert)
                }
            }
        }
        alerts += check(now: now)
        return alerts
    }

    /// Checks every rule at `now` without new events (call it on a timer so rules re-arm and
    /// old events are forgotten even when nothing matches).
    public mutating func check(now: Date) -> [VolumeAlert] {
        prune(before: now)
        return rules.indices.compactMap { step($0, at: now, mayFire: true) }
    }

    /// Matches of `group` counted in the window `(now - window, now]`.
    public func count(group: String, window: Duration, now: Date) -> Int {
        guard let list = times[group] else { return 0 }
        return Self.count(in: list, after: now.addingTimeInterval(-window.seconds), upTo: now)
    }

    /// Whether the rule is waiting to re-arm after firing.
    public func isCoolingDown(_ ruleName: String) -> Bool {
        firedAt[ruleName] != nil
    }

    // MARK: State machine

    private mutating func step(_ index: Int, at time: Date, mayFire: Bool) -> VolumeAlert? {
        let rule = rules[index]
        let (met, count, baseline) = evaluate(rule, at: time)
        if let fired = firedAt[rule.name] {
            if !met, time >= fired.addingTimeInterval(rule.cooldown.seconds) {
                firedAt[rule.name] = nil
            }
            return nil
        }
        guard met, mayFire else { return nil }
        firedAt[rule.name] = time
        var share: Double?
        if case .negativeShare = rule.trigger {
            let total = Self.count(in: times[rule.group] ?? [], after: time.addingTimeInterval(-rule.trigger.window.seconds), upTo: time)
            share = total > 0 ? Double(count) / Double(total) : 0
        }
        return VolumeAlert(
            ruleName: rule.name, group: rule.group, severity: rule.severity, notify: rule.notify,
            trigger: rule.trigger, count: count, baselineAverage: baseline, share: share, time: time
        )
    }

    /// Whether the rule's condition holds at `time`, the window's count (negative ones for a
    /// surge), and the spike baseline (the baseline's negative share for a surge).
    private func evaluate(_ rule: VolumeRule, at time: Date) -> (met: Bool, count: Int, baseline: Double?) {
        let list = times[rule.group] ?? []
        let windowStart = time.addingTimeInterval(-rule.trigger.window.seconds)
        let current = Self.count(in: list, after: windowStart, upTo: time)
        switch rule.trigger {
        case let .count(threshold, _):
            return (current >= threshold, current, nil)
        case let .spike(factor, window, baseline, minimumCount):
            let baselineCount = Self.count(in: list, after: windowStart.addingTimeInterval(-baseline.seconds), upTo: windowStart)
            let average = Double(baselineCount) * window.seconds / baseline.seconds
            let met = current >= minimumCount && Double(current) >= factor * average
            return (met, current, average)
        case let .negativeShare(factor, _, baseline, minimumCount, minimumShare):
            let negatives = negativeTimes[rule.group] ?? []
            let negative = Self.count(in: negatives, after: windowStart, upTo: time)
            let baselineStart = windowStart.addingTimeInterval(-baseline.seconds)
            let baselineTotal = Self.count(in: list, after: baselineStart, upTo: windowStart)
            let baselineShare = baselineTotal > 0
                ? Double(Self.count(in: negatives, after: baselineStart, upTo: windowStart)) / Double(baselineTotal) : 0
            let share = current > 0 ? Double(negative) / Double(current) : 0
            let met = negative >= minimumCount && share >= minimumShare && share >= factor * baselineShare
            return (met, negative, baselineShare)
        }
    }

    // MARK: Event store

    private mutating func insert(_ event: GroupMatchEvent) {
        guard times[event.group] != nil else { return }
        Self.insert(event.time, into: &times, group: event.group)
        if event.negative { Self.insert(event.time, into: &negativeTimes, group: event.group) }
    }

    private static func insert(_ time: Date, into lists: inout [String: Deque<Date>], group: String) {
        var list = lists[group] ?? []
        lists[group] = nil // Keep the deque uniquely referenced while it is changed.
        list.insert(time, at: firstIndex(in: list, after: time))
        lists[group] = list
    }

    private mutating func prune(before now: Date) {
        var horizons: [String: Double] = [:]
        for rule in rules {
            horizons[rule.group] = max(horizons[rule.group] ?? 0, rule.trigger.horizon.seconds)
        }
        for (group, horizon) in horizons {
            let oldest = now.addingTimeInterval(-horizon)
            Self.drop(upTo: oldest, in: &times, group: group)
            Self.drop(upTo: oldest, in: &negativeTimes, group: group)
        }
    }

    private static func drop(upTo oldest: Date, in lists: inout [String: Deque<Date>], group: String) {
        guard var list = lists[group] else { return }
        lists[group] = nil
        while let first = list.first, first <= oldest {
            list.removeFirst()
        }
        lists[group] = list
    }

    /// Events in `(start, end]`.
    private static func count(in list: Deque<Date>, after start: Date, upTo end: Date) -> Int {
        max(0, firstIndex(in: list, after: end) - firstIndex(in: list, after: start))
    }

    /// The index of the first time later than `time` (binary search; the list is sorted).
    private static func firstIndex(in list: Deque<Date>, after time: Date) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
