// Design note — stories (near-duplicate clusters)
//
// A press release reprinted by twenty portals, or a post copied across forums, is one story.
// Each item gets a 64-bit SimHash of its normalised text (3-gram shingles, `SimHash`) and a
// normalised headline (site suffixes such as `_新浪新闻` / ` - 网易` cut off). Candidates come
// from two indexes, so a new item is compared with a handful of others instead of all:
//
// * SimHash bands: the fingerprint split into 4 × 16 bits, one bucket per (band, value). By
//   pigeonhole, any two fingerprints within 3 bits share a band exactly; most within ~8 do.
// * Headlines: an exact-match index of the normalised headline (by a 64-bit hash), for reprints
//   whose body grew (an added paragraph moves the fingerprint by more than the band guarantee
//   covers).
//
// An item joins a candidate's story when the fingerprints are within `maxDistance` bits, or
// within `looseDistance` bits and the headlines' character-bigram Jaccard similarity is at
// least `titleSimilarity` (two different stories on the same topic share topic words, so
// their headlines may be similar, but their bodies are 25–35 bits apart). Of several candidates
// the closest joins, the oldest story on a tie. Otherwise the item starts a new story.
//
// Memory. The index runs for weeks over hundreds of thousands of stories, so it holds no
// per-story object: every story is one fixed-size record in a contiguous array, and its
// fingerprints, headline keys and sources are entries in pooled arrays (linked by Int32
// indices, freed entries reused through free lists); the band index is a direct table of
// 4 × 65,536 chain heads and the headline index a bucket table of chain heads. A story's
// headline (for the Jaccard test) is kept once, as UTF-16 in one shared buffer compacted in
// place. About 200 bytes a story with one item (a Swift dictionary-and-set layout took ~1.1 KB).
// Three bounds hold: stories not seen for `window` are evicted as time moves on; at most
// `maxStories` are live; and the arrays never allocate more than `memoryLimit` bytes in all
// (`memoryFootprint`): when a pool is full and the limit leaves no room to grow it, the least
// recently seen tenth of the stories is evicted and its entries reused. So the footprint
// levels off at the limit and stays there.
import Foundation

/// Incremental near-duplicate clustering of items into stories, in bounded memory.
public struct StoryClusterer: Sendable {
    /// Thresholds and bounds.
    public struct Configuration: Sendable, Hashable {
        /// Fingerprints this close (in bits) are the same text whatever the headlines say.
        public var maxDistance: Int = 3
        /// Fingerprints this close join when the headlines are similar too.
        public var looseDistance: Int = 18
        /// Minimum headline bigram Jaccard similarity for a loose match.
        public var titleSimilarity: Double = 0.5
        /// Stories not seen for this long are forgotten (seconds; default 7 days).
        public var window: TimeInterval = 7 * 24 * 3600
        /// At most this many live stories.
        public var maxStories: Int = 200_000
        /// At most this many fingerprints per story in the index.
        public var fingerprintsPerStory: Int = 8
        /// Shingle length for the fingerprint.
        public var shingle: Int = 3
        /// At most this many bytes for the whole index (`memoryFootprint`); the least recently
        /// seen stories are evicted to stay under it. Default 40 MB (`40MB` in `yuqing.yml`, binary
        /// units): about 200,000 single-item stories.
        public var memoryLimit: Int = 40 << 20

        /// The smallest `memoryLimit` accepted (2 MB): the band table (1 MB) and room for some stories.
        public static let minimumMemoryLimit = 2 << 20

        /// Creates a configuration with the defaults.
        public init() {}
    }

    /// The result of adding one item.
    public struct Assignment: Sendable, Hashable {
        /// The story the item belongs to.
        public var storyID: Int
        /// Whether the item started a new story.
        public var isNewStory: Bool
    }

