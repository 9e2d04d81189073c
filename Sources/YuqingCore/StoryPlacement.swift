/// Where the analysis of an item puts it among the stored stories.
public enum StoryPlacement: Sendable, Hashable {
    /// Leave the item's story as it is (an edited item keeps its story).
    case unchanged
    /// Join the stored story with this row id.
    case existing(Int64)
    /// Start a new story. Items of one batch with the same `key` go into the same new story;
    /// the store answers with the row id it created for each key.
    case new(key: Int)
}
