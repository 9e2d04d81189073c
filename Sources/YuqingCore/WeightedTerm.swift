/// One entry of `WEIGHT(爆炸=3, 泄漏=2, 气味)`: a term and the points it adds when found.
public struct WeightedTerm: Sendable, Hashable, CustomStringConvertible {
    /// The term.
    public var term: RuleTerm
    /// The points it adds to the score (1 when the entry has no weight).
    public var weight: Int

    /// Creates an entry.
    public init(term: RuleTerm, weight: Int) {
        self.term = term
        self.weight = weight
    }

    /// `爆炸=3`.
    public var description: String { "\(term)=\(weight)" }
}
