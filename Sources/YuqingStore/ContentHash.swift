import YuqingCore

/// The fingerprint of an item's text, stored in `item.content_hash` to notice edits.
///
/// `FNV1a64` over the UTF-8 of title and summary. It only has to tell "same text" from
/// "edited text" within one item, so collisions are harmless. Changing the function would
/// make every stored item look edited once: do it only together with a migration that
/// recomputes the column.
enum ContentHash {
    /// The hex fingerprint of `title` and `summary`.
    static func of(title: String, summary: String) -> String {
        var hash = FNV1a64()
        hash.add(title.utf8)
        hash.addSeparator()
        hash.add(summary.utf8)
        return hash.hex
    }
}
