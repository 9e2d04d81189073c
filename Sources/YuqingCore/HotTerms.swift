// Design note — hot terms without a dictionary
//
// The terms that matter in 舆情 are often names no dictionary has (鑫盛财富, a village, an
// incident nickname), and ICU's Chinese word breaks split even common domain words (see
// PLATFORM-NOTES), so segmentation is not an option. Instead, new-word discovery by n-gram
// statistics, the classic method (Matrix67's "互联网时代的社会语言学"; also what jieba/HanLP's
// new-word finders do):
//
// 1. Normalise each document and cut it into runs of CJK characters (punctuation, Latin and
//    digits end a run). Count every 1–(maxLength+1)-gram of the current period, and in how
//    many documents each occurs.
// 2. A candidate (2…maxLength characters, count ≥ minCount, in ≥ minDocuments documents) is a
//    word if it is *cohesive* — min over split points of PMI = log(p(w) / (p(a)·p(b))) is at
//    least minCohesion (鑫盛 + 财富 occur together far more than chance) — and *free* — the
//    entropy of the characters to its left and to its right are both at least minEntropy
//    (a fragment like 鑫盛财 is always followed by 富: right entropy 0; a run boundary counts
//    as a distinct neighbour each time).
// 3. Rise: log2((c + 1) / (c' · N/N' + 1)) · log2(1 + df), where c, c' are the counts in the
//    current and previous period and N, N' their sizes in characters: a smoothed log ratio of
//    relative frequencies (+1 keeps brand-new terms finite and damps rare ones), weighted by
//    document frequency so one long repetitive post cannot make a term "hot". Previous-period
//    counts come from one `TermAutomaton` pass over the previous documents for the candidates
//    only, so the previous period is never n-gram-counted.
// Stop words (an editable list: 我们, 记者, 表示 …) are dropped, as are candidates that begin
// or end with a single-character function word (的, 了, 是 …).
import Foundation

/// Finds terms that rise in one period of documents against the previous period.
public struct HotTerms: Sendable {
    /// Thresholds.
    public struct Configuration: Sendable, Hashable {
        /// Shortest term.
        public var minLength = 2
        /// Longest term.
        public var maxLength = 6
        /// Minimum occurrences in the current period.
        public var minCount = 3
        /// Minimum documents in the current period.
        public var minDocuments = 2
        /// Minimum PMI (natural log) at the weakest split point.
        public var minCohesion = 1.0
        /// Minimum left and right neighbour entropy (natural log).
        public var minEntropy = 0.5
        /// How many terms to return.
        public var limit = 50

        /// Creates a configuration with the defaults.
        public init() {}
    }

    /// The configuration in use.
    public let configuration: Configuration
    private let stopwords: Set<[UInt32]>
    private let normalizer = TextNormalizer(options: SentimentScorer.normalizationOptions)
    /// Characters that rarely begin or end a name.
    private static let edgeCharacters: Set<UInt32> = Set("的了是在和与及或也就都而着过吗呢吧啊这那一有为以对将把被从".unicodeScalars.map(\.value))

    /// Creates a ranker with stop words (one a line, `#` comments; see `parseStopwords`).
    public init(stopwords: Set<String> = [], configuration: Configuration = Configuration()) {
        self.configuration = configuration
        let normalizer = TextNormalizer(options: SentimentScorer.normalizationOptions)
        self.stopwords = Set(stopwords.map { normalizer.normalizeTerm($0) })
    }