    /// One live story (or a free record when `id` is 0). Dates are seconds since the reference date.
    private struct Record {
        var id = 0
        var firstSeen = 0.0
        var lastSeen = 0.0
        var itemCount: Int32 = 0
        var sourceCount: Int32 = 0
        var firstSource: Int32 = 0
        /// Heads of this story's lists in the pools (`none` when empty); `titles` links free records.
        var fingerprints = StoryClusterer.none
        var titles = StoryClusterer.none
        var sources = StoryClusterer.none
        /// The headline key in `headlines` (UTF-16 units).
        var headlineStart: Int32 = 0
        var headlineLength: Int32 = 0
        var fingerprintCount: UInt8 = 0
        var titleCount: UInt8 = 0
    }

    /// A fingerprint of a story, linked into its story's list and into one chain per band.
    private struct FingerprintEntry {
        var fingerprint: UInt64 = 0
        var story: Int32 = 0
        var nextOfStory = StoryClusterer.none
        var nextInBand: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
    }

    /// A headline key (by hash) of a story, linked into its bucket and its story's list.
    private struct TitleEntry {
        var hash: UInt64 = 0
        var story: Int32 = 0
        var nextInBucket = StoryClusterer.none
        var nextOfStory = StoryClusterer.none
    }

    /// A distinct source of a story (interned index), linked into its story's list.
    private struct SourceEntry {
        var source: Int32 = 0
        var next = StoryClusterer.none
    }

    /// The end of a list.
    private static let none: Int32 = -1
    /// Story ids carry their record's index in the low bits, so a lookup needs no map.
    private static let slotBits = 28
    /// Longest headline key kept for the Jaccard test (UTF-16 units); longer ones are cut.
    static let maxHeadlineUnits = 1_024
    /// Growth may round an allocation up a little (malloc sizes): keep this much in hand.
    private static let growthMargin = 4_096

    /// The configuration in use.
    public let configuration: Configuration
    private let normalizer = TextNormalizer(options: SentimentScorer.normalizationOptions)

    private var records: ContiguousArray<Record> = []
    private var freeRecord = Self.none
    private var fingerprintPool: ContiguousArray<FingerprintEntry> = []
    private var freeFingerprint = Self.none
    /// (band << 16 | band value) → first fingerprint entry with that band value.
    private var bandHeads = ContiguousArray<Int32>(repeating: Self.none, count: 4 << 16)
    private var titlePool: ContiguousArray<TitleEntry> = []
    private var freeTitle = Self.none
    /// Headline hash & mask → first title entry in that bucket (a power-of-two count).
    private var titleBuckets = ContiguousArray<Int32>(repeating: Self.none, count: 1_024)
    private var sourcePool: ContiguousArray<SourceEntry> = []
    private var freeSource = Self.none
    /// Headline keys of the live stories, back to back; `headlineGarbage` units belong to evicted ones.
    private var headlines: ContiguousArray<UInt16> = []
    private var headlineGarbage = 0
    /// Source ids seen, interned (one entry per source id, not per story).
    private var sourceNames: [String] = []
    private var sourceIndex: [String: Int32] = [:]

    private var liveStories = 0
    private var nextSerial = 1
    /// The latest item date seen: the clock for eviction.
    private var now = Date.distantPast
    private var lastSweep = Date.distantPast

    /// Creates an empty clusterer.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Number of live stories.
    public var storyCount: Int { liveStories }

    /// Bytes the index has allocated (its arrays' capacities; not counting the interned source
    /// ids, one per source): never more than `configuration.memoryLimit`.
    public var memoryFootprint: Int {
        records.capacity * MemoryLayout<Record>.stride
            + fingerprintPool.capacity * MemoryLayout<FingerprintEntry>.stride
            + bandHeads.capacity * MemoryLayout<Int32>.stride
            + titlePool.capacity * MemoryLayout<TitleEntry>.stride
            + titleBuckets.capacity * MemoryLayout<Int32>.stride
            + sourcePool.capacity * MemoryLayout<SourceEntry>.stride
            + headlines.capacity * MemoryLayout<UInt16>.stride
    }

    /// The stats of a live story.
    public func story(_ id: Int) -> StoryStats? {
        guard let slot = Self.slot(of: id), slot < records.count, records[slot].id == id else { return nil }
        return stats(records[slot])
    }

