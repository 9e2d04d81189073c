/// Finds the accepted word a misspelt one was probably meant to be ("did you mean …?").
enum KeySuggestion {
    /// The closest candidate to `word`, or nil when none is close enough to be a plausible typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let plain = normalized(word)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            // `User-Agent`, `userAgent` and `user_agent` differ only in spelling style: distance 0.
            let distance = min(
                editDistance(Array(word.lowercased()), Array(candidate.lowercased())),
                editDistance(Array(plain), Array(normalized(candidate)))
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

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, table[i - 2][j - 2] + 1)
                }
                table[i][j] = value
            }
        }
        return table[a.count][b.count]
    }
}
