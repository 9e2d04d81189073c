import Synchronization
import YuqingCore
import YuqingStore

/// Every source's stored state (the validators a poll sends), read from the store once and then
/// kept current from the fetch records the crawler itself writes, instead of a store read per
/// poll (3.7 % of a steady crawl's CPU, `perf` 2026-11).
///
/// Only the crawler writes `source_state`, and it tells the cache what it wrote (`recorded`), so
/// the cache equals the table. Were it ever behind — a write that failed, a `yuqing` command
/// polling beside the daemon — a poll would send older validators or none, and the server would
/// answer with the full page instead of a 304: slower, never an item missed.
final class SourceStateCache: Sendable {
    private enum Contents {
        case unloaded
        case loading(Task<Bool, Never>)
        case loaded([String: SourceState])
    }

    private let store: Store
    private let contents = Mutex(Contents.unloaded)

    /// Creates an empty cache over `store`; the first `state(of:)` loads it.
    init(store: Store) {
        self.store = store
    }

    /// The state of source `id` as the store holds it (nil: never fetched).
    func state(of id: String) async -> SourceState? {
        let waiting: Task<Bool, Never>? = contents.withLock { contents in
            switch contents {
            case .loaded: return nil
            case .loading(let task): return task
            case .unloaded:
                let task = Task { await self.load() }
                contents = .loading(task)
                return task
            }
        }
        if let waiting, await !waiting.value {
            // The store could not be read in one go: ask it for this source alone, as before.
            return try? await store.sourceState(id: id)
        }
        return contents.withLock { contents in
            if case .loaded(let states) = contents { states[id] } else { nil }
        }
    }

    /// Takes in a fetch record once the store has written it (`stored`), or forgets the source's
    /// state when the write failed, so that its next poll sends no validators.
    func recorded(_ record: FetchRecord, stored: Bool) {
        contents.withLock { contents in
            guard case .loaded(var states) = contents else { return }
            contents = .unloaded  // hands the dictionary over uniquely: no copy on the write below
            if stored {
                states[record.sourceID] = (states[record.sourceID] ?? SourceState(sourceID: record.sourceID)).applying(record)
            } else {
                states[record.sourceID] = nil
            }
            contents = .loaded(states)
        }
    }

    /// Reads every source's state; false (and unloaded again) when the store fails.
    private func load() async -> Bool {
        let states = try? await store.allSourceStates()
        return contents.withLock { contents in
            guard let states else {
                contents = .unloaded
                return false
            }
            contents = .loaded(Dictionary(states.map { ($0.sourceID, $0) }, uniquingKeysWith: { _, last in last }))
            return true
        }
    }
}
