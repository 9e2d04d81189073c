// matcher-bench: times TextNormalizer + TermAutomaton on a corpus of documents.
//
//   matcher-bench --text docs.txt --terms terms-1000.txt [--terms …] [--out DIR] [--repeat N]
//
// docs.txt holds one document a line; each terms file one term a line. For each term set
// it prints build time, normalise-only, match-only and normalise+match times, and the match
// count; with --out it writes the normalised documents and terms (one a line) so that another
// matcher can be run on exactly the same normalised input and must find the same count.
import Foundation
import YuqingCore

struct Options {
    var text = ""
    var terms: [String] = []
    var out: String?
    var repeats = 5
}

func parseArguments() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let argument = arguments.next() {
        switch argument {
        case "--text": options.text = arguments.next() ?? ""
        case "--terms": options.terms.append(arguments.next() ?? "")
        case "--out": options.out = arguments.next()
        case "--repeat": options.repeats = Int(arguments.next() ?? "") ?? 5
        default:
            FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
            exit(2)
        }
    }
    if options.text.isEmpty || options.terms.isEmpty {
        FileHandle.standardError.write(Data("usage: matcher-bench --text FILE --terms FILE… [--out DIR] [--repeat N]\n".utf8))
        exit(2)
    }
    return options
}

func lines(_ path: String) -> [String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(1)
    }
    return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}

