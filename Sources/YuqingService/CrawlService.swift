import Foundation
import Logging
import ServiceLifecycle
import YuqingCore

/// The crawl loop: asks the `PollSchedule` which sources are due, polls them with at
/// most `concurrency` fetching at once, and feeds each result back into the schedule.
///
/// A poll holds its fetch slot while it fetches and reads its source; storing it (the
/// `PollWriter` batches the store writes of polls that finish together) happens outside the
/// slot, so fetching goes on while a batch is written. At most `writeBacklog` × `concurrency`
/// polls wait for the store: a store slower than the fetches holds new fetches back.
///
/// The polls waiting for the store share one child task (a "finisher") that hands them all to
/// the writer and returns their reports together; polls fetched meanwhile wait for the next
/// one. A child task per waiting poll cost 13 % of the CPU of a crawl bringing new items
/// (`perf`, 2026-11): the runtime finds a finished child by walking the group's list of
/// children, and hundreds of polls waited at a time.
///
/// On graceful shutdown it starts nothing new, lets polls in flight finish (each is
/// bounded by the fetch time limits), and returns.
public final class CrawlService: Service {
    private enum Event: Sendable {
        /// Fetched and read: the fetch slot is free, the poll waits for the store.
        case fetched(SourceCrawler.FetchedPoll)
        /// A finisher's polls, stored.
        case finished([CrawlReport])
        case tick
    }

    private let roster: SourceRoster
    private let crawler: SourceCrawler
    private let concurrency: Int
    private let logger: Logger
    private let onReport: @Sendable (CrawlReport) async -> Void
    private let seed: UInt64
    private let metrics: DaemonMetrics?

    /// The longest the loop sleeps before checking for shutdown and due sources again.
    static let maximumNap: Duration = .milliseconds(250)
    /// How many polls per fetch slot may wait for the store before no new fetch starts.
    static let writeBacklog = 4

    /// Creates the loop.
    /// - Parameter onReport: called after each poll, once its items are stored.
    public convenience init(
        sources: [Source],
        crawler: SourceCrawler,
        concurrency: Int,
        logger: Logger,
        seed: UInt64 = UInt64.random(in: 0 ... .max),
        metrics: DaemonMetrics? = nil,
        onReport: @escaping @Sendable (CrawlReport) async -> Void = { _ in }
    ) {
        self.init(roster: SourceRoster(sources), crawler: crawler, concurrency: concurrency, logger: logger,
                  seed: seed, metrics: metrics, onReport: onReport)
    }

    /// Creates the loop over a roster that a config reload may replace.
    /// - Parameter onReport: called after each poll, once its items are stored.
    public init(
        roster: SourceRoster,
        crawler: SourceCrawler,
        concurrency: Int,
        logger: Logger,
        seed: UInt64 = UInt64.random(in: 0 ... .max),
        metrics: DaemonMetrics? = nil,
        onReport: @escaping @Sendable (CrawlReport) async -> Void = { _ in }
    ) {
        self.roster = roster
        self.crawler = crawler
        self.concurrency = max(1, concurrency)
        self.logger = logger
        self.seed = seed
        self.metrics = metrics
        self.onReport = onReport
    }

    /// Runs until graceful shutdown or cancellation.
    public func run() async throws {
        var schedule = PollSchedule(seed: seed)
        var (version, sources) = roster.snapshot
        schedule.update(sources: sources, now: Date())
        var byID = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        logger.info("crawl loop started", metadata: ["sources": "\(schedule.count)", "concurrency": "\(concurrency)"])

        await withTaskGroup(of: Event.self) { group in
            // Polls started and not yet stored, and of those the ones still fetching.
            var inFlight = 0
            var fetching = 0
            var napping = false
            // Fetched polls waiting for the next finisher, and whether one is running.
            var unfinished: [SourceCrawler.FetchedPoll] = []
            var finishing = false
            func startFinisher() {
                guard !finishing, !unfinished.isEmpty else { return }
                finishing = true
                let polls = unfinished
                unfinished.removeAll()
                group.addTask { [crawler] in .finished(await crawler.finish(polls)) }
            }
            while !Task.isShuttingDownGracefully, !Task.isCancelled {
                let now = Date()
                if roster.snapshot.version != version {
                    // Sources.yml was reloaded: new sources are spread in, removed ones dropped
                    // (a poll of one still in flight finishes and is forgotten).
                    (version, sources) = roster.snapshot
                    schedule.update(sources: sources, now: now)
                    byID = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                    logger.info("crawl loop picked up new sources", metadata: ["sources": "\(schedule.count)"])
                }
                var free = max(0, min(concurrency - fetching, concurrency * Self.writeBacklog - inFlight))
                // The schedule's heap hands out due sources earliest first in O(log n) each.
                while free > 0, let id = schedule.startNextDue(at: now) {
                    guard let source = byID[id] else { continue }
                    free -= 1
                    if let metrics, let dueAt = schedule.entry(for: id)?.nextDue {
                        metrics.pollStarted(lateness: .seconds(now.timeIntervalSince(dueAt)))
                    }
                    let sendValidators = !schedule.sendsNoValidators(id)
                    inFlight += 1
                    fetching += 1
                    group.addTask { [crawler] in .fetched(await crawler.fetch(source, sendValidators: sendValidators)) }
                }
                if let metrics {
                    // Sources still due after this turn wait for a free slot: /healthz watches how long.
                    let waiting = schedule.mostOverdue(at: now).flatMap { id in
                        schedule.entry(for: id).map { SchedulerHeartbeat.Overdue(sourceID: id, due: $0.nextDue, interval: $0.interval) }
                    }
                    metrics.schedulerTurned(at: now, mostOverdue: waiting)
                }
                if !napping {
                    let untilDue = schedule.nextWakeup().map { Duration.seconds(max(0, $0.timeIntervalSince(now))) }
                    let nap = min(untilDue ?? Self.maximumNap, Self.maximumNap)
                    napping = true
                    group.addTask {
                        try? await Task.sleep(for: nap)
                        return .tick
                    }
                }
                switch await group.next() {
                case .tick?:
                    napping = false
                case .fetched(let poll)?:
                    fetching -= 1
                    unfinished.append(poll)
                    startFinisher()
                case .finished(let reports)?:
                    finishing = false
                    startFinisher()
                    inFlight -= reports.count
                    let now = Date()
                    for report in reports {
                        // New and updated items (a thread with new replies is news too) drive adaptive polling.
                        schedule.markFinished(report.sourceID, at: now, succeeded: report.succeeded,
                                              retryAfter: report.retryAfter,
                                              newItems: report.inserted.count + report.updated.count)
                        metrics?.record(report)
                        await onReport(report)
                    }
                case nil:
                    break
                }
            }
            logger.info("crawl loop stopping", metadata: ["in_flight": "\(inFlight)"])
            while let event = await group.next() {
                switch event {
                case .fetched(let poll):
                    // Started before the shutdown: its items are stored like any other's.
                    unfinished.append(poll)
                    startFinisher()
                case .finished(let reports):
                    finishing = false
                    startFinisher()
                    for report in reports {
                        metrics?.record(report)
                        await onReport(report)
                    }
                case .tick:
                    break
                }
            }
        }
        logger.info("crawl loop stopped")
    }
}
