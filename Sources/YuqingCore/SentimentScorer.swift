// Design note — lexicon sentiment for Chinese without word segmentation
//
// Every lexicon entry (sentiment words, negations, degree adverbs, contrast words) goes
// into one `TermAutomaton`, so a text is scanned once however large the lexicon. Chinese has
// no spaces, so the automaton reports words hidden inside longer ones (好 in 好像, 不 in 不错);
// we keep the leftmost-longest non-overlapping hits, which is what a maximum-matching
// segmenter restricted to lexicon words would do, and lets a 0-weight "blocker" entry hide a
// misleading substring. Texts are normalised like watch terms (繁→简, full width, case) but
// separators are kept, because clause and sentence punctuation drives the scoring:
//
// * sentences split on 。！？!?；;… and line breaks; clauses on commas and colons;
// * negations and degree adverbs apply to the next sentiment word of the same clause when at
//   most `window` characters separate them (不是很满意); a negation *before* a degree adverb
//   flips and dampens (不太好 is mildly negative), after it it flips fully (很不好);
// * a contrast word (但是, 然而 …) weighs what follows by its weight and what precedes it by
//   `beforeContrastWeight` within the sentence;
// * learned terms (`learned.tsv`, weights fitted on labelled text by
//   Benchmarks/sentiment/train_learned.py) live in a second automaton and form a plain
//   linear model: every occurrence counts, overlapping ones included (好 and 很好 and 不好 all
//   fire in 不好), with no negation or degree modifiers, because the training fitted them
//   that way; the contrast rule does apply (before/after weights as for hand words), so a
//   learned 环境不错 before 但是 cannot outvote the complaint after it; their sum
//   × `learnedWeight` is added to each sentence's hand-rule score;
// * the text's raw score is Σ sentences (title × `titleWeight`), squashed by tanh to [-1, 1];
// * the label is asymmetric, because news is: a score at or below −`neutralThreshold` is negative,
//   but positive also needs `positiveDensity` raw score per character beyond the first
//   `positiveFreeCharacters`, so a long report dotted with 发展 and 积极 stays neutral while
//   a short 点赞 post is positive.
import Foundation

/// Scores the sentiment of Chinese text (title and body) with editable lexicons.
public struct SentimentScorer: Sendable {
    /// Tunable constants of the scoring rules.
    public struct Configuration: Sendable, Hashable {
        /// How much a title's score counts relative to the body.
        public var titleWeight: Double = 2
        /// Maximum characters between a modifier and the word it modifies.
        public var window: Int = 3
        /// Factor for a negation followed by a degree adverb (不太好: flip and dampen).
        public var negatedDegreeFactor: Double = -0.5
        /// Weight of the clauses before a contrast word in the same sentence.
        public var beforeContrastWeight: Double = 0.5
        /// Divisor inside tanh: raw score `scale` maps to ±0.76.
        public var scale: Double = 3
        /// A score at or below minus this is negative; positive needs at least this and
        /// `positiveDensity` (0.05 chosen on the review set's dev split; see BENCHMARKS.md).
        public var neutralThreshold: Double = 0.05
        /// Raw score per character beyond `positiveFreeCharacters` (title and body counted) a
        /// text needs to be labelled positive. News is full of praise words (发展, 积极, 圆满)
        /// that do not make it positive news, while any net complaint makes it negative. Both
        /// constants were chosen on the tuning splits of the news and the review sets together
        /// (BENCHMARKS.md, "Sentiment", session 7): texts up to 200 characters are untouched.
        public var positiveDensity: Double = 0.1
        /// Characters a text may have before `positiveDensity` applies.
        public var positiveFreeCharacters: Int = 200
        /// Multiplier for all negative words (reviews and news under-use them relative to praise).
        public var negativeBoost: Double = 1
        /// Factor for a sentence that ends in ！/! (exclamations are emphatic).
        public var exclamationFactor: Double = 1.2
        /// Multiplier for the sum of learned term weights (0 switches `learned.tsv` off).
        public var learnedWeight: Double = 1

        /// Creates a configuration with the defaults.
        public init() {}
    }

    /// What one automaton pattern is.
    private enum Kind: UInt8, Sendable {
        case sentiment, negation, degree, contrast
    }

    /// The configuration in use.
    public let configuration: Configuration
    private let normalizer: TextNormalizer
    private let automaton: TermAutomaton
    private let kinds: [Kind]
    private let weights: [Double]
    /// Learned terms: their own automaton (all overlapping hits count) and weights; nil when none.
    private let learnedAutomaton: TermAutomaton?
    private let learnedWeights: [Double]

    /// Normalisation for scoring: like watch terms, but punctuation stays (it delimits clauses).
    public static let normalizationOptions = NormalizationOptions(
        traditionalToSimplified: true, skipSeparatorsBetweenCJK: false, foldRepeatedCharacters: false)

