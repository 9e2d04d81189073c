import Foundation

/// The fingerprint of a feed response as the crawler would read it: its bytes, the address
/// its relative links resolve against, the charset its headers declare, the source's encoding
/// override and the version of the feed reader.
///
/// Many sites send no `ETag` or `Last-Modified`, or stale ones, so their feeds come back in
/// full on every poll with nothing new. When a 200's digest equals the one of the body last
/// read and stored, the crawler records the poll as `not_modified` instead of parsing it and
/// looking every entry up again. `FNV1a64`, like the store's item content hash; a collision
/// (2⁻⁶⁴ a poll) only delays a feed's news to its next change.
public enum BodyDigest {
    /// Part of every digest. Raise it with any change to how feeds are read (parser, item keys,
    /// what is kept of an entry), so that unchanged feeds are read again by the new version.
    public static let readerVersion = "1"

    /// The hex digest of `body` read from `url` with `declaredCharset` and `encodingOverride`.
    public static func of(body: Data, url: URL, declaredCharset: String?, encodingOverride: String?) -> String {
        var hash = FNV1a64()
        body.withUnsafeBytes { hash.add($0) }
        for part in [url.absoluteString, declaredCharset ?? "", encodingOverride ?? "", readerVersion] {
            hash.addSeparator()
            hash.add(part.utf8)
        }
        return hash.hex
    }
}