    /// Reads a stop-word list: one word a line, `#` comments, blank lines skipped.
    public static func parseStopwords(_ text: String) -> Set<String> {
        var result = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let word = line.trimmingCharacters(in: .whitespaces)
            if !word.isEmpty, !word.hasPrefix("#") { result.insert(word) }
        }
        return result
    }

    /// The terms of `current` that rise most against `previous`, best first.
    public func rank(current: [String], previous: [String]) -> [HotTerm] {
        let maxN = configuration.maxLength + 1
        var counts: [[UInt32]: Int] = [:]
        var documentCounts: [[UInt32]: Int] = [:]
        var runs: [[UInt32]] = []
        var documentOfRun: [Int] = []
        var totalCharacters = 0
        for (documentIndex, document) in current.enumerated() {
            var seen = Set<[UInt32]>()
            for run in Self.cjkRuns(normalizer.normalize(document).scalars) {
                runs.append(run)
                documentOfRun.append(documentIndex)
                totalCharacters += run.count
                for start in run.indices {
                    for length in 1...min(maxN, run.count - start) {
                        let gram = Array(run[start..<start + length])
                        counts[gram, default: 0] += 1
                        if length >= configuration.minLength, length <= configuration.maxLength, seen.insert(gram).inserted {
                            documentCounts[gram, default: 0] += 1
                        }
                    }
                }
            }
        }
        guard totalCharacters > 0 else { return [] }
        let total = Double(totalCharacters)
        func probability(_ gram: ArraySlice<UInt32>) -> Double { Double(counts[Array(gram)] ?? 0) / total }

        // Candidates: frequent, in enough documents, cohesive.
        var candidates: [[UInt32]] = []
        for (gram, count) in counts where gram.count >= configuration.minLength && gram.count <= configuration.maxLength {
            guard count >= configuration.minCount, (documentCounts[gram] ?? 0) >= configuration.minDocuments else { continue }
            guard !stopwords.contains(gram), !Self.edgeCharacters.contains(gram[0]),
                  !Self.edgeCharacters.contains(gram[gram.count - 1]) else { continue }
            let p = Double(count) / total
            var cohesion = Double.infinity
            for split in 1..<gram.count {
                cohesion = min(cohesion, log(p / (probability(gram[..<split]) * probability(gram[split...]))))
            }
            if cohesion >= configuration.minCohesion { candidates.append(gram) }
        }
        guard !candidates.isEmpty else { return [] }

        // Boundary entropy of the candidates, from one automaton pass over the current runs.
        let automaton = TermAutomaton(normalizedPatterns: candidates)
        var left = [[UInt32: Int]](repeating: [:], count: candidates.count)
        var right = [[UInt32: Int]](repeating: [:], count: candidates.count)
        var boundaryLeft = [Int](repeating: 0, count: candidates.count)
        var boundaryRight = [Int](repeating: 0, count: candidates.count)
        for run in runs {
            let text = NormalizedText(original: "", scalars: run, sourceStarts: [], sourceEnds: [])
            automaton.forEachMatch(in: text) { hit in
                if hit.range.lowerBound > 0 { left[hit.pattern][run[hit.range.lowerBound - 1], default: 0] += 1 } else { boundaryLeft[hit.pattern] += 1 }
                if hit.range.upperBound < run.count { right[hit.pattern][run[hit.range.upperBound], default: 0] += 1 } else { boundaryRight[hit.pattern] += 1 }
            }
        }
        // Previous-period counts of the candidates.
        var previousCounts = [Int](repeating: 0, count: candidates.count)
        var previousCharacters = 0
        for document in previous {
            for run in Self.cjkRuns(normalizer.normalize(document).scalars) {
                previousCharacters += run.count
                automaton.forEachMatch(in: NormalizedText(original: "", scalars: run, sourceStarts: [], sourceEnds: [])) { previousCounts[$0.pattern] += 1 }
            }
        }
        let sizeRatio = previousCharacters > 0 ? total / Double(previousCharacters) : 1

        var result: [HotTerm] = []
        for (index, gram) in candidates.enumerated() {
            let entropy = min(Self.entropy(left[index], boundaries: boundaryLeft[index]),
                              Self.entropy(right[index], boundaries: boundaryRight[index]))
            guard entropy >= configuration.minEntropy else { continue }
            let count = counts[gram] ?? 0
            let documents = documentCounts[gram] ?? 0
            let rise = log2((Double(count) + 1) / (Double(previousCounts[index]) * sizeRatio + 1))
            guard rise > 0 else { continue }
            var view = String.UnicodeScalarView()
            for value in gram { if let scalar = Unicode.Scalar(value) { view.append(scalar) } }
            result.append(HotTerm(term: String(view), count: count, previousCount: previousCounts[index],
                                  documentFrequency: documents, score: rise * log2(1 + Double(documents))))
        }
        result.sort { ($0.score, $1.term) > ($1.score, $0.term) }
        return Array(result.prefix(configuration.limit))
    }

    /// Entropy of a neighbour distribution; each boundary counts as its own distinct neighbour.
    private static func entropy(_ neighbours: [UInt32: Int], boundaries: Int) -> Double {
        let total = Double(neighbours.values.reduce(0, +) + boundaries)
        guard total > 0 else { return 0 }
        var h = 0.0
        for count in neighbours.values {
            let p = Double(count) / total
            h -= p * log(p)
        }
        if boundaries > 0 {
            let p = 1 / total
            h -= Double(boundaries) * p * log(p)
        }
        return h
    }

    /// Maximal runs of CJK ideographs.
    static func cjkRuns(_ scalars: [UInt32]) -> [[UInt32]] {
        var runs: [[UInt32]] = []
        var current: [UInt32] = []
        for scalar in scalars {
            if (0x4E00...0x9FFF).contains(scalar) || (0x3400...0x4DBF).contains(scalar) || (0x20000...0x2FFFF).contains(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
