/// One occurrence of a rule's term in an item, for highlighting it in alerts.
public struct MatchedTerm: Sendable, Hashable {
    /// The term as written in the rule (`环境污染`), which may differ from the text (`環境汙染`).
    public var term: String
    /// The field it was found in.
    public var field: ItemField
    /// Where it is in that field's original text.
    public var range: Range<String.Index>
    /// The original text at `range`, as the item wrote it.
    public var text: String

    /// Creates a matched term.
    public init(term: String, field: ItemField, range: Range<String.Index>, text: String) {
        self.term = term
        self.field = field
        self.range = range
        self.text = text
    }
}
