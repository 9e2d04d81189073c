import Foundation

/// "An item matched group G at time T": what `VolumeMonitor` counts.
public struct GroupMatchEvent: Sendable, Hashable {
    /// The group matched.
    public var group: String
    /// When it matched (the time the item was evaluated, not its publication time, so a
    /// late-crawled old item still counts as news now).
    public var time: Date

    /// Creates an event.
    public init(group: String, time: Date) {
        self.group = group
        self.time = time
    }

    /// One event per distinct group among one item's matches: an item matching three 环保
    /// rules is one 环保 item.
    public static func events(from matches: [RuleMatch], at time: Date) -> [GroupMatchEvent] {
        var seen: Set<String> = []
        return matches.compactMap { match in
            seen.insert(match.group).inserted ? GroupMatchEvent(group: match.group, time: time) : nil
        }
    }
}
