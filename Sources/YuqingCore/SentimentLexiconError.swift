/// A line of a sentiment lexicon file that could not be read; carries the file and line so
/// the daemon can report `positive.txt:12: …` and keep the previous lexicon in force.
public struct SentimentLexiconError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name as the caller gave it (e.g. `negative.txt`).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// What is wrong, in English.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { "\(file):\(line): \(message)" }
}