    /// All live stories, most items first.
    public var allStories: [StoryStats] {
        records.filter { $0.id != 0 }.map(stats).sorted { ($0.itemCount, $1.id) > ($1.itemCount, $0.id) }
    }

    /// Adds an item and returns its story.
    public mutating func add(_ item: StoryItem) -> Assignment {
        if item.date > now { now = item.date }
        if now.timeIntervalSince(lastSweep) > configuration.window / 24 {
            evict(notSeenSince: now.addingTimeInterval(-configuration.window))
            lastSweep = now
        }
        let titleKey = Self.headlineKey(normalizer.normalize(item.title).scalars)
        let text = item.body.isEmpty ? item.title : item.title + "\n" + item.body
        let fingerprint = SimHash.fingerprint(normalizer.normalize(text).scalars, shingle: configuration.shingle)
        let headline = Self.utf16(titleKey)
        let titleHash: UInt64? = titleKey.count >= 6 ? SimHash.featureHash(titleKey[...]) : nil
        // Room for everything this item may add, made before looking for candidates so that
        // an eviction the memory limit forces never removes the story the item joins.
        makeRoom(headlineUnits: headline.count)

        let best = closestStory(fingerprint: fingerprint, titleHash: titleHash, bigrams: Self.bigrams(titleKey))
        let source = intern(item.source)
        let date = item.date.timeIntervalSinceReferenceDate
        if let (slot, distance) = best {
            var record = records[slot]
            record.itemCount += 1
            if !hasSource(record, source) {
                record.sources = push(SourceEntry(source: source, next: record.sources))
                record.sourceCount += 1
            }
            if date < record.firstSeen {
                record.firstSeen = date
                record.firstSource = source
            }
            record.lastSeen = max(record.lastSeen, date)
            // Remember new variants (not exact repeats) so later copies of them match too.
            if distance > 0, Int(record.fingerprintCount) < configuration.fingerprintsPerStory {
                record.fingerprints = indexFingerprint(fingerprint, story: slot, next: record.fingerprints)
                record.fingerprintCount += 1
            }
            if let titleHash, !hasTitle(record, titleHash), Int(record.titleCount) < configuration.fingerprintsPerStory {
                record.titles = indexTitle(titleHash, story: slot, next: record.titles)
                record.titleCount += 1
            }
            records[slot] = record
            return Assignment(storyID: record.id, isNewStory: false)
        }

        let slot = takeRecord()
        let id = nextSerial << Self.slotBits | slot
        nextSerial += 1
        var record = Record(id: id, firstSeen: date, lastSeen: date, itemCount: 1, sourceCount: 1, firstSource: source)
        record.sources = push(SourceEntry(source: source, next: Self.none))
        record.fingerprints = indexFingerprint(fingerprint, story: slot, next: Self.none)
        record.fingerprintCount = 1
        if let titleHash {
            record.titles = indexTitle(titleHash, story: slot, next: Self.none)
            record.titleCount = 1
        }
        record.headlineStart = Int32(headlines.count)
        record.headlineLength = Int32(headline.count)
        headlines.append(contentsOf: headline)
        records[slot] = record
        liveStories += 1
        if liveStories > configuration.maxStories { evictLeastRecent(liveStories - configuration.maxStories * 9 / 10) }
        return Assignment(storyID: id, isNewStory: true)
    }

    /// Forgets stories whose latest item is older than `date`.
    public mutating func evict(notSeenSince date: Date) {
        let limit = date.timeIntervalSinceReferenceDate
        for slot in records.indices where records[slot].id != 0 && records[slot].lastSeen < limit { remove(slot) }
    }

    // MARK: - Candidates

