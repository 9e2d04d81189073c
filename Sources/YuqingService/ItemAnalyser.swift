import Foundation
import Logging
import Synchronization
import YuqingCore
import YuqingStore

/// Gives stored items their sentiment and their story, and records both in the store before
/// the rules see the items (so `negative_only` rules can use the sentiment).
///
/// The story clusterer lives in memory, bounded by its window and its memory limit (`stories:
/// memory_limit` in yuqing.yml, read at start); on start it is rebuilt
/// from the items of the stories seen within that window, so a restart does not split a
/// story. Its story ids are its own: a map ties each to the `story` row it stands for. One
/// lock covers clustering a batch and recording it, so two crawls never start the same
/// story twice.
public final class ItemAnalyser: Sendable {
    private struct State: Sendable {
        var clusterer: StoryClusterer
        /// Clusterer story id → `story` row id.
        var rows: [Int: Int64] = [:]
        /// Whether the clusterer holds the stored stories (false at start and after a failed write).
        var restored = false
    }

    private let rules: RuleBook
    private let store: Store
    private let logger: Logger
    private let clustering: StoryClusterer.Configuration
    private let state: Mutex<State>

    /// Creates the analyser; the sentiment lexicon comes from `rules` (it reloads with them).
    public init(rules: RuleBook, store: Store, logger: Logger, clustering: StoryClusterer.Configuration = .init()) {
        self.rules = rules
        self.store = store
        self.logger = logger
        self.clustering = clustering
        state = Mutex(State(clusterer: StoryClusterer(configuration: clustering)))
    }

    /// Rebuilds the clusterer from the stories seen within its window before `now`; returns
    /// how many stored items it replayed.
    @discardableResult
    public func restoreStories(now: Date = Date()) throws(StoreError) -> Int {
        try state.withLock { state throws(StoreError) in try restore(&state, now: now) }
    }

    /// Scores and clusters `items`, records the result in one transaction, and returns the
    /// items with `sentiment` and `storyID` set. An item that already has a story keeps it
    /// (an edited item is scored again). On a store failure nothing is recorded and the
    /// clusterer is rebuilt from the store on the next call.
    public func analyse(_ items: [StoredItem]) throws(StoreError) -> [StoredItem] {
        guard !items.isEmpty else { return [] }
        let scorer = rules.snapshot.sentiment
        let sentiments = items.map { scorer.score(title: $0.title, body: $0.summary) }
        return try state.withLock { state throws(StoreError) -> [StoredItem] in
            if !state.restored { try restore(&state, now: Date()) }
            var analyses: [ItemAnalysis] = []
            for (item, sentiment) in zip(items, sentiments) {
                var placement = StoryPlacement.unchanged
                if item.storyID == nil {
                    let assignment = state.clusterer.add(Self.storyItem(item))
                    placement = state.rows[assignment.storyID].map { .existing($0) } ?? .new(key: assignment.storyID)
                }
                analyses.append(ItemAnalysis(itemID: item.id, sentiment: sentiment, story: placement))
            }
            let created: [Int: Int64]
            switch Result(catching: { () throws(StoreError) in try store.recordAnalysis(analyses, at: Date()) }) {
            case let .success(rows):
                created = rows
            case let .failure(error):
                state.restored = false
                throw error
            }
            state.rows.merge(created) { _, new in new }
            pruneRows(&state)
            return zip(items, analyses).map { item, analysis in
                var result = item
                result.sentiment = analysis.sentiment
                switch analysis.story {
                case .unchanged: break
                case let .existing(id): result.storyID = id
                case let .new(key): result.storyID = created[key]
                }
                return result
            }
        }
    }

    /// Analyses the stored items that have not been analysed (a crash, an edit, or a store from
    /// before analysis existed) and were first stored within the clusterer's window before
    /// `now`; returns how many. Older ones are left alone, so upgrading a large store does not
    /// hold up the start (the rules catch-up still analyses any it matches). Stops at the first
    /// store failure.
    @discardableResult
    public func catchUp(batchSize: Int = 500, now: Date = Date()) -> Int {
        var analysed = 0
        var lastID: Int64 = 0
        let since = now.addingTimeInterval(-clustering.window)
        do {
            while true {
                let pending = try store.itemsAwaitingAnalysis(limit: batchSize, firstSeenSince: since, afterID: lastID)
                guard let last = pending.last else { break }
                _ = try analyse(pending)
                analysed += pending.count
                lastID = last.id
            }
        } catch {
            logger.error("analysis catch-up stopped: \(error)")
        }
        if analysed > 0 { logger.info("analysed items left unanalysed earlier", metadata: ["items": "\(analysed)"]) }
        return analysed
    }

    @discardableResult
    private func restore(_ state: inout State, now: Date) throws(StoreError) -> Int {
        state.clusterer = StoryClusterer(configuration: clustering)
        state.rows = [:]
        let items = try store.itemsOfStories(seenSince: now.addingTimeInterval(-clustering.window))
        for item in items {
            guard let row = item.storyID else { continue }
            // Replaying in order of appearance gives back the stored stories; should the replay
            // merge two of them, later items join the first one's row.
            let assignment = state.clusterer.add(Self.storyItem(item))
            if state.rows[assignment.storyID] == nil { state.rows[assignment.storyID] = row }
        }
        state.restored = true
        if !items.isEmpty {
            logger.info("stories restored", metadata: ["items": "\(items.count)", "stories": "\(state.clusterer.storyCount)",
                                                     "index_bytes": "\(state.clusterer.memoryFootprint)"])
        }
        return items.count
    }

    /// Forgets the rows of stories the clusterer has evicted, so the map stays bounded too.
    private func pruneRows(_ state: inout State) {
        guard state.rows.count > 2 * state.clusterer.storyCount + 1_000 else { return }
        let clusterer = state.clusterer
        state.rows = state.rows.filter { clusterer.story($0.key) != nil }
    }

    private static func storyItem(_ item: StoredItem) -> StoryItem {
        StoryItem(id: String(item.id), source: item.sourceID, title: item.title, body: item.summary, date: item.appearedAt)
    }
}
