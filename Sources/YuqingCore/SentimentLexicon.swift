/// The word lists the sentiment scorer uses, as users edit them in `Rules/sentiment/`.
///
/// File format (all six files): UTF-8, one entry a line, `word` or `word<TAB>weight`;
/// `#` starts a comment line; blank lines are skipped. A word without a weight gets the
/// file's default weight (`learned.tsv` has none: there the weight is required). Meaning of
/// the weight by file:
/// - `positive.txt`, `negative.txt`: strength of the word (> 0; default 1). A weight of 0 is
///   allowed and makes the word a *blocker*: it matches (longest match wins) and so hides
///   shorter sentiment words inside it (好像 hides 好) without adding anything.
/// - `negation.txt`: factor applied to the sentiment word that follows (default -1: a flip;
///   -0.5 flips and dampens).
/// - `degree.txt`: factor for the following sentiment word (非常 1.8, 有点 0.6).
/// - `contrast.txt`: weight of the clause after the word relative to the one before (但是 …).
/// - `learned.tsv`: signed weights learned from labelled text (words and character n-grams,
///   negative below zero). Unlike the hand lists they are a plain linear model: every
///   occurrence counts, overlapping ones included, with no negation, degree or contrast
///   applied (bigrams such as 不好 carry their own sign); the sum is added to the hand score.
public struct SentimentLexicon: Sendable, Hashable {
    /// Positive words and their strength.
    public var positive: [String: Double]
    /// Negative words and their strength (positive numbers; the sign comes from the list).
    public var negative: [String: Double]
    /// Negation words and the factor they apply.
    public var negation: [String: Double]
    /// Degree adverbs and the factor they apply.
    public var degree: [String: Double]
    /// Contrast conjunctions and the weight of the clause that follows them.
    public var contrast: [String: Double]
    /// Learned terms (words, character n-grams) and their signed weights; empty without `learned.tsv`.
    public var learned: [String: Double]

    /// Creates a lexicon from word lists.
    public init(
        positive: [String: Double], negative: [String: Double], negation: [String: Double] = Self.defaultNegation,
        degree: [String: Double] = Self.defaultDegree, contrast: [String: Double] = Self.defaultContrast,
        learned: [String: Double] = [:]
    ) {
        self.positive = positive
        self.negative = negative
        self.negation = negation
        self.degree = degree
        self.contrast = contrast
        self.learned = learned
    }

    /// Parses the texts of the lexicon files; a nil `negation`, `degree` or `contrast` means
    /// the built-in list, a nil `learned` no learned weights. Errors name the file
    /// (`positive.txt` …) and the 1-based line.
    public static func parse(
        positive: String, negative: String, negation: String? = nil, degree: String? = nil, contrast: String? = nil,
        learned: String? = nil
    ) throws(SentimentLexiconError) -> SentimentLexicon {
        SentimentLexicon(
            positive: try parseList(positive, file: "positive.txt", defaultWeight: 1, allowZero: true, oppositeFile: "negative.txt"),
            negative: try parseList(negative, file: "negative.txt", defaultWeight: 1, allowZero: true, oppositeFile: "positive.txt"),
            negation: try negation.map { text throws(SentimentLexiconError) in
                try parseList(text, file: "negation.txt", defaultWeight: -1, allowZero: false)
            } ?? defaultNegation,
            degree: try degree.map { text throws(SentimentLexiconError) in
                try parseList(text, file: "degree.txt", defaultWeight: 1.5, allowZero: false, factorsOnly: true)
            } ?? defaultDegree,
            contrast: try contrast.map { text throws(SentimentLexiconError) in
                try parseList(text, file: "contrast.txt", defaultWeight: 1.5, allowZero: false, factorsOnly: true)
            } ?? defaultContrast,
            learned: try learned.map { text throws(SentimentLexiconError) in try parseLearned(text) } ?? [:]
        )
    }

    /// Parses `learned.tsv`: `term<TAB>weight` lines, the weight signed and required.
    public static func parseLearned(_ text: String, file: String = "learned.tsv") throws(SentimentLexiconError) -> [String: Double] {
        try parseList(text, file: file, defaultWeight: 0, allowZero: true, requireWeight: true)
    }

