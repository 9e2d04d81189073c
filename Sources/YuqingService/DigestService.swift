import Foundation
import Logging
import ServiceLifecycle
import YuqingCore
import YuqingStore

/// Sends the scheduled digests, each report once.
///
/// Exactly once: a report's ledger row is claimed (INSERT OR IGNORE on schedule + period) before
/// it is built and sent, and marked sent when the mail server accepts it. A run left unsent (a
/// crash, a transient SMTP failure) is retried after `lease` with the same Message-ID; a sent
/// run is never sent again, whatever restarts. After downtime each missed period (within the
/// planner's catch-up window) is built for its own period and sent with the late note.
public final class DigestService: Service {
    /// What one pass did for one report.
    public struct Outcome: Sendable, Hashable {
        /// Schedule name.
        public var schedule: String
        /// Period key.
        public var period: String
        /// Final state of the attempt.
        public var state: DigestRun.State
        /// Whether it went out late.
        public var late: Bool
    }

    private let store: Store
    private let builder: DigestBuilder
    private let composer: DigestComposer
    private let schedules: [DigestSchedule]
    private let recipients: [String: Recipient]
    private let sender: MailAddress?
    private let transport: (any MailTransport)?
    private let archiveDirectory: URL
    private let planner: DigestPlanner
    private let lease: Duration
    private let now: @Sendable () -> Date
    private let logger: Logger

    /// Longest nap between two passes.
    static let maximumNap: Duration = .seconds(60)

    /// Creates the service.
    /// - Parameters:
    ///   - recipients: the configured recipients (`to:` names are looked up here).
    ///   - sender: the From address (`smtp.from`); nil or a nil `transport` means reports are archived, not sent.
    ///   - lease: how long an unsent run is left to the instance that is sending it before another retries.
    ///   - now: the clock (tests inject one).
    public init(
        store: Store, builder: DigestBuilder, composer: DigestComposer, schedules: [DigestSchedule],
        recipients: [Recipient], sender: MailAddress?, transport: (any MailTransport)?, archiveDirectory: URL,
        planner: DigestPlanner = DigestPlanner(), lease: Duration = .seconds(600),
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        self.store = store
        self.builder = builder
        self.composer = composer
        self.schedules = schedules
        self.recipients = DigestAddressing.byName(recipients)
        self.sender = sender
        self.transport = transport
        self.archiveDirectory = archiveDirectory
        self.planner = planner
        self.lease = lease
        self.now = now
        self.logger = logger
    }

