import Foundation
import Logging
import Synchronization
import YuqingCore
import YuqingStore

/// Group commit for the crawl: the results of polls that finish while the store is busy are
/// written together, so many polls share one transaction instead of queueing on SQLite's single
/// writer with three or four transactions each.
///
/// One batch is: one transaction with every poll's items and fetch record (each in its own
/// savepoint, so one poll's failure touches no other), then the analysis and rule matches of
/// everything the batch stored or updated (`MatchPipeline.process`, two transactions, the alert
/// outbox rows in the match's). Items are thus committed before anything acts on them; a crash
/// between the steps leaves items unmatched for `MatchPipeline.catchUp()`. A poll waits until
/// its batch is matched, so its report carries its matches, as before batching.
///
/// Batches form by themselves: the first poll to arrive starts a drain, and whatever arrives
/// while a batch is being written makes the next one (capped in polls and entries, so one
/// batch never holds the writer for long).
final class PollWriter: Sendable {
    /// What the store did with one poll.
    struct Written: Sendable {
        /// The fetch record as written (duration, new items; outcome and error when storing failed).
        var record: FetchRecord
        var inserted: [StoredItem] = []
        var updated: [StoredItem] = []
        var matches: [RecordedMatch] = []
        /// Store writes that failed (`items`, `fetch_log`).
        var storeWriteErrors: [String] = []
    }

    /// One poll waiting to be written.
    struct Pending: Sendable {
        /// The entries to store (nil: none, as for a 304 or a failure).
        var entries: [FeedEntry]?
        var record: FetchRecord
        var began: ContinuousClock.Instant
    }

    private struct Job: Sendable {
        var poll: Pending
        /// Called once with what the store did, from the writer's drain.
        var deliver: @Sendable (Written) -> Void
    }

    private struct Queue: Sendable {
        var jobs: [Job] = []
        var draining = false
    }

    /// Most polls in one batch.
    static let maximumPolls = 256
    /// Most entries in one batch (a batch's first poll is taken whatever its size).
    static let maximumEntries = 4_000

    private let store: Store
    private let matcher: MatchPipeline?
    private let logger: Logger
    private let queue = Mutex(Queue())

    /// Creates a writer over `store`; `matcher` analyses and matches what each batch stores.
    init(store: Store, matcher: MatchPipeline?, logger: Logger) {
        self.store = store
        self.matcher = matcher
        self.logger = logger
    }

    /// Stores each poll's entries (nil: the poll has none to store — a 304, an HTTP or parse
    /// failure) and record with the next batches, and returns once all are written and matched,
    /// in the order given. `record.duration` becomes the time since `began`, when its batch is written.
    ///
    /// One call waits for many polls, so the crawl loop needs one task for all the polls that
    /// wait for the store rather than one each (see `CrawlService`).
    func write(_ polls: [Pending]) async -> [Written] {
        guard !polls.isEmpty else { return [] }
        return await withCheckedContinuation { continuation in
            // Results come back from the drain, in batches; the last one in resumes the caller.
            let results = Mutex((written: [Written?](repeating: nil, count: polls.count), missing: polls.count))
            let jobs = polls.enumerated().map { index, poll in
                Job(poll: poll) { written in
                    let finished: [Written]? = results.withLock { results in
                        results.written[index] = written
                        results.missing -= 1
                        return results.missing == 0 ? results.written.map { $0! } : nil
                    }
                    if let finished { continuation.resume(returning: finished) }
                }
            }
            let startDrain = queue.withLock { queue in
                queue.jobs += jobs
                guard !queue.draining else { return false }
                queue.draining = true
                return true
            }
            // Not a child of any poll: it outlives the polls that started it and serves the others.
            if startDrain { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while let batch = nextBatch() {
            let written = await commit(batch)
            for (job, result) in zip(batch, written) { job.deliver(result) }
        }
    }

    /// Takes the next batch off the queue, or ends the drain when the queue is empty.
    private func nextBatch() -> [Job]? {
        queue.withLock { queue -> [Job]? in
            guard !queue.jobs.isEmpty else {
                queue.draining = false
                return nil
            }
            var count = 0
            var entries = 0
            for job in queue.jobs {
                let size = job.poll.entries?.count ?? 0
                if count == Self.maximumPolls || (count > 0 && entries + size > Self.maximumEntries) { break }
                count += 1
                entries += size
            }
            let batch = Array(queue.jobs.prefix(count))
            queue.jobs.removeFirst(count)
            return batch
        }
    }

    private func commit(_ batch: [Job]) async -> [Written] {
        let now = ContinuousClock.now
        let date = Date()
        let polls = batch.map { job in
            var record = job.poll.record
            record.duration = now - job.poll.began
            return (entries: job.poll.entries, record: record)
        }
        var written: [Written]
        let logger = logger
        do {
            written = try await store.writePolls("store the items and fetch records of \(polls.count) polls") { batch in
                polls.map { poll in
                    var result = Written(record: poll.record)
                    if let entries = poll.entries {
                        do {
                            let outcome = try batch.save(entries, from: poll.record.sourceID, at: date)
                            result.inserted = outcome.inserted
                            result.updated = outcome.updated
                            result.record.itemsNew = outcome.inserted.count
                        } catch {
                            // Not the source's fault, but the poll achieved nothing: retry like a failure.
                            result.record.outcome = .transportError
                            result.record.error = "storing items failed: \(error)"
                            result.storeWriteErrors.append("items")
                        }
                    }
                    do {
                        try batch.recordFetch(result.record)
                    } catch {
                        result.storeWriteErrors.append("fetch_log")
                        logger.error("cannot record fetch: \(error)", metadata: ["source": "\(poll.record.sourceID)"])
                    }
                    return result
                }
            }
        } catch {
            // Nothing of the batch was written.
            logger.error("cannot record fetch: \(error)", metadata: ["polls": "\(polls.count)"])
            written = polls.map { poll in
                var result = Written(record: poll.record)
                if poll.entries != nil {
                    result.record.outcome = .transportError
                    result.record.error = "storing items failed: \(error)"
                    result.storeWriteErrors.append("items")
                }
                result.storeWriteErrors.append("fetch_log")
                return result
            }
        }
        let stored = ContinuousClock.now
        let items = written.flatMap { $0.inserted + $0.updated }
        if let matcher, !items.isEmpty {
            let matches = Dictionary(grouping: await matcher.process(items), by: \.itemID)
            for index in written.indices {
                written[index].matches = (written[index].inserted + written[index].updated).flatMap { matches[$0.id] ?? [] }
            }
        }
        logger.debug("batch written", metadata: [
            "polls": "\(batch.count)", "items": "\(items.count)",
            "store_ms": "\(Self.milliseconds(stored - now))", "match_ms": "\(Self.milliseconds(ContinuousClock.now - stored))",
        ])
        return written
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
