import YuqingCore

/// One item `Store.search` found.
public struct SearchHit: Sendable {
    /// The item.
    public var item: StoredItem
    /// The name of its source.
    public var sourceName: String
    /// Text around the first term found, the term marked 【】.
    public var snippet: String

    /// Creates a hit.
    public init(item: StoredItem, sourceName: String, snippet: String) {
        self.item = item
        self.sourceName = sourceName
        self.snippet = snippet
    }
}