    /// Builds the scorer (one automaton over all lexicon entries; a few ms for 20,000 words).
    public init(lexicon: SentimentLexicon, configuration: Configuration = Configuration()) {
        self.configuration = configuration
        let normalizer = TextNormalizer(options: Self.normalizationOptions)
        self.normalizer = normalizer
        // One entry per normalised form. Modifiers take precedence over sentiment words of the
        // same spelling; a word in both sentiment lists gets the sum of its signed weights.
        var index: [[UInt32]: Int] = [:]
        var patterns: [[UInt32]] = [], kinds: [Kind] = [], weights: [Double] = []
        func add(_ words: [String: Double], _ kind: Kind, sign: Double = 1) {
            for (word, weight) in words.sorted(by: { $0.key < $1.key }) {
                let key = normalizer.normalizeTerm(word)
                guard !key.isEmpty else { continue }
                if let existing = index[key] {
                    if kind == .sentiment, kinds[existing] == .sentiment { weights[existing] += sign * weight }
                    continue
                }
                index[key] = patterns.count
                patterns.append(key)
                kinds.append(kind)
                weights.append(sign * weight)
            }
        }
        add(lexicon.contrast, .contrast)
        add(lexicon.negation, .negation)
        add(lexicon.degree, .degree)
        add(lexicon.positive, .sentiment)
        add(lexicon.negative, .sentiment, sign: -configuration.negativeBoost)
        self.automaton = TermAutomaton(normalizedPatterns: patterns)
        self.kinds = kinds
        self.weights = weights
        // Learned terms that normalise alike (繁/简 spellings) add up.
        var learnedIndex: [[UInt32]: Int] = [:]
        var learnedPatterns: [[UInt32]] = [], learnedWeights: [Double] = []
        for (term, weight) in lexicon.learned.sorted(by: { $0.key < $1.key }) where weight != 0 {
            let key = normalizer.normalizeTerm(term)
            guard !key.isEmpty else { continue }
            if let existing = learnedIndex[key] {
                learnedWeights[existing] += weight
            } else {
                learnedIndex[key] = learnedPatterns.count
                learnedPatterns.append(key)
                learnedWeights.append(weight)
            }
        }
        let useLearned = !learnedPatterns.isEmpty && configuration.learnedWeight != 0
        self.learnedAutomaton = useLearned ? TermAutomaton(normalizedPatterns: learnedPatterns) : nil
        self.learnedWeights = learnedWeights.map { $0 * configuration.learnedWeight }
    }

    /// The sentiment of an item; the title counts `titleWeight` times as much as the body.
    public func score(title: String, body: String) -> Sentiment {
        let item = scan(title: title, body: body)
        return sentiment(fromRaw: item.raw, characters: item.characters)
    }

    /// The unsquashed score of an item: the title's `titleWeight` times plus the body's.
    public func rawScore(title: String, body: String) -> Double {
        scan(title: title, body: body).raw
    }

    /// The sentiment of one text.
    public func score(_ text: String) -> Sentiment {
        let text = scan(text)
        return sentiment(fromRaw: text.raw, characters: text.characters)
    }

    /// The unsquashed score of a text: the sum of its sentences' scores (0 when no evidence).
    public func rawScore(_ text: String) -> Double {
        scan(text).raw
    }

    /// The raw score of an item and its length in characters (title and body).
    private func scan(title: String, body: String) -> (raw: Double, characters: Int) {
        let title = scan(title), body = scan(body)
        return (title.raw * configuration.titleWeight + body.raw, title.characters + body.characters)
    }

