/// The normalised text of each field of one item and where every pattern occurs in it: the one
/// scan per field that all rules then share.
struct ItemHits {
    /// The fields, in the order of `ItemField.allCases`.
    static let fields = ItemField.allCases

    /// Normalised text per field.
    let texts: [NormalizedText]
    /// Per field: pattern → its occurrences, in order of their end.
    let hits: [[Int: [Range<Int>]]]

    /// Normalises and scans every field of `item`.
    init(_ item: MatchableItem, normalizer: TextNormalizer, automaton: TermAutomaton) {
        var texts: [NormalizedText] = []
        var hits: [[Int: [Range<Int>]]] = []
        for field in Self.fields {
            let text = normalizer.normalize(item.text(of: field))
            var byPattern: [Int: [Range<Int>]] = [:]
            automaton.forEachMatch(in: text) { hit in
                byPattern[hit.pattern, default: []].append(hit.range)
            }
            texts.append(text)
            hits.append(byPattern)
        }
        self.texts = texts
        self.hits = hits
    }

    /// The index of a field in `texts` and `hits`.
    static func index(of field: ItemField) -> Int {
        fields.firstIndex(of: field) ?? 0
    }
}
