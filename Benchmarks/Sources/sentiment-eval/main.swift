// sentiment-eval: scores labelled texts with SentimentScorer and prints one score a line.
//
//   sentiment-eval --lexicon Rules/sentiment --input test.tsv [--out scores.txt]
//                  [--no-learned] [--raw] [--neutral-threshold T] [--titled]
//
// The input holds `label<TAB>text` lines (label ignored here: metrics are computed by
// Benchmarks/sentiment/metrics.py, the same code for every system). Output lines are
// `label<TAB>score`; with --raw, `label<TAB>score<TAB>raw` (the unsquashed score, which
// train_learned.py reads as the hand rules' feature). --no-learned ignores learned.tsv.
// --titled reads `label<TAB>title<TAB>body` lines (body line breaks written as `\n`) and scores
// them as the daemon scores an item, `score(title:body:)`.
// Prints the scoring time.
import Foundation
import YuqingCore

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

var lexiconDirectory = "", input = "", output: String?
var useLearned = true, printRaw = false, titled = false
var configuration = SentimentScorer.Configuration()
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--lexicon": lexiconDirectory = arguments.next() ?? ""
    case "--input": input = arguments.next() ?? ""
    case "--out": output = arguments.next()
    case "--no-learned": useLearned = false
    case "--raw": printRaw = true
    case "--titled": titled = true
    case "--neutral-threshold":
        guard let value = arguments.next().flatMap(Double.init) else { fail("--neutral-threshold needs a number") }
        configuration.neutralThreshold = value
    default: fail("unknown argument \(argument)")
    }
}
if lexiconDirectory.isEmpty || input.isEmpty { fail("usage: sentiment-eval --lexicon DIR --input FILE [--out FILE]") }

func read(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return String(decoding: data, as: UTF8.self)
}

let lexicon: SentimentLexicon
do {
    func optional(_ name: String) -> String? {
        let path = lexiconDirectory + "/" + name
        return FileManager.default.fileExists(atPath: path) ? read(path) : nil
    }
    lexicon = try SentimentLexicon.parse(
        positive: read(lexiconDirectory + "/positive.txt"), negative: read(lexiconDirectory + "/negative.txt"),
        negation: read(lexiconDirectory + "/negation.txt"), degree: read(lexiconDirectory + "/degree.txt"),
        contrast: optional("contrast.txt"), learned: useLearned ? optional("learned.tsv") : nil)
} catch {
    fail("lexicon: \(error)")
}
let clock = ContinuousClock()
let buildStart = clock.now
let scorer = SentimentScorer(lexicon: lexicon, configuration: configuration)
let buildTime = clock.now - buildStart
/// One text to score: a title and a body (`--titled`), or a body alone.
struct Sample {
    var title: String
    var body: String
}
let samples = read(input).split(separator: "\n").map { line -> Sample in
    let columns = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    guard columns.count > 1 else { return Sample(title: "", body: String(line)) }
    if titled, columns.count == 3 {
        return Sample(title: columns[1], body: columns[2].replacingOccurrences(of: "\\n", with: "\n"))
    }
    return Sample(title: "", body: columns.dropFirst().joined(separator: "\t"))
}
let start = clock.now
var lines: [String] = []
lines.reserveCapacity(samples.count)
var characters = 0
for sample in samples {
    characters += sample.title.count + sample.body.count
    let sentiment = titled ? scorer.score(title: sample.title, body: sample.body) : scorer.score(sample.body)
    guard printRaw else {
        lines.append("\(sentiment.label.rawValue)\t\(sentiment.score)")
        continue
    }
    let raw = titled ? scorer.rawScore(title: sample.title, body: sample.body) : scorer.rawScore(sample.body)
    lines.append("\(sentiment.label.rawValue)\t\(sentiment.score)\t\(raw)")
}
let elapsed = clock.now - start
let body = lines.joined(separator: "\n") + "\n"
if let output {
    FileManager.default.createFile(atPath: output, contents: Data(body.utf8))
} else {
    print(body, terminator: "")
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
FileHandle.standardError.write(Data(
    "sentiment-eval: \(lexicon.positive.count) positive, \(lexicon.negative.count) negative words, \(lexicon.learned.count) learned terms; build \(buildTime); \(samples.count) texts, \(characters) chars in \(String(format: "%.3f", seconds)) s (\(String(format: "%.0f", Double(samples.count) / seconds)) texts/s)\n".utf8))
