/// A word or quoted phrase as written in a rule, with where it was written.
public struct RuleTerm: Sendable, Hashable, CustomStringConvertible {
    /// The text to look for, without quotes.
    public var text: String
    /// Whether it was written in quotes (`"national congress"`); quoted and bare terms match alike,
    /// quotes only let a term contain spaces, operators or punctuation.
    public var isPhrase: Bool
    /// Where the term starts in the expression (its opening quote for phrases).
    public var position: RuleSourcePosition

    /// Creates a term.
    public init(text: String, isPhrase: Bool = false, position: RuleSourcePosition = .start) {
        self.text = text
        self.isPhrase = isPhrase
        self.position = position
    }

    /// The term as it would be written in an expression.
    public var description: String {
        isPhrase ? "\"\(text)\"" : text
    }
}
