// extract-bench: runs ArticleExtractor over a directory of saved article pages.
//
//   extract-bench --pages DIR --out FILE.json [--repeat N] [--charset NAME]
//
// Reads every *.html under DIR (recursively), extracts each page once (or N times, for a
// steadier time), and writes one JSON object: {"<relative path>": {"text", "title",
// "published", "author", "seconds"}}. A page the extractor rejects gets an empty text and its
// error, so the scorer counts it as a miss. Single thread; time is wall time per page.
// `--charset` plays the HTTP header's charset; without it the extractor sniffs as it does for
// a response without one.
import Foundation
import YuqingCore
import YuqingExtract

var pagesDirectory: String?
var outPath: String?
var repeats = 1
var httpCharset: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--pages": pagesDirectory = arguments.next()
    case "--out": outPath = arguments.next()
    case "--repeat": repeats = max(1, Int(arguments.next() ?? "") ?? 1)
    case "--charset": httpCharset = arguments.next()
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
        exit(2)
    }
}
guard let pagesDirectory, let outPath else {
    FileHandle.standardError.write(Data("usage: extract-bench --pages DIR --out FILE.json [--repeat N] [--charset NAME]\n".utf8))
    exit(2)
}

let root = URL(fileURLWithPath: pagesDirectory).standardizedFileURL
var paths: [String] = []
if let walker = FileManager.default.enumerator(atPath: root.path) {
    for case let path as String in walker where path.hasSuffix(".html") { paths.append(path) }
}
paths.sort()

let extractor = ArticleExtractor()
var results: [String: [String: Any]] = [:]
var total = 0.0
for path in paths {
    guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { continue }
    // The pages are saved copies: give the extractor a plausible URL of their own.
    let url = URL(string: "http://127.0.0.1/\(path)")!
    var entry: [String: Any] = [:]
    let start = DispatchTime.now().uptimeNanoseconds
    var outcome: Result<Article, ExtractError>!
    for _ in 0..<repeats {
        do throws(ExtractError) {
            outcome = .success(try extractor.extract(data, url: url, httpCharset: httpCharset))
        } catch {
            outcome = .failure(error)
        }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(repeats)
    total += seconds
    switch outcome! {
    case .success(let article):
        entry["text"] = article.text
        entry["title"] = article.title
        entry["author"] = article.author ?? NSNull()
        entry["published"] = article.published.map { ISO8601DateFormatter().string(from: $0) } ?? NSNull()
    case .failure(let error):
        entry["text"] = ""
        entry["error"] = "\(error)"
    }
    entry["seconds"] = seconds
    results[path] = entry
}
let json = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys, .prettyPrinted])
try json.write(to: URL(fileURLWithPath: outPath))
print("extract-bench: \(results.count) pages, \(String(format: "%.2f", total * 1000 / Double(max(1, results.count)))) ms/page")