    /// The raw score of a text and its length in characters.
    ///
    /// A sentence ends after a `Character` that is a sentence end. Walking every `Character` and
    /// appending it to the sentence cost more than scoring the text, so only the scalars that
    /// can start such a `Character` are looked at as one; the sentence is then cut from the text.
    private func scan(_ text: String) -> (raw: Double, characters: Int) {
        var total = 0.0
        let scalars = text.unicodeScalars
        var sentenceStart = text.startIndex
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let here = index
            scalars.formIndex(after: &index)
            guard Self.mayStartSentenceEnd(scalars[here]) else { continue }
            // Nil inside a grapheme (after a prepended scalar, or the LF of CR LF); a combining
            // mark after it makes a Character that is no longer a sentence end.
            guard let start = String.Index(here, within: text), Self.isSentenceEnd(text[start]) else { continue }
            let next = text.index(after: start)
            total += sentenceScore(String(text[sentenceStart ..< next]))
            sentenceStart = next
            index = next
        }
        if sentenceStart != text.endIndex { total += sentenceScore(String(text[sentenceStart...])) }
        return (total, text.count)
    }

    private func sentiment(fromRaw raw: Double, characters: Int) -> Sentiment {
        let score = tanh(raw / configuration.scale)
        if score <= -configuration.neutralThreshold { return Sentiment(label: .negative, score: score) }
        let positive = score >= configuration.neutralThreshold
            && raw >= configuration.positiveDensity * Double(max(characters - configuration.positiveFreeCharacters, 0))
        return Sentiment(label: positive ? .positive : .neutral, score: score)
    }

    private static func isSentenceEnd(_ character: Character) -> Bool {
        switch character {
        case "。", "！", "？", "!", "?", "；", ";", "\n", "\r\n", "…", "．": true
        default: false
        }
    }

    /// Whether `scalar` can be the first scalar of a `Character` that `isSentenceEnd` accepts:
    /// the ends themselves, CR (of CR LF) and U+037E, which Swift compares equal to ";".
    @inline(__always)
    private static func mayStartSentenceEnd(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0xFF1B, 0x3B, 0x0A, 0x0D, 0x2026, 0xFF0E, 0x37E: true
        default: false
        }
    }

    @inline(__always)
    private static func isClauseBreak(_ scalar: UInt32) -> Bool {
        // After normalisation full-width ，：、 are ASCII or stay as 、(U+3001).
        scalar == 0x2C || scalar == 0x3A || scalar == 0x3001 || scalar == 0x7E || scalar == 0x20
    }

    /// Scores one sentence (its terminator included): hand rules plus learned terms.
    private func sentenceScore(_ sentence: String) -> Double {
        let text = normalizer.normalize(sentence)
        guard !text.scalars.isEmpty else { return 0 }
        let hand = handScore(text)
        guard let learnedAutomaton else { return hand.score }
        // Learned terms follow the contrast rule too (环境不错，但是…: the praise counts less).
        var before = 0.0, after = 0.0
        let contrastStart = hand.contrastStart ?? Int.max
        learnedWeights.withUnsafeBufferPointer { weights in
            learnedAutomaton.forEachMatch(in: text) { hit in
                if hit.range.lowerBound >= contrastStart { after += weights[hit.pattern] } else { before += weights[hit.pattern] }
            }
        }
        let learned = hand.contrastStart == nil
            ? before : before * configuration.beforeContrastWeight + after * hand.afterWeight
        return hand.score + learned
    }

    /// The hand-rule score of one normalised sentence: lexicon words with negation, degree,
    /// contrast and exclamation.
    /// Also returns where the first contrast word starts and the weight of what follows it.
    private func handScore(_ text: NormalizedText) -> (score: Double, contrastStart: Int?, afterWeight: Double) {
        let scalars = text.scalars
        // Leftmost-longest non-overlapping hits. `forEachMatch` reports by end, longest first
        // among equal ends; gather and sort by start, longer first.
        var hits: [TermHit] = []
        automaton.forEachMatch(in: text) { hits.append($0) }
        guard !hits.isEmpty else { return (0, nil, 1) }
        hits.sort { $0.range.lowerBound != $1.range.lowerBound
            ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count }

        var before = 0.0, after = 0.0
        var afterWeight = 1.0
        var sawContrast = false
        var contrastStart: Int?
        // Pending modifiers of the next sentiment word and where the last one ended.
        var negation = 1.0, degree = 1.0, negationBeforeDegree = false, hasModifier = false, modifierEnd = -1
        var lastEnd = 0
        var scanned = 0  // scalars before this were checked for clause breaks
        var lastBreak = -1
        for hit in hits where hit.range.lowerBound >= lastEnd {
            let start = hit.range.lowerBound
            while scanned < start {
                if Self.isClauseBreak(scalars[scanned]) { lastBreak = scanned }
                scanned += 1
            }
            // A clause break or too long a gap ends the modifiers' scope.
            if hasModifier, lastBreak >= modifierEnd || start - modifierEnd > configuration.window {
                negation = 1; degree = 1; negationBeforeDegree = false; hasModifier = false
            }
            lastEnd = hit.range.upperBound
            scanned = max(scanned, lastEnd)
            let weight = weights[hit.pattern]
            switch kinds[hit.pattern] {
            case .negation:
                negation *= weight
                hasModifier = true
                modifierEnd = lastEnd
            case .degree:
                if negation < 0 { negationBeforeDegree = true }
                degree *= weight
                hasModifier = true
                modifierEnd = lastEnd
            case .contrast:
                sawContrast = true
                if contrastStart == nil { contrastStart = start }
                afterWeight = weight
                negation = 1; degree = 1; negationBeforeDegree = false; hasModifier = false
            case .sentiment:
                var value = weight
                if hasModifier {
                    // 不太好 flips and dampens; 很不好 flips and amplifies.
                    value *= negationBeforeDegree ? -configuration.negatedDegreeFactor * negation : negation * degree
                }
                if sawContrast { after += value } else { before += value }
                negation = 1; degree = 1; negationBeforeDegree = false; hasModifier = false
            }
        }
        var score = sawContrast ? before * configuration.beforeContrastWeight + after * afterWeight : before
        if let last = scalars.last, last == 0x21 { score *= configuration.exclamationFactor }
        return (score, contrastStart, afterWeight)
    }
}
