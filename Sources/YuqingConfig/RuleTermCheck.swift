import YuqingCore

/// Checks of terms and exclusions that need the normaliser: a term of only punctuation matches
/// nothing, and an exclusion that shares no character with any term can never cancel a hit.
enum RuleTermCheck {
    /// The normaliser the checks use; the same options the service compiles rules with.
    static let normalizer = TextNormalizer()

    /// Terms that normalise to nothing, with the message to report at each.
    static func emptyTerms(_ terms: [RuleTerm]) -> [(term: RuleTerm, message: String)] {
        terms.filter { normalizer.normalizeTerm($0.text).isEmpty }.map { term in
            (term, "term '\(term.text)' has nothing left to match once invisible characters and spaces are removed; "
                + "write letters or characters, or delete it")
        }
    }

    /// Problems with exclusions, one message each.
    static func exclusionProblems(_ exclusions: [String], terms: [RuleTerm]) -> [String] {
        let termScalars = Set(terms.flatMap { normalizer.normalizeTerm($0.text) })
        return exclusions.compactMap { exclusion in
            let scalars = normalizer.normalizeTerm(exclusion)
            if scalars.isEmpty {
                return "exclusion '\(exclusion)' has nothing left to match once invisible characters and spaces are removed; "
                    + "write letters or characters, or delete it"
            }
            if termScalars.isDisjoint(with: scalars) {
                return "exclusion '\(exclusion)' shares no character with any term, so it can never cancel a hit; "
                    + "an exclusion is the longer word a hit sits in, e.g. 大麻烦 for the term 大麻"
            }
            return nil
        }
    }
}