/// Seconds taken by `body`, best and median of `repeats` runs.
func time(_ repeats: Int, _ body: () -> Void) -> (best: Double, median: Double) {
    var samples: [Double] = []
    for _ in 0..<repeats {
        let start = ContinuousClock.now
        body()
        let elapsed = ContinuousClock.now - start
        samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    samples.sort()
    return (samples[0], samples[samples.count / 2])
}

func render(_ scalars: [UInt32]) -> String {
    String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
}

let options = parseArguments()
let documents = lines(options.text)
let characterCount = documents.reduce(0) { $0 + $1.unicodeScalars.count }
let byteCount = documents.reduce(0) { $0 + $1.utf8.count }
let normalizer = TextNormalizer()

// Warm the shared tables before timing anything.
_ = normalizer.normalize("環境")
let tableTime = time(1) { _ = TextNormalizer(options: NormalizationOptions(traditionalToSimplified: false)).normalize("x") }

var normalized: [NormalizedText] = []
let normalizeTime = time(options.repeats) { normalized = documents.map(normalizer.normalize) }
let normalizedCount = normalized.reduce(0) { $0 + $1.scalars.count }
if let out = options.out {
    try! normalized.map(\.string).joined(separator: "\n").appending("\n")
        .write(toFile: "\(out)/text.normalized.txt", atomically: true, encoding: .utf8)
}

print("documents: \(documents.count), characters: \(characterCount), UTF-8 bytes: \(byteCount), normalised characters: \(normalizedCount)")
print("first-use table build (no T→S variant): \(String(format: "%.1f", tableTime.best * 1000)) ms")
print("normalise only: best \(String(format: "%.1f", normalizeTime.best * 1000)) ms, \(String(format: "%.1f", Double(characterCount) / normalizeTime.best / 1e6)) M chars/s")

var json: [String] = []
for path in options.terms {
    // Terms that normalise to the same scalars (a traditional and a simplified spelling in
    // jieba's dictionary) are kept once, so that a matcher without normalisation, given the
    // normalised terms, must report exactly the same count.
    var seen = Set<[UInt32]>()
    let rawTerms = lines(path)
    let terms = rawTerms.filter { seen.insert(normalizer.normalizeTerm($0)).inserted }
    if terms.count != rawTerms.count {
        print("\(path): \(rawTerms.count - terms.count) terms dropped as duplicates after normalisation")
    }
    var automaton: TermAutomaton?
    let buildTime = time(options.repeats) { automaton = TermAutomaton(patterns: terms, normalizer: normalizer) }
    let built = automaton!
    if let out = options.out {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        try! terms.map { render(normalizer.normalizeTerm($0)) }.joined(separator: "\n").appending("\n")
            .write(toFile: "\(out)/\(name).normalized.txt", atomically: true, encoding: .utf8)
    }
    var count = 0
    let matchTime = time(options.repeats) {
        count = 0
        for text in normalized { built.forEachMatch(in: text) { _ in count += 1 } }
    }
    var totalCount = 0
    let bothTime = time(options.repeats) {
        totalCount = 0
        for document in documents {
            built.forEachMatch(in: normalizer.normalize(document)) { _ in totalCount += 1 }
        }
    }
    precondition(count == totalCount)

    // The previous matcher (LegacyTermAutomaton.swift), on the same input in the same run.
    var legacy: LegacyTermAutomaton?
    let legacyBuildTime = time(options.repeats) { legacy = LegacyTermAutomaton(patterns: terms, normalizer: normalizer) }
    let legacyBuilt = legacy!
    var legacyCount = 0
    let legacyMatchTime = time(options.repeats) {
        legacyCount = 0
        for text in normalized { legacyBuilt.forEachMatch(in: text) { _ in legacyCount += 1 } }
    }
    let legacyBothTime = time(options.repeats) {
        legacyCount = 0
        for document in documents {
            legacyBuilt.forEachMatch(in: normalizer.normalize(document)) { _ in legacyCount += 1 }
        }
    }
    precondition(legacyCount == count, "previous matcher found \(legacyCount), new one \(count)")
    print("""
        terms \(terms.count): previous matcher build \(String(format: "%.1f", legacyBuildTime.best * 1000)) ms, \
        match only \(String(format: "%.1f", legacyMatchTime.best * 1000)) ms, \
        normalise+match \(String(format: "%.1f", legacyBothTime.best * 1000)) ms
        """)

    // The whole rule path the daemon runs per item: normalise, match, evaluate. The terms
    // are spread over 100 term-list rules (as 100 `Rules/*.txt` groups would be).
    let groups = stride(from: 0, to: terms.count, by: max(1, terms.count / 100)).map { start in
        Array(terms[start ..< min(terms.count, start + max(1, terms.count / 100))])
    }
    let ruleSet = RuleSet(rules: groups.enumerated().map { index, group in
        WatchRule(name: "group\(index)", group: "group\(index)",
                  expression: .any(group.map { .term(RuleTerm(text: $0)) }))
    })
    let compiled = CompiledRuleSet(ruleSet, normalizer: normalizer)
    var ruleMatches = 0
    let evaluateTime = time(options.repeats) {
        ruleMatches = 0
        for document in documents {
            ruleMatches += compiled.evaluate(MatchableItem(title: "", body: document)).count
        }
    }
    print("terms \(terms.count): normalise+match+evaluate over \(groups.count) rules \(String(format: "%.1f", evaluateTime.best * 1000)) ms, \(ruleMatches) rule matches")
    let throughput = Double(characterCount) / bothTime.best / 1e6
    print("""
        terms \(terms.count): states \(built.stateCount), build best \(String(format: "%.1f", buildTime.best * 1000)) ms \
        (median \(String(format: "%.1f", buildTime.median * 1000))), match only \(String(format: "%.1f", matchTime.best * 1000)) ms, \
        normalise+match \(String(format: "%.1f", bothTime.best * 1000)) ms (median \(String(format: "%.1f", bothTime.median * 1000))) \
        = \(String(format: "%.1f", throughput)) M chars/s, matches \(count)
        """)
    json.append("""
        {"name": "\(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)", "terms": \(terms.count), "states": \(built.stateCount), "cells": \(built.cellCount), "build_s": \(buildTime.best), "match_s": \(matchTime.best), \
        "normalize_match_s": \(bothTime.best), "legacy_build_s": \(legacyBuildTime.best), "legacy_match_s": \(legacyMatchTime.best), \
        "legacy_normalize_match_s": \(legacyBothTime.best), "evaluate_s": \(evaluateTime.best), "rule_matches": \(ruleMatches), "matches": \(count)}
        """)
}
if let out = options.out {
    try! """
        {"documents": \(documents.count), "characters": \(characterCount), "normalized_characters": \(normalizedCount), \
        "normalize_s": \(normalizeTime.best), "sets": [\(json.joined(separator: ", "))]}

        """.write(toFile: "\(out)/swift.json", atomically: true, encoding: .utf8)
}
