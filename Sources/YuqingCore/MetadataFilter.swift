/// A condition on where an item came from rather than what it says:
/// `source:gov-news`, `channel:论坛`, `region:江临市`.
public enum MetadataFilter: Sendable, Hashable, CustomStringConvertible {
    /// The item's source id is one of these (compared without regard to case).
    case source([String])
    /// The item's source is in one of these channels.
    case channel([Channel])
    /// The item's region is one of these, or lies inside one of them
    /// (`region:江临市` also covers `江临市高新区`).
    case region([String])

    /// Whether an item with this origin passes the filter.
    public func accepts(sourceID: String, channel: Channel, region: String?) -> Bool {
        switch self {
        case let .source(ids):
            let id = sourceID.lowercased()
            return ids.contains { $0.lowercased() == id }
        case let .channel(channels):
            return channels.contains(channel)
        case let .region(regions):
            guard let region, !region.isEmpty else { return false }
            let lowered = region.lowercased()
            return regions.contains { lowered.hasPrefix($0.lowercased()) }
        }
    }

    /// `source:(a OR b)` as it would be written.
    public var description: String {
        let (name, values): (String, [String]) = switch self {
        case let .source(ids): ("source", ids)
        case let .channel(channels): ("channel", channels.map(\.rawValue))
        case let .region(regions): ("region", regions)
        }
        let written = values.map { value in
            value.unicodeScalars.contains(where: RuleLexer.isBreak) ? "\"\(value)\"" : value
        }
        return written.count == 1 ? "\(name):\(written[0])" : "\(name):(\(written.joined(separator: " OR ")))"
    }
}
