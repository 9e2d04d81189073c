import Foundation
import Logging
import ServiceLifecycle
import YuqingCore
import YuqingStore

/// Prunes what `retention:` says may go: the fetch log and old items, a few minutes after
/// start and then once a day. Does nothing when both are kept forever.
struct RetentionService: Service {
    let settings: RetentionSettings
    let store: Store
    let logger: Logger
    /// Delay before the first pass, so start-up (migrations, catch-up) is not slowed down.
    var firstDelay: Duration = .seconds(300)
    var period: Duration = .seconds(86_400)

    func run() async throws {
        guard settings.items != nil || settings.fetchLog != nil else {
            try? await gracefulShutdown()
            return
        }
        try? await cancelWhenGracefulShutdown {
            try await Task.sleep(for: firstDelay)
            while !Task.isCancelled {
                prune(now: Date())
                try await Task.sleep(for: period)
            }
        }
    }

    /// One pass; failures are logged and retried at the next pass.
    func prune(now: Date) {
        if let age = settings.fetchLog {
            do {
                let removed = try store.pruneFetchLog(before: now.addingTimeInterval(-age.seconds))
                logger.info("pruned the fetch log", metadata: ["rows": "\(removed)", "older_than": "\(DurationText.format(age))"])
            } catch {
                logger.error("cannot prune the fetch log: \(error)")
            }
        }
        if let age = settings.items {
            do {
                let removed = try store.pruneItems(before: now.addingTimeInterval(-age.seconds))
                logger.info("pruned items", metadata: ["items": "\(removed)", "older_than": "\(DurationText.format(age))"])
            } catch {
                logger.error("cannot prune items: \(error)")
            }
        }
    }
}
