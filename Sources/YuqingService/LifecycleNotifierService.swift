import Logging
import ServiceLifecycle
import YuqingStore

/// Tells systemd how the daemon is doing: READY=1 once everything runs, WATCHDOG=1
/// while the store still answers, STOPPING=1 when shutdown begins.
///
/// It runs last in the service group, so it starts after the others and is the first
/// to hear of a graceful shutdown.
struct LifecycleNotifierService: Service {
    let notifier: SystemdNotifier
    let store: Store
    let status: String
    let watchdogInterval: Duration?
    let logger: Logger

    func run() async throws {
        notifier.ready(status: status)
        if let watchdogInterval {
            // Twice per interval, as sd_watchdog_enabled(3) advises; a store that stops
            // answering stops the keep-alives, and systemd restarts the service.
            let period = watchdogInterval / 2
            try? await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        try await store.ping()
                        notifier.watchdog()
                    } catch {
                        logger.error("store does not answer; withholding the watchdog keep-alive: \(error)")
                    }
                    try await Task.sleep(for: period)
                }
            }
        } else {
            try? await gracefulShutdown()
        }
        notifier.stopping()
    }
}
