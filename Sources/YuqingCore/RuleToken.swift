/// One token of a rule expression, as `RuleLexer` reads it.
struct RuleToken: Sendable, Hashable {
    /// What the token is.
    enum Kind: Sendable, Hashable {
        /// A bare term: a run of characters up to a space or punctuation that means something.
        case word(String)
        /// A quoted phrase, without its quotes.
        case phrase(String)
        /// `title:` and friends; the name without the colon, as written.
        case field(String)
        /// `AND`, `+`.
        case and
        /// `OR`, `|`.
        case or
        /// `NOT`, `-` at the start of a term.
        case not
        /// `NEAR/10`.
        case near(Int)
        /// `ATLEAST(` or `WEIGHT(` (the parenthesis is the next token); the name in capitals.
        case function(String)
        /// `(`.
        case leftParenthesis
        /// `)`.
        case rightParenthesis
        /// `,` (also `，` and `、`).
        case comma
        /// `>=` (also `≥`).
        case atLeastSign
        /// `=` (also `＝`), which gives a weight inside `WEIGHT(…)`: `爆炸=3`.
        case equals
        /// The end of the expression.
        case end
    }

    /// What the token is.
    var kind: Kind
    /// Where it starts.
    var position: RuleSourcePosition
    /// The text as written, for messages.
    var text: String

    /// How the token is named in "expected …, found …" messages.
    var quoted: String {
        kind == .end ? "the end of the expression" : "'\(text)'"
    }
}
