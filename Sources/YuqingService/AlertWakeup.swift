import Synchronization

/// Wakes the alert service when the match pipeline has written new alerts, so an alert leaves
/// within moments instead of at the service's next timer tick. Rings are not counted: one ring
/// while the service is busy makes its next wait return at once.
public final class AlertWakeup: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Creates a wakeup that has not rung.
    public init() {}

    /// Wakes the waiting service, or the next wait when none is waiting.
    public func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.rung = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns after a ring, after `timeout`, or when the task is cancelled. One waiter at a time.
    func wait(upTo timeout: Duration) async {
        if state.withLock({ state in
            defer { state.rung = false }
            return state.rung
        }) { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                try? await Task.sleep(for: timeout)
                // A cancelled sleep means the wait already ended; ringing would wake the next one.
                if !Task.isCancelled { ring() }
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let resumeNow = state.withLock { state -> Bool in
                        if state.rung {
                            state.rung = false
                            return true
                        }
                        state.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                ring()
            }
            group.cancelAll()
        }
        // A ring from the cancelled path or the timer after the wait ended must not carry over.
        state.withLock { $0.rung = false }
    }
}
