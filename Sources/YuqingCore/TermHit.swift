/// One occurrence of one pattern in a normalised text.
public struct TermHit: Sendable, Hashable {
    /// Index into the patterns given to `TermAutomaton`.
    public var pattern: Int
    /// Where it occurs, in `NormalizedText.scalars` (map back with `NormalizedText.originalRange(of:)`).
    public var range: Range<Int>

    /// Creates a hit.
    public init(pattern: Int, range: Range<Int>) {
        self.pattern = pattern
        self.range = range
    }
}
