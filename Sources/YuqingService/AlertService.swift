import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import YuqingCore
import YuqingStore

/// Sends alerts from the outbox: releases alerts held in quiet hours as a morning summary,
/// sends every due delivery through the mail or webhook transport, and records the result.
///
/// A delivery is marked sent only after its transport returned, so a crash in between re-sends
/// it after the restart, with the Message-ID (or webhook id) it was first sent with. Transient
/// failures retry with exponential backoff and jitter; permanent ones, and any still failing
/// `give_up_after` after the alert was raised, are marked failed and listed by `yuqing alerts`.
/// On graceful shutdown it takes no new delivery and lets the one in flight finish.
public final class AlertService: Service {
    private let store: Store
    private let plan: AlertPlan
    private let mail: (any MailTransport)?
    private let webhooks: (any WebhookTransport)?
    private let from: MailAddress?
    private let wakeup: AlertWakeup
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let maximumNap: Duration
    private let random: Mutex<SplitMix64>
    /// Deliveries the server accepted whose `sent` could not be written (store trouble): they are
    /// never sent again by this process; each pass tries to record them.
    private let acceptedUnrecorded = Mutex<[Int64: Date]>([:])

    /// Creates the service.
    /// - Parameters:
    ///   - plan: policy (retry and give-up limits), routing (recipients' addresses) and renderer.
    ///   - mail: the SMTP transport; nil when `smtp:` is not configured (email deliveries then
    ///     wait and fail after `give_up_after`).
    ///   - webhooks: the webhook transport; nil when no webhook is configured.
    ///   - from: the From address of alert emails.
    ///   - wakeup: rung by the match pipeline after it wrote alerts.
    ///   - now: the clock; tests move a manual one.
    ///   - maximumNap: the longest sleep between two looks at the outbox.
    public init(
        store: Store, plan: AlertPlan, mail: (any MailTransport)?, webhooks: (any WebhookTransport)?,
        from: MailAddress?, wakeup: AlertWakeup, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }, maximumNap: Duration = .seconds(30),
        seed: UInt64 = UInt64.random(in: 0 ... .max)
    ) {
        self.store = store
        self.plan = plan
        self.mail = mail
        self.webhooks = webhooks
        self.from = from
        self.wakeup = wakeup
        self.logger = logger
        self.now = now
        self.maximumNap = maximumNap
        random = Mutex(SplitMix64(seed: seed))
    }

    /// Runs until graceful shutdown or cancellation.
    public func run() async throws {
        logger.info("alert outbox started", metadata: ["pending": "\((try? store.outboxDepth()) ?? -1)"])
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await drain()
            guard !Task.isShuttingDownGracefully, !Task.isCancelled else { break }
            let next = try? await store.nextOutboxWakeup()
            let untilDue = next.map { Duration.seconds(max(0, $0.timeIntervalSince(now()))) } ?? maximumNap
            // Something still due after a drain could not be handled (store trouble): pause briefly
            // instead of spinning.
            let nap = min(max(untilDue, .seconds(1)), maximumNap)
            await withGracefulShutdownHandler {
                await wakeup.wait(upTo: nap)
            } onGracefulShutdown: { [wakeup] in
                wakeup.ring()
            }
        }
        logger.info("alert outbox stopped", metadata: ["pending": "\((try? store.outboxDepth()) ?? -1)"])
    }

    /// One pass: releases held alerts whose quiet hours ended, then attempts every due delivery.
    /// Returns the number of deliveries attempted.
    @discardableResult
    public func drain() async -> Int {
        do {
            let summaries = try await store.releaseHeldAlerts(now: now(), plan: plan)
            if !summaries.isEmpty { logger.info("quiet hours over: summary raised", metadata: ["alerts": "\(summaries)"]) }
        } catch {
            logger.error("cannot release alerts held in quiet hours: \(error)")
        }
        var attempted = 0
        // Transports that failed transiently in this pass: their other deliveries wait for the
        // same retry instead of each timing out against a server that is down.
        var down: [String: Date] = [:]
        // A delivery whose outcome could not be recorded stays due; it waits for the next pass
        // rather than being sent again and again in this one.
        var seen = Set<Int64>()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let due: [OutboxDelivery]
            do {
                due = try await store.dueDeliveries(now: now(), limit: 20 + seen.count).filter { !seen.contains($0.id) }
            } catch {
                logger.error("cannot read the alert outbox: \(error)")
                break
            }
            guard !due.isEmpty else { break }
            seen.formUnion(due.map(\.id))
            for delivery in due {
                guard !Task.isShuttingDownGracefully, !Task.isCancelled else { return attempted }
                if let sentAt = acceptedUnrecorded.withLock({ $0[delivery.id] }) {
                    if (try? await store.markDeliverySent(delivery.id, at: sentAt)) != nil {
                        _ = acceptedUnrecorded.withLock { $0.removeValue(forKey: delivery.id) }
                    }
                    continue
                }
                let channel = Self.channel(of: delivery.target)
                if let until = down[channel] {
                    try? await store.deferDelivery(delivery.id, until: until)
                    continue
                }
                attempted += 1
                if let retryAt = await deliver(delivery) { down[channel] = retryAt }
            }
        }
        return attempted
    }

    /// Sends one delivery and records the outcome; returns the retry time after a transient failure.
    private func deliver(_ delivery: OutboxDelivery) async -> Date? {
        let result = await send(delivery)
        let at = now()
        let metadata: Logger.Metadata = [
            "alert": "\(delivery.alertID)", "target": "\(delivery.target)", "attempt": "\(delivery.attempts + 1)",
        ]
        do {
            switch result {
            case .success:
                try await store.markDeliverySent(delivery.id, at: at)
                logger.info("alert sent", metadata: metadata.merging(["message_id": "\(delivery.messageID)"]) { $1 })
                return nil
            case let .failure(failure):
                let age = Duration.seconds(at.timeIntervalSince(delivery.alertCreatedAt))
                if failure.isPermanent || age >= plan.policy.settings.giveUpAfter {
                    let why = failure.isPermanent ? "permanent failure" : "still failing after \(DurationText.format(plan.policy.settings.giveUpAfter))"
                    try await store.markDeliveryFailed(delivery.id, error: "\(failure) (\(why))")
                    logger.error("alert delivery failed, giving up: \(failure)", metadata: metadata)
                    return nil
                }
                let unit = random.withLock { $0.nextDouble() }
                let delay = plan.policy.retryDelay(afterAttempt: delivery.attempts + 1, retryAfter: failure.retryAfter, unit: unit)
                // The last retry falls on the give-up deadline, not after it.
                let deadline = delivery.alertCreatedAt.addingTimeInterval(plan.policy.settings.giveUpAfter.seconds)
                let next = min(at.addingTimeInterval(delay.seconds), max(deadline, at))
                try await store.markDeliveryRetry(delivery.id, error: failure.description, nextAttempt: next)
                logger.warning("alert delivery failed, will retry: \(failure)",
                               metadata: metadata.merging(["retry_in": "\(DurationText.format(.seconds(Int64(delay.seconds.rounded(.up)))))"]) { $1 })
                return next
            }
        } catch {
            if case .success = result {
                // Not sent again by this process; only a restart before it is recorded re-sends it,
                // with the same Message-ID.
                acceptedUnrecorded.withLock { $0[delivery.id] = at }
            }
            logger.error("cannot record an alert delivery: \(error)", metadata: metadata)
            return nil
        }
    }

    private func send(_ delivery: OutboxDelivery) async -> Result<Void, DeliveryFailure> {
        do throws(DeliveryFailure) {
            switch delivery.target {
            case let .email(name):
                guard let mail, let from else {
                    throw DeliveryFailure(reason: "cannot email \(name): no smtp: block in yuqing.yml", isPermanent: false)
                }
                guard let recipient = plan.routing.recipients[name] else {
                    throw DeliveryFailure(reason: "recipient \(name) is no longer in recipients: of yuqing.yml", isPermanent: true)
                }
                guard !recipient.emails.isEmpty else {
                    throw DeliveryFailure(reason: "recipient \(name) has no email address in yuqing.yml", isPermanent: true)
                }
                try await mail.send(delivery.alert.mailMessage(
                    alertID: delivery.alertID, from: from, to: recipient.emails, messageID: delivery.messageID,
                    date: delivery.alertCreatedAt))
            case let .webhook(name):
                guard let webhooks else {
                    throw DeliveryFailure(reason: "cannot post to webhook \(name): no webhooks: in yuqing.yml", isPermanent: false)
                }
                try await webhooks.post(delivery.alert.webhookMessage(alertID: delivery.alertID, date: delivery.alertCreatedAt), to: name)
            }
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    /// Deliveries that share a server: all email goes through one SMTP server; each webhook is its own.
    private static func channel(of target: DeliveryTarget) -> String {
        switch target {
        case .email: "email"
        case let .webhook(name): "webhook:\(name)"
        }
    }
}
