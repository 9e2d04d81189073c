import Foundation
import Logging
import Synchronization
import YuqingConfig
import YuqingCore
import YuqingExtract
import YuqingStore

/// Re-reads `Sources.yml` and `yuqing.yml` on SIGHUP and puts new sources in force.
///
/// Loading and applying are separate so that the reload service can validate the whole
/// configuration (these files and `Rules/`) before any of it takes effect. Sources are added,
/// removed and changed without a restart; other `yuqing.yml` changes (storage, crawl limits,
/// http, retention, stories) are only announced, since the fetcher, endpoint and story index are
/// built at start.
final class ConfigReloader: Sendable {
    let directory: URL
    let roster: SourceRoster
    let matcher: MatchPipeline
    let store: Store
    let logger: Logger
    private let settings: Mutex<ServiceSettings>

    init(configuration: Configuration, roster: SourceRoster, matcher: MatchPipeline, store: Store, logger: Logger) {
        directory = configuration.directory
        settings = Mutex(configuration.settings)
        self.roster = roster
        self.matcher = matcher
        self.store = store
        self.logger = logger
    }

    /// Reads and validates the files; logs every problem with its `file:line:col` and returns nil on any.
    func load() -> Configuration? {
        do {
            return try ConfigLoader.load(directory: directory, selectorChecker: PageSelectorChecker())
        } catch {
            for issue in error.issues {
                logger.error("configuration not reloaded, previous configuration stays in force: \(issue)")
            }
            return nil
        }
    }

    /// Puts `configuration`'s sources in force; returns false (nothing changed) if the store refuses them.
    @discardableResult
    func apply(_ configuration: Configuration) -> Bool {
        let before = Set(roster.snapshot.sources.map(\.id))
        do {
            try store.syncSources(configuration.sources, at: Date())
        } catch {
            logger.error("configuration not reloaded, previous configuration stays in force: \(error)")
            return false
        }
        roster.replace(with: configuration.sources)
        matcher.updateSources(configuration.sources)
        let after = Set(configuration.sources.map(\.id))
        logger.notice("configuration reloaded", metadata: [
            "sources": "\(configuration.sources.count)",
            "added": "\(after.subtracting(before).sorted().joined(separator: ","))",
            "removed": "\(before.subtracting(after).sorted().joined(separator: ","))",
        ])
        let previous = settings.withLock { $0 }
        if previous != configuration.settings {
            logger.warning("yuqing.yml changed: changes to storage, crawl, http, retention and stories take effect at the next restart")
        }
        return true
    }
}