    /// Parses one `word<TAB>weight` list. A duplicate word is an error (two weights for one
    /// word is almost always an editing mistake); so are empty words, extra fields, weights
    /// that are not finite numbers, a weight separated by spaces instead of a tab (the whole
    /// line would silently become one word) and, with `requireWeight`, a word without a weight.
    /// With `oppositeFile` (the word lists, whose file gives the sign) a negative weight is an
    /// error that tells the user to move the word to `oppositeFile`. With `factorsOnly` (degree
    /// and contrast factors) a negative weight is an error too: it would flip the sentiment
    /// it scales, which is what `negation.txt` is for.
    public static func parseList(
        _ text: String, file: String, defaultWeight: Double, allowZero: Bool = true, requireWeight: Bool = false,
        oppositeFile: String? = nil, factorsOnly: Bool = false
    ) throws(SentimentLexiconError) -> [String: Double] {
        var result: [String: Double] = [:]
        var firstLine: [String: Int] = [:]
        var lineNumber = 0
        // Split on line breaks as editors count them; "\r\n" is one Character in Swift, so
        // splitting on "\n" alone would glue CRLF lines together.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            if fields.count == 1, case let (word, weight)? = spaceSeparatedWeight(trimmed) {
                throw SentimentLexiconError(
                    file: file, line: lineNumber,
                    message: "`\(trimmed)` separates the word and its weight with a space, so the whole line would be read as one word; "
                        + "put a tab between them: `\(word)<TAB>\(weight)` (editors that turn tabs into spaces break these files)")
            }
            let word = String(fields[0])
            guard !word.isEmpty else {
                throw SentimentLexiconError(file: file, line: lineNumber, message: "empty word before the tab; write the word first, then a tab and its weight, or delete the line")
            }
            guard fields.count <= 2 else {
                throw SentimentLexiconError(
                    file: file, line: lineNumber,
                    message: "expected `word<TAB>weight`, found \(fields.count) tab-separated fields; keep one tab between the word and its weight")
            }
            var weight = defaultWeight
            if requireWeight, fields.count < 2 {
                throw SentimentLexiconError(
                    file: file, line: lineNumber, message: "`\(word)` has no weight; write `\(word)<TAB>weight` (e.g. 0.5 or -0.5)")
            }
            if fields.count == 2 {
                guard let value = Double(fields[1]), value.isFinite else {
                    throw SentimentLexiconError(
                        file: file, line: lineNumber, message: "weight `\(fields[1])` of `\(word)` is not a number; write a number such as 2 or 0.5 after the tab")
                }
                guard allowZero || value != 0 else {
                    throw SentimentLexiconError(file: file, line: lineNumber, message: "weight of `\(word)` must not be 0 in this file (it would erase the word it applies to); use another number or drop the weight")
                }
                if let oppositeFile, value < 0 {
                    let strength = Self.formatted(-value)
                    throw SentimentLexiconError(
                        file: file, line: lineNumber,
                        message: "weight of `\(word)` is negative (\(fields[1])); in \(file) the file gives the sign and the weight is a strength (0 or more): "
                            + "move the word to \(oppositeFile) as `\(word)<TAB>\(strength)`, or drop the minus sign")
                }
                if factorsOnly, value < 0 {
                    throw SentimentLexiconError(
                        file: file, line: lineNumber,
                        message: "weight of `\(word)` is negative (\(fields[1])); in \(file) the weight is a factor above 0 (2 doubles, 0.5 halves) "
                            + "and a negative one would flip the sentiment: put a word that flips in negation.txt, or drop the minus sign")
                }
                weight = value
            }
            if let earlier = firstLine[word] {
                throw SentimentLexiconError(
                    file: file, line: lineNumber, message: "`\(word)` is listed twice (first on line \(earlier)); keep one line")
            }
            firstLine[word] = lineNumber
            result[word] = weight
        }
        return result
    }

    /// The word and weight of a line such as `满意 1.5` (spaces, no tab, the last field a
    /// number); nil when the last field is not a number, since a phrase with a space
    /// (`well done`) is a legitimate word.
    private static func spaceSeparatedWeight(_ line: Substring) -> (Substring, Substring)? {
        guard let gap = line.lastIndex(where: { $0 == " " || $0 == "\u{3000}" }) else { return nil }
        let weight = line[line.index(after: gap)...]
        var word = line[..<gap]
        while let last = word.last, last == " " || last == "\u{3000}" { word = word.dropLast() }
        guard !word.isEmpty, !weight.isEmpty, let value = Double(weight), value.isFinite else { return nil }
        return (word, weight)
    }

    /// `2` rather than `2.0`, `1.5` as is: how users write weights.
    private static func formatted(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Negation words used when no `negation.txt` is given.
    public static let defaultNegation: [String: Double] = [
        "不": -1, "没": -1, "没有": -1, "未": -1, "并非": -1, "不是": -1, "无": -1, "别": -1, "非": -1,
        "莫": -1, "勿": -1, "毫无": -1, "并不": -1, "并没有": -1, "从不": -1, "从未": -1, "尚未": -1,
        "绝不": -1, "不会": -1, "不能": -1, "不要": -1, "不够": -0.8,
    ]

    /// Degree adverbs used when no `degree.txt` is given.
    public static let defaultDegree: [String: Double] = [
        "极其": 2, "极": 2, "最": 2, "非常": 1.8, "十分": 1.8, "特别": 1.8, "太": 1.8, "超": 1.6, "很": 1.5,
        "相当": 1.5, "更": 1.4, "更加": 1.5, "挺": 1.3, "比较": 1.2, "较": 1.2, "稍微": 0.6, "有点": 0.6,
        "有些": 0.6, "略": 0.6, "稍": 0.6,
    ]

    /// Contrast conjunctions: the clause after them counts this much, the one before less.
    public static let defaultContrast: [String: Double] = [
        "但是": 1.5, "但": 1.5, "然而": 1.5, "可是": 1.5, "不过": 1.5, "只是": 1.3, "却": 1.3,
    ]
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\u{3000}" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" || last == "\u{3000}" { result = result.dropLast() }
        return result
    }
}
