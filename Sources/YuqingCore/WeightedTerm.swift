/// One entry of `WEIGHT(3: 爆炸, 2: 泄漏, 气味)`: a term and the points it adds when found.
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

    /// `3: 爆炸`.
    public var description: String { "\(weight): \(term)" }
}
