/// One rising term found by `HotTerms`.
public struct HotTerm: Sendable, Hashable {
    /// The term (normalised: simplified, lower case).
    public var term: String
    /// Occurrences in the current period.
    public var count: Int
    /// Occurrences in the previous period.
    public var previousCount: Int
    /// Documents of the current period that contain it.
    public var documentFrequency: Int
    /// Rise score (higher rises more); see `HotTerms`.
    public var score: Double

    /// Creates a term.
    public init(term: String, count: Int, previousCount: Int, documentFrequency: Int, score: Double) {
        self.term = term
        self.count = count
        self.previousCount = previousCount
        self.documentFrequency = documentFrequency
        self.score = score
    }
}