    /// The story the item joins, if any, and its fingerprint distance.
    private func closestStory(fingerprint: UInt64, titleHash: UInt64?, bigrams: [UInt64]) -> (slot: Int, distance: Int)? {
        var best: (slot: Int, distance: Int)?
        func consider(_ slot: Int) {
            let record = records[slot]
            var distance = Int.max
            var entry = record.fingerprints
            while entry != Self.none {
                distance = min(distance, SimHash.distance(fingerprintPool[Int(entry)].fingerprint, fingerprint))
                entry = fingerprintPool[Int(entry)].nextOfStory
            }
            let joins: Bool
            if distance <= configuration.maxDistance {
                joins = true
            } else if distance <= configuration.looseDistance {
                joins = Self.jaccard(bigrams, storyBigrams(record)) >= configuration.titleSimilarity
            } else {
                joins = false
            }
            guard joins else { return }
            if let current = best, (current.distance, records[current.slot].id) <= (distance, record.id) { return }
            best = (slot, distance)
        }
        for band in 0..<4 {
            var entry = bandHeads[Self.bandKey(fingerprint, band)]
            while entry != Self.none {
                let found = fingerprintPool[Int(entry)]
                consider(Int(found.story))
                entry = Self.link(found.nextInBand, band)
            }
        }
        if let titleHash {
            var entry = titleBuckets[Int(titleHash & UInt64(titleBuckets.count - 1))]
            while entry != Self.none {
                let found = titlePool[Int(entry)]
                if found.hash == titleHash { consider(Int(found.story)) }
                entry = found.nextInBucket
            }
        }
        return best
    }

    private func hasSource(_ record: Record, _ source: Int32) -> Bool {
        var entry = record.sources
        while entry != Self.none {
            if sourcePool[Int(entry)].source == source { return true }
            entry = sourcePool[Int(entry)].next
        }
        return false
    }

    private func hasTitle(_ record: Record, _ hash: UInt64) -> Bool {
        var entry = record.titles
        while entry != Self.none {
            if titlePool[Int(entry)].hash == hash { return true }
            entry = titlePool[Int(entry)].nextOfStory
        }
        return false
    }

    /// The story's headline bigrams, rebuilt from its stored headline key.
    private func storyBigrams(_ record: Record) -> [UInt64] {
        let start = Int(record.headlineStart)
        return Self.bigrams(Self.scalars(headlines[start..<start + Int(record.headlineLength)]))
    }

    private func stats(_ record: Record) -> StoryStats {
        StoryStats(id: record.id, itemCount: Int(record.itemCount), sourceCount: Int(record.sourceCount),
                   firstSeen: Date(timeIntervalSinceReferenceDate: record.firstSeen),
                   firstSource: sourceNames[Int(record.firstSource)],
                   lastSeen: Date(timeIntervalSinceReferenceDate: record.lastSeen))
    }

    // MARK: - Pools

    /// Frees entries until every pool can take what one item adds (a record, a fingerprint, a
    /// headline entry, a source, `headlineUnits` of headline) within the memory limit.
    private mutating func makeRoom(headlineUnits: Int) {
        while !hasRoom(headlineUnits: headlineUnits) {
            guard liveStories > 0 else { return }  // only a limit below the minimum gets here
            evictLeastRecent(max(1, liveStories / 10))
        }
    }

    private mutating func hasRoom(headlineUnits: Int) -> Bool {
        var budget = configuration.memoryLimit - memoryFootprint - Self.growthMargin
        func ready<Element>(_ array: inout ContiguousArray<Element>, free: Int32, extra: Int = 1) -> Bool {
            if free != Self.none || array.count + extra <= array.capacity { return true }
            let stride = MemoryLayout<Element>.stride
            let wanted = max(array.count + extra, 64, array.capacity * 2)
            let affordable = array.capacity + max(0, budget) / stride
            let capacity = min(wanted, affordable)
            guard capacity >= array.count + extra else { return false }
            let before = array.capacity
            array.reserveCapacity(capacity)
            budget -= (array.capacity - before) * stride
            return true
        }
        guard ready(&records, free: freeRecord), ready(&fingerprintPool, free: freeFingerprint),
              ready(&titlePool, free: freeTitle), ready(&sourcePool, free: freeSource)
        else { return false }
        if headlines.count + headlineUnits > headlines.capacity, headlineGarbage > 0 { compactHeadlines() }
        guard ready(&headlines, free: Self.none, extra: headlineUnits) else { return false }
        // Keep headline chains short while the limit allows; a full table only makes them longer.
        if titlePool.count > titleBuckets.count, budget >= titleBuckets.count * 2 * MemoryLayout<Int32>.stride {
            rehashTitles(buckets: titleBuckets.count * 2)
        }
        return true
    }

