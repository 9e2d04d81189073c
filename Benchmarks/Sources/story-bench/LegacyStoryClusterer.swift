// A copy of StoryClusterer as of 45d0ff9 (before the compact layout), for comparison only.
import Foundation
import YuqingCore

struct LegacyStats: Hashable {
    var id: Int
    var title: String
    var itemCount: Int
    var sourceCount: Int
    var firstSeen: Date
    var firstSource: String
    var lastSeen: Date
}

/// SimHash's content filter (internal to YuqingCore).
func legacyContentScalars(_ scalars: [UInt32]) -> [UInt32] {
    scalars.filter { scalar in
        if scalar < 0x80 {
            return (scalar >= 0x30 && scalar <= 0x39) || (scalar >= 0x61 && scalar <= 0x7A) || (scalar >= 0x41 && scalar <= 0x5A)
        }
        if scalar >= 0x2000 && scalar <= 0x303F { return false }
        if scalar >= 0xFE30 && scalar <= 0xFE4F { return false }
        if scalar >= 0xFF00 && scalar <= 0xFF65 { return false }
        return true
    }
}

/// The clusterer as it was before the compact layout (dictionaries and sets per story), kept to
/// measure its memory and to check that the compact one assigns every item the same way.
struct LegacyStoryClusterer {
    /// Thresholds and bounds.
    typealias Configuration = StoryClusterer.Configuration
    /// The result of adding one item.
    struct Assignment: Sendable, Hashable {
        /// The story the item belongs to.
        var storyID: Int
        /// Whether the item started a new story.
        var isNewStory: Bool
    }

    private struct Story: Sendable {
        var stats: LegacyStats
        var sources: Set<String>
        var fingerprints: [UInt64]
        var titleKeys: [[UInt32]]
        var titleBigrams: Set<UInt64>
    }

    /// The configuration in use.
    let configuration: Configuration
    private let normalizer = TextNormalizer(options: SentimentScorer.normalizationOptions)
    private var stories: [Int: Story] = [:]
    /// (band << 16 | band value) → story ids holding a fingerprint with that band.
    private var bands: [UInt32: [Int]] = [:]
    /// Normalised headline → story ids.
    private var titles: [[UInt32]: [Int]] = [:]
    private var nextID = 1
    /// The latest item date seen: the clock for eviction.
    private var now = Date.distantPast
    private var lastSweep = Date.distantPast

    /// Creates an empty clusterer.
    init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Number of live stories.
    var storyCount: Int { stories.count }

    /// The stats of a live story.
    func story(_ id: Int) -> LegacyStats? { stories[id]?.stats }

    /// All live stories, most items first.
    var allStories: [LegacyStats] {
        stories.values.map(\.stats).sorted { ($0.itemCount, $1.id) > ($1.itemCount, $0.id) }
    }

    /// Adds an item and returns its story.
    mutating func add(_ item: StoryItem) -> Assignment {
        if item.date > now { now = item.date }
        if now.timeIntervalSince(lastSweep) > configuration.window / 24 {
            evict(notSeenSince: now.addingTimeInterval(-configuration.window))
            lastSweep = now
        }
        let titleKey = Self.headlineKey(normalizer.normalize(item.title).scalars)
        let text = item.body.isEmpty ? item.title : item.title + "\n" + item.body
        let fingerprint = SimHash.fingerprint(normalizer.normalize(text).scalars, shingle: configuration.shingle)
        let bigrams = Self.bigrams(titleKey)

        var best: (id: Int, distance: Int)?
        func consider(_ id: Int) {
            guard let story = stories[id] else { return }
            var distance = Int.max
            for candidate in story.fingerprints { distance = min(distance, SimHash.distance(candidate, fingerprint)) }
            let joins: Bool
            if distance <= configuration.maxDistance {
                joins = true
            } else if distance <= configuration.looseDistance {
                joins = Self.jaccard(bigrams, story.titleBigrams) >= configuration.titleSimilarity
            } else {
                joins = false
            }
            if joins, best == nil || distance < best!.distance { best = (id, distance) }
        }
        for band in 0..<4 {
            for id in bands[Self.bandKey(fingerprint, band)] ?? [] { consider(id) }
        }
        if titleKey.count >= 6 { for id in titles[titleKey] ?? [] { consider(id) } }

        if let best, var story = stories[best.id] {
            story.stats.itemCount += 1
            story.sources.insert(item.source)
            story.stats.sourceCount = story.sources.count
            if item.date < story.stats.firstSeen {
                story.stats.firstSeen = item.date
                story.stats.firstSource = item.source
            }
            story.stats.lastSeen = max(story.stats.lastSeen, item.date)
            // Remember new variants (not exact repeats) so later copies of them match too.
            if best.distance > 0, story.fingerprints.count < configuration.fingerprintsPerStory {
                story.fingerprints.append(fingerprint)
                index(fingerprint, story: best.id)
            }
            if titleKey.count >= 6, !story.titleKeys.contains(titleKey), story.titleKeys.count < configuration.fingerprintsPerStory {
                story.titleKeys.append(titleKey)
                titles[titleKey, default: []].append(best.id)
            }
            stories[best.id] = story
            return Assignment(storyID: best.id, isNewStory: false)
        }

        let id = nextID
        nextID += 1
        let stats = LegacyStats(id: id, title: item.title, itemCount: 1, sourceCount: 1, firstSeen: item.date,
                               firstSource: item.source, lastSeen: item.date)
        stories[id] = Story(stats: stats, sources: [item.source], fingerprints: [fingerprint],
                            titleKeys: titleKey.count >= 6 ? [titleKey] : [], titleBigrams: bigrams)
        index(fingerprint, story: id)
        if titleKey.count >= 6 { titles[titleKey, default: []].append(id) }
        if stories.count > configuration.maxStories { evictLeastRecent(stories.count - configuration.maxStories * 9 / 10) }
        return Assignment(storyID: id, isNewStory: true)
    }

