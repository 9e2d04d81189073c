import Foundation

/// Runs blocking work (a libcurl easy transfer that may wait 30 s on a dead mail server) on a
/// thread of its own, so it never occupies one of the few threads of Swift's cooperative pool,
/// which the crawler and the store need. One message at a time is rare enough that a thread
/// per transfer costs nothing worth a shared multi handle.
enum BlockingWork {
    /// The result of `work`, computed on a new thread.
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.name = "yuqing-notify"
            thread.start()
        }
    }
}