    private mutating func takeRecord() -> Int {
        if freeRecord != Self.none {
            let slot = Int(freeRecord)
            freeRecord = records[slot].titles
            return slot
        }
        records.append(Record())
        return records.count - 1
    }

    private mutating func push(_ entry: SourceEntry) -> Int32 {
        if freeSource != Self.none {
            let index = freeSource
            freeSource = sourcePool[Int(index)].next
            sourcePool[Int(index)] = entry
            return index
        }
        sourcePool.append(entry)
        return Int32(sourcePool.count - 1)
    }

    /// Adds a fingerprint entry for the story in `slot`, linked in front of `next`; returns it.
    private mutating func indexFingerprint(_ fingerprint: UInt64, story slot: Int, next: Int32) -> Int32 {
        let index: Int32
        if freeFingerprint != Self.none {
            index = freeFingerprint
            freeFingerprint = fingerprintPool[Int(index)].nextOfStory
        } else {
            fingerprintPool.append(FingerprintEntry())
            index = Int32(fingerprintPool.count - 1)
        }
        let k0 = Self.bandKey(fingerprint, 0), k1 = Self.bandKey(fingerprint, 1)
        let k2 = Self.bandKey(fingerprint, 2), k3 = Self.bandKey(fingerprint, 3)
        fingerprintPool[Int(index)] = FingerprintEntry(
            fingerprint: fingerprint, story: Int32(slot), nextOfStory: next,
            nextInBand: (bandHeads[k0], bandHeads[k1], bandHeads[k2], bandHeads[k3]))
        bandHeads[k0] = index
        bandHeads[k1] = index
        bandHeads[k2] = index
        bandHeads[k3] = index
        return index
    }

    /// Adds a headline entry for the story in `slot`, linked in front of `next`; returns it.
    private mutating func indexTitle(_ hash: UInt64, story slot: Int, next: Int32) -> Int32 {
        let index: Int32
        if freeTitle != Self.none {
            index = freeTitle
            freeTitle = titlePool[Int(index)].nextOfStory
        } else {
            titlePool.append(TitleEntry())
            index = Int32(titlePool.count - 1)
        }
        let bucket = Int(hash & UInt64(titleBuckets.count - 1))
        titlePool[Int(index)] = TitleEntry(hash: hash, story: Int32(slot), nextInBucket: titleBuckets[bucket], nextOfStory: next)
        titleBuckets[bucket] = index
        return index
    }

    private mutating func rehashTitles(buckets count: Int) {
        titleBuckets = ContiguousArray(repeating: Self.none, count: count)
        for slot in records.indices where records[slot].id != 0 {
            var entry = records[slot].titles
            while entry != Self.none {
                let bucket = Int(titlePool[Int(entry)].hash & UInt64(count - 1))
                titlePool[Int(entry)].nextInBucket = titleBuckets[bucket]
                titleBuckets[bucket] = entry
                entry = titlePool[Int(entry)].nextOfStory
            }
        }
    }

