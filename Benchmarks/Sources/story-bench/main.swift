// story-bench: clustering speed of StoryClusterer on synthetic reprints, single thread.
//
//   story-bench [--stories N] [--copies K]
//   story-bench --memory N [--legacy] [--limit BYTES]
//                                    # memory: N distinct short stories (farm-like), bytes per story,
//                                    # for the compact clusterer (or the legacy one)
//
// Makes N distinct ~600-character "articles" from a fixed pool of common characters (seeded),
// then K reprints of each with small edits (site suffix on the headline, a sentence dropped
// or added, punctuation changed), shuffled over one week. Prints items/s (normalise +
// fingerprint + index + compare) and how many stories the clusterer found, for the compact
// clusterer and the legacy one (LegacyStoryClusterer.swift), and whether both group the items alike.
import Foundation
import YuqingCore

var stories = 2000, copies = 5, memoryStories = 0, legacyOnly = false
var memoryLimit: Int?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--stories": stories = Int(arguments.next() ?? "") ?? stories
    case "--copies": copies = Int(arguments.next() ?? "") ?? copies
    case "--memory": memoryStories = Int(arguments.next() ?? "") ?? 200_000
    case "--legacy": legacyOnly = true
    case "--limit": memoryLimit = Int(arguments.next() ?? "")
    default: print("unknown argument \(argument)"); exit(2)
    }
}
let pool = Array("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车")
var rng = SplitMix64(seed: 20261123)
if memoryStories > 0 { measureMemory(memoryStories, legacy: legacyOnly, limit: memoryLimit); exit(0) }
@MainActor func sentence() -> String {
    let length = Int.random(in: 12...30, using: &rng)
    return String((0..<length).map { _ in pool.randomElement(using: &rng)! }) + "。"
}
var items: [StoryItem] = []
let suffixes = ["_新浪新闻", " - 网易", "|凤凰网", "_澎湃新闻", "——人民网", ""]
let base = Date(timeIntervalSince1970: 1_800_000_000)
for story in 0..<stories {
    let title = String((0..<16).map { _ in pool.randomElement(using: &rng)! })
    let sentences = (0..<28).map { _ in sentence() }
    for copy in 0..<copies {
        var body = sentences
        if copy % 3 == 1 { body.remove(at: Int.random(in: 0..<body.count, using: &rng)) }
        if copy % 3 == 2 { body.append(sentence()) }
        var text = body.joined()
        if copy % 2 == 1 { text = text.replacingOccurrences(of: "。", with: "；") }
        items.append(StoryItem(id: "\(story)-\(copy)", source: "site\(copy)", title: title + suffixes[copy % suffixes.count],
                               body: text, date: base.addingTimeInterval(Double.random(in: 0..<(7 * 86400), using: &rng))))
    }
}
items.sort { $0.date < $1.date }
let characters = items.reduce(0) { $0 + $1.body.count }
let clock = ContinuousClock()
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Runs one implementation over the items: item id → story id, the time, and the live story count.
@MainActor func run(_ add: (StoryItem) -> Int, count: () -> Int) -> (storyOf: [String: Int], seconds: Double, stories: Int) {
    var storyOf: [String: Int] = [:]
    storyOf.reserveCapacity(items.count)
    let elapsed = clock.measure { for item in items { storyOf[item.id] = add(item) } }
    return (storyOf, seconds(elapsed), count())
}

@MainActor func report(_ name: String, _ result: (storyOf: [String: Int], seconds: Double, stories: Int)) {
    // Purity: an original story split over several clusters, or clusters merging stories.
    var clustersPerStory: [Int: Set<Int>] = [:], storiesPerCluster: [Int: Set<Int>] = [:]
    for item in items {
        let story = Int(item.id.split(separator: "-")[0])!
        clustersPerStory[story, default: []].insert(result.storyOf[item.id]!)
        storiesPerCluster[result.storyOf[item.id]!, default: []].insert(story)
    }
    let split = clustersPerStory.values.filter { $0.count > 1 }.count
    let merged = storiesPerCluster.values.filter { $0.count > 1 }.count
    print("\(name): items \(items.count), chars \(characters), time \(String(format: "%.3f", result.seconds)) s, "
        + "\(String(format: "%.0f", Double(items.count) / result.seconds)) items/s, "
        + "\(String(format: "%.1f", Double(characters) / result.seconds / 1e6)) M chars/s; "
        + "stories found \(result.stories) (true \(stories)); split \(split), merged \(merged)")
}

var legacy = LegacyStoryClusterer()
let before = run({ legacy.add($0).storyID }, count: { legacy.storyCount })
var clusterer = StoryClusterer()
let after = run({ clusterer.add($0).storyID }, count: { clusterer.storyCount })
report("legacy (dictionaries)", before)
report("compact", after)
print("same partition as legacy: \(samePartition(items.map(\.id), before.storyOf, after.storyOf))")

/// Whether two runs put the items into the same groups (story ids differ between implementations).
func samePartition(_ ids: [String], _ a: [String: Int], _ b: [String: Int]) -> Bool {
    var forward: [Int: Int] = [:], backward: [Int: Int] = [:]
    for id in ids {
        let x = a[id]!, y = b[id]!
        if forward[x, default: y] != y || backward[y, default: x] != x { return false }
        forward[x] = y
        backward[y] = x
    }
    return true
}
