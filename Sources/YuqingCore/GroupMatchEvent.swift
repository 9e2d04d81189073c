import Foundation

/// "An item matched group G at time T": what `VolumeMonitor` counts.
public struct GroupMatchEvent: Sendable, Hashable {
    /// The group matched.
    public var group: String
    /// When it matched (the time the item was evaluated, not its publication time, so a
    /// late-crawled old item still counts as news now).
    public var time: Date
    /// Whether the item read negative (what `negative_surge` rules count).
    public var negative: Bool

    /// Creates an event.
    public init(group: String, time: Date, negative: Bool = false) {
        self.group = group
        self.time = time
        self.negative = negative
    }

    /// One event per distinct group among one item's matches: an item matching three 环保
    /// rules is one 环保 item.
    public static func events(from matches: [RuleMatch], at time: Date, negative: Bool = false) -> [GroupMatchEvent] {
        var seen: Set<String> = []
        return matches.compactMap { match in
            seen.insert(match.group).inserted ? GroupMatchEvent(group: match.group, time: time, negative: negative) : nil
        }
    }
}