    /// Moves the live headlines down over the evicted ones, in place.
    private mutating func compactHeadlines() {
        let live = records.indices.filter { records[$0].id != 0 }.sorted { records[$0].headlineStart < records[$1].headlineStart }
        var moves: [(from: Int, to: Int, length: Int)] = []
        var end = 0
        for slot in live {
            let start = Int(records[slot].headlineStart), length = Int(records[slot].headlineLength)
            if start != end, length > 0 { moves.append((start, end, length)) }
            records[slot].headlineStart = Int32(end)
            end += length
        }
        headlines.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // In ascending order every move goes down, so no headline is overwritten before it moves.
            for move in moves { memmove(base + move.to, base + move.from, move.length * MemoryLayout<UInt16>.stride) }
        }
        headlines.removeLast(headlines.count - end)
        headlineGarbage = 0
    }

    private mutating func intern(_ source: String) -> Int32 {
        if let index = sourceIndex[source] { return index }
        let index = Int32(sourceNames.count)
        sourceNames.append(source)
        sourceIndex[source] = index
        return index
    }

    // MARK: - Eviction

    private mutating func evictLeastRecent(_ count: Int) {
        guard count > 0 else { return }
        var order = records.indices.filter { records[$0].id != 0 }
        order.sort { (records[$0].lastSeen, records[$0].id) < (records[$1].lastSeen, records[$1].id) }
        for slot in order.prefix(count) { remove(slot) }
    }

    private mutating func remove(_ slot: Int) {
        let record = records[slot]
        guard record.id != 0 else { return }
        var entry = record.fingerprints
        while entry != Self.none {
            let found = fingerprintPool[Int(entry)]
            for band in 0..<4 { unlinkBand(entry, key: Self.bandKey(found.fingerprint, band), band: band) }
            fingerprintPool[Int(entry)].nextOfStory = freeFingerprint
            freeFingerprint = entry
            entry = found.nextOfStory
        }
        entry = record.titles
        while entry != Self.none {
            let found = titlePool[Int(entry)]
            unlinkTitle(entry, bucket: Int(found.hash & UInt64(titleBuckets.count - 1)))
            titlePool[Int(entry)].nextOfStory = freeTitle
            freeTitle = entry
            entry = found.nextOfStory
        }
        entry = record.sources
        while entry != Self.none {
            let next = sourcePool[Int(entry)].next
            sourcePool[Int(entry)].next = freeSource
            freeSource = entry
            entry = next
        }
        headlineGarbage += Int(record.headlineLength)
        records[slot] = Record()
        records[slot].titles = freeRecord
        freeRecord = Int32(slot)
        liveStories -= 1
    }

    private mutating func unlinkBand(_ target: Int32, key: Int, band: Int) {
        if bandHeads[key] == target {
            bandHeads[key] = Self.link(fingerprintPool[Int(target)].nextInBand, band)
            return
        }
        var entry = bandHeads[key]
        while entry != Self.none {
            let next = Self.link(fingerprintPool[Int(entry)].nextInBand, band)
            if next == target {
                Self.setLink(&fingerprintPool[Int(entry)].nextInBand, band, Self.link(fingerprintPool[Int(target)].nextInBand, band))
                return
            }
            entry = next
        }
    }

    private mutating func unlinkTitle(_ target: Int32, bucket: Int) {
        if titleBuckets[bucket] == target {
            titleBuckets[bucket] = titlePool[Int(target)].nextInBucket
            return
        }
        var entry = titleBuckets[bucket]
        while entry != Self.none {
            let next = titlePool[Int(entry)].nextInBucket
            if next == target {
                titlePool[Int(entry)].nextInBucket = titlePool[Int(target)].nextInBucket
                return
            }
            entry = next
        }
    }

    // MARK: - Helpers

    private static func slot(of id: Int) -> Int? {
        id > 0 ? id & (1 << slotBits - 1) : nil
    }

    @inline(__always)
    private static func link(_ links: (Int32, Int32, Int32, Int32), _ band: Int) -> Int32 {
        switch band {
        case 0: links.0
        case 1: links.1
        case 2: links.2
        default: links.3
        }
    }

    @inline(__always)
    private static func setLink(_ links: inout (Int32, Int32, Int32, Int32), _ band: Int, _ value: Int32) {
        switch band {
        case 0: links.0 = value
        case 1: links.1 = value
        case 2: links.2 = value
        default: links.3 = value
        }
    }

    @inline(__always)
    private static func bandKey(_ fingerprint: UInt64, _ band: Int) -> Int {
        band << 16 | Int(truncatingIfNeeded: fingerprint >> UInt64(band * 16)) & 0xFFFF
    }
}