    /// Forgets stories whose latest item is older than `date`.
    mutating func evict(notSeenSince date: Date) {
        let old = stories.filter { $0.value.stats.lastSeen < date }.map(\.key)
        for id in old { remove(id) }
    }

    private mutating func evictLeastRecent(_ count: Int) {
        guard count > 0 else { return }
        let victims = stories.sorted { ($0.value.stats.lastSeen, $0.key) < ($1.value.stats.lastSeen, $1.key) }.prefix(count).map(\.key)
        for id in victims { remove(id) }
    }

    private mutating func remove(_ id: Int) {
        guard let story = stories.removeValue(forKey: id) else { return }
        for fingerprint in story.fingerprints {
            for band in 0..<4 {
                let key = Self.bandKey(fingerprint, band)
                bands[key]?.removeAll { $0 == id }
                if bands[key]?.isEmpty == true { bands[key] = nil }
            }
        }
        for key in story.titleKeys {
            titles[key]?.removeAll { $0 == id }
            if titles[key]?.isEmpty == true { titles[key] = nil }
        }
    }

    private mutating func index(_ fingerprint: UInt64, story id: Int) {
        for band in 0..<4 {
            let key = Self.bandKey(fingerprint, band)
            if bands[key]?.contains(id) != true { bands[key, default: []].append(id) }
        }
    }

    @inline(__always)
    private static func bandKey(_ fingerprint: UInt64, _ band: Int) -> UInt32 {
        UInt32(band) << 16 | UInt32(truncatingIfNeeded: fingerprint >> UInt64(band * 16)) & 0xFFFF
    }

    /// The headline without a site suffix: the longest part between separators such as
    /// `_`, `|`, ` - `, `—`, keeping only content characters.
    static func headlineKey(_ scalars: [UInt32]) -> [UInt32] {
        var best: ArraySlice<UInt32> = []
        var start = 0
        func isSeparator(_ scalar: UInt32) -> Bool {
            scalar == 0x5F || scalar == 0x7C || scalar == 0x2D || scalar == 0x2014 || scalar == 0x2013
                || scalar == 0x2015 || scalar == 0xFF5C
        }
        for index in 0...scalars.count {
            if index == scalars.count || isSeparator(scalars[index]) {
                let part = scalars[start..<index]
                if part.count > best.count { best = part }
                start = index + 1
            }
        }
        return legacyContentScalars(Array(best))
    }

    private static func bigrams(_ scalars: [UInt32]) -> Set<UInt64> {
        guard scalars.count >= 2 else { return Set(scalars.map { UInt64($0) }) }
        var set = Set<UInt64>()
        for index in 0..<(scalars.count - 1) { set.insert(UInt64(scalars[index]) << 32 | UInt64(scalars[index + 1])) }
        return set
    }

    private static func jaccard(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        let common = a.intersection(b).count
        return Double(common) / Double(a.count + b.count - common)
    }
}
