import Foundation
import YuqingCore

/// A source as the store keeps it: its configuration when last synced, and when it
/// was configured and retired.
public struct SourceRecord: Sendable, Hashable, Identifiable {
    /// The source id from `Sources.yml`.
    public var id: String
    /// Display name.
    public var name: String
    /// Raw value of the `SourceKind` it was configured with (`feed`, `list`, `forum`).
    public var kind: String
    /// The polled address.
    public var url: String
    /// Raw value of its `Channel` (`news`, `forum`, `weibo`, `wechat`, `other`).
    public var channel: String
    /// Region, when configured.
    public var region: String?
    /// Tags, when configured.
    public var tags: [String]
    /// Whether it was enabled when last synced.
    public var enabled: Bool
    /// When it first appeared in the configuration.
    public var firstConfiguredAt: Date
    /// The most recent sync that listed it.
    public var lastConfiguredAt: Date
    /// When it left the configuration; nil while it is configured.
    public var retiredAt: Date?

    /// Creates a record.
    public init(
        id: String, name: String, kind: String, url: String, channel: String, region: String?, tags: [String],
        enabled: Bool, firstConfiguredAt: Date, lastConfiguredAt: Date, retiredAt: Date?
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.url = url
        self.channel = channel
        self.region = region
        self.tags = tags
        self.enabled = enabled
        self.firstConfiguredAt = firstConfiguredAt
        self.lastConfiguredAt = lastConfiguredAt
        self.retiredAt = retiredAt
    }

    /// Whether the source has left the configuration.
    public var isRetired: Bool { retiredAt != nil }
}
