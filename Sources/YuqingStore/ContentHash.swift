/// The fingerprint of an item's text, stored in `item.content_hash` to notice edits.
///
/// 64-bit FNV-1a over the UTF-8 of title and summary: stable across processes and
/// platforms (unlike `Hasher`, which is seeded per process) and needs no crypto
/// library. It only has to tell "same text" from "edited text" within one item, so
/// collisions are harmless. Changing the function would make every stored item look
/// edited once: do it only together with a migration that recomputes the column.
enum ContentHash {
    /// The hex fingerprint of `title` and `summary`.
    static func of(title: String, summary: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        for byte in title.utf8 { mix(byte) }
        // A separator byte that cannot occur in UTF-8 keeps ("ab", "c") and ("a", "bc") apart.
        mix(0xFF)
        for byte in summary.utf8 { mix(byte) }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
