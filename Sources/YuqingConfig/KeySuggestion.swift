import YuqingCore
/// Finds the accepted word a misspelt one was probably meant to be ("did you mean …?").
enum KeySuggestion {
    /// The closest candidate to `word`, or nil when none is close enough to be a plausible typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let plain = normalized(word)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            // `User-Agent`, `userAgent` and `user_agent` differ only in spelling style: distance 0.
            let distance = min(
                ClosestWord.editDistance(Array(word.lowercased()), Array(candidate.lowercased())),
                ClosestWord.editDistance(Array(plain), Array(normalized(candidate)))
            )
            if distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        guard let best else { return nil }
        // Allow one edit for short words and two for longer ones, so `url` never suggests `tags`.
        let allowed = word.count <= 4 ? 1 : 2
        return best.distance <= allowed ? best.candidate : nil
    }

    private static func normalized(_ word: String) -> [Character] {
        Array(word.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
    }
}
