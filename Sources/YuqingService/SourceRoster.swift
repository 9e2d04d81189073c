import Synchronization
import YuqingCore

/// The sources in force, replaced as a whole when `Sources.yml` is reloaded; the crawl loop
/// notices a new version at its next turn and reschedules (see `PollSchedule.update`).
public final class SourceRoster: Sendable {
    private let state: Mutex<(version: Int, sources: [Source])>

    /// Creates the roster with the sources loaded at start.
    public init(_ sources: [Source]) {
        state = Mutex((0, sources))
    }

    /// The current sources and a number that changes whenever they are replaced.
    public var snapshot: (version: Int, sources: [Source]) { state.withLock { $0 } }

    /// Replaces the sources.
    public func replace(with sources: [Source]) {
        state.withLock { $0 = ($0.version + 1, sources) }
    }
}