    /// Runs passes until graceful shutdown or cancellation.
    public func run() async throws {
        guard !schedules.isEmpty else {
            // A service that returns ends the whole group: idle until shutdown instead.
            try? await gracefulShutdown()
            return
        }
        logger.info("digest loop started", metadata: ["digests": "\(schedules.map(\.name).joined(separator: ", "))"])
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            _ = await pass()
            let current = now()
            let next = schedules.map { planner.nextDueTime($0, after: current, in: builder.timeZone) }.min() ?? current
            let nap = min(Duration.seconds(max(1, next.timeIntervalSince(current))), Self.maximumNap)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: nap) }
        }
    }

    /// One pass: retries unsent reports, then builds and sends every report that is due.
    public func pass() async -> [Outcome] {
        var outcomes: [Outcome] = []
        let current = now()
        do {
            for run in try store.unsentDigestRuns(attemptBefore: current.addingTimeInterval(-lease.seconds)) {
                guard let schedule = schedules.first(where: { $0.name == run.schedule }),
                      let kind = ReportPeriod.Kind(rawValue: run.periodKind),
                      let taken = try store.retakeDigestRun(run, now: current) else { continue }
                let period = ReportPeriod(kind: kind, containing: run.periodStart, in: builder.timeZone)
                let dueAt = schedule.at.dueTime(of: period)
                let late = run.builtAt.timeIntervalSince(dueAt) > planner.grace.seconds
                outcomes.append(await deliver(taken, schedule: schedule, period: period, lateSince: late ? dueAt : nil, at: current))
            }
            for schedule in schedules {
                let since = try store.digestScheduleFirstSeen(schedule.name, now: current)
                let recorded = try store.digestPeriodStarts(schedule: schedule.name)
                for due in planner.due(schedule, at: current, in: builder.timeZone, recorded: recorded, since: since) {
                    let messageID = DigestComposer.messageID(
                        schedule: schedule.name, period: due.period, domain: sender?.domain ?? "")
                    let note = due.isLate ? "late: due \(LocalTime(zone: builder.timeZone.identifier).format(due.dueAt))" : nil
                    guard let run = try store.claimDigestRun(
                        schedule: schedule.name, period: due.period, messageID: messageID, note: note, now: current) else {
                        continue  // another instance has it
                    }
                    outcomes.append(await deliver(run, schedule: schedule, period: due.period,
                                                  lateSince: due.isLate ? due.dueAt : nil, at: current))
                }
            }
        } catch {
            logger.error("digest pass failed", metadata: ["error": "\(error)"])
        }
        return outcomes
    }

    /// Builds, archives and sends one claimed report, and records how it went.
    private func deliver(
        _ run: DigestRun, schedule: DigestSchedule, period: ReportPeriod, lateSince: Date?, at current: Date
    ) async -> Outcome {
        var outcome = Outcome(schedule: schedule.name, period: period.key, state: .built, late: lateSince != nil)
        let metadata: Logger.Metadata = ["digest": "\(schedule.name)", "period": "\(period.key)", "attempt": "\(run.attempts)"]
        do {
            let data = try builder.build(period: period, groups: schedule.groups, regions: schedule.regions,
                                         scheduleName: schedule.name, lateSince: lateSince, now: current)
            let digest = composer.compose(data, language: schedule.language)
            let archived = try composer.archive(digest, name: schedule.name, period: period, in: archiveDirectory)
            try store.setDigestArchive(id: run.id, path: archived.path)
            guard let transport, let sender else {
                try store.markDigestAttemptFailed(id: run.id, note: "archived only: no mail transport configured", permanent: true)
                logger.warning("digest archived, not sent: no mail transport", metadata: metadata.merging(["archive": "\(archived.path)"]) { $1 })
                outcome.state = .failed
                return outcome
            }
            let addressing = DigestAddressing(names: schedule.recipients, recipients: recipients)
            let addresses = addressing.addresses
            if let reason = addressing.failureReason {
                try store.markDigestAttemptFailed(id: run.id, note: "archived only: \(reason)", permanent: true)
                logger.warning("digest archived, not sent", metadata: metadata.merging(["reason": "\(reason)"]) { $1 })
                outcome.state = .failed
                return outcome
            }
            if !addressing.unknown.isEmpty || !addressing.withoutEmail.isEmpty {
                // Some names reach nobody; the others still get the digest (`yuqing check` reports these too).
                logger.warning("digest recipients skipped", metadata: metadata.merging([
                    "undefined": "\(addressing.unknown.joined(separator: ", "))",
                    "without_email": "\(addressing.withoutEmail.joined(separator: ", "))",
                ]) { $1 })
            }
            let message = composer.message(digest, schedule: schedule.name, period: period, from: sender,
                                           to: addresses, date: current)
            do {
                try await transport.send(message)
            } catch {
                try store.markDigestAttemptFailed(id: run.id, note: error.description, permanent: error.isPermanent)
                logger.error("digest not sent", metadata: metadata.merging(["error": "\(error)"]) { $1 })
                outcome.state = error.isPermanent ? .failed : .built
                return outcome
            }
            try store.markDigestSent(id: run.id, at: now())
            logger.info("digest sent", metadata: metadata.merging(["to": "\(addresses.count)", "late": "\(lateSince != nil)"]) { $1 })
            outcome.state = .sent
        } catch {
            // Left in state built: the next pass after the lease tries again.
            logger.error("digest failed", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
        return outcome
    }
}
