import Foundation

/// The fingerprint of a feed response as the crawler would read it: its bytes, the address
/// its relative links resolve against, the charset its headers declare, the source's encoding
/// override and the version of the feed reader.
///
/// Many sites send no `ETag` or `Last-Modified`, or stale ones, so their feeds come back in
/// full on every poll with nothing new. When a 200's digest equals the one of the body last
/// read and stored, the crawler records the poll as `not_modified` instead of parsing it and
/// looking every entry up again. 64-bit FNV-1a, like the store's item content hash: stable
/// across processes, and a collision (2⁻⁶⁴ a poll) only delays a feed's news to its next change.
public enum BodyDigest {
    /// Part of every digest. Raise it with any change to how feeds are read (parser, item keys,
    /// what is kept of an entry), so that unchanged feeds are read again by the new version.
    public static let readerVersion = "1"

    /// The hex digest of `body` read from `url` with `declaredCharset` and `encodingOverride`.
    public static func of(body: Data, url: URL, declaredCharset: String?, encodingOverride: String?) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            // A separator after each part (0xFF cannot occur in the UTF-8 parts that follow the body).
            hash ^= 0xFF
            hash &*= 0x0000_0100_0000_01b3
        }
        body.withUnsafeBytes { mix($0) }
        mix(url.absoluteString.utf8)
        mix((declaredCharset ?? "").utf8)
        mix((encodingOverride ?? "").utf8)
        mix(readerVersion.utf8)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
