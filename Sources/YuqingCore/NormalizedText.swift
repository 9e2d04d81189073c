/// A text after normalisation, with the way back to the original for highlighting.
///
/// Every normalised scalar remembers the UTF-8 span of the original text it came from; a
/// scalar that came out of a composed cluster or an expansion remembers the whole source.
public struct NormalizedText: Sendable {
    /// The text as given.
    public let original: String
    /// The normalised text, one Unicode scalar value each.
    public let scalars: [UInt32]
    /// For each normalised scalar, the UTF-8 offset in `original` where its source starts.
    let sourceStarts: [UInt32]
    /// For each normalised scalar, the UTF-8 offset in `original` just after its source.
    let sourceEnds: [UInt32]

    init(original: String, scalars: [UInt32], sourceStarts: [UInt32], sourceEnds: [UInt32]) {
        self.original = original
        self.scalars = scalars
        self.sourceStarts = sourceStarts
        self.sourceEnds = sourceEnds
    }

    /// The span of `original` that produced `normalized` (a range of `scalars` indices),
    /// from the start of its first scalar's source to the end of its last one, so separators
    /// and zero-width characters skipped inside a hit are part of the highlight.
    ///
    /// The bounds always fall on Unicode scalar boundaries; slice with
    /// `original.unicodeScalars[range]` for the exact span (a `String` subscript rounds to
    /// grapheme boundaries, which matters only when a hit starts or ends next to a combining
    /// mark or emoji modifier that normalisation did not join to it).
    public func originalRange(of normalized: Range<Int>) -> Range<String.Index> {
        precondition(normalized.lowerBound >= 0 && normalized.upperBound <= scalars.count,
                     "range \(normalized) outside 0..<\(scalars.count)")
        let utf8 = original.utf8
        let start: Int
        let end: Int
        if normalized.isEmpty {
            start = normalized.lowerBound < scalars.count
                ? Int(sourceStarts[normalized.lowerBound])
                : (scalars.isEmpty ? 0 : Int(sourceEnds[scalars.count - 1]))
            end = start
        } else {
            start = Int(sourceStarts[normalized.lowerBound])
            end = Int(sourceEnds[normalized.upperBound - 1])
        }
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        let upper = utf8.index(lower, offsetBy: end - start)
        return lower..<upper
    }

    /// The normalised text as a `String` (for debugging and display).
    public var string: String {
        var view = String.UnicodeScalarView()
        for value in scalars { if let scalar = Unicode.Scalar(value) { view.append(scalar) } }
        return String(view)
    }
}
