import Foundation
import Logging
import ServiceLifecycle
import UnixSignals
import YuqingConfig
import YuqingCore

/// Reloads `Rules/` (and the sentiment lexicons in `Rules/sentiment/`) when a file in either
/// changes (inotify), and `Rules/`, `Sources.yml` and `yuqing.yml` on SIGHUP
/// (`systemctl reload yuqing`); ticks the volume rules once a minute.
///
/// A broken change keeps the old rules in force and logs every error with its
/// `file:line:col`; the next good save takes effect without a restart.
struct RulesReloadService: Service {
    let rules: RuleBook
    let matcher: MatchPipeline
    let notifier: SystemdNotifier
    let logger: Logger
    var metrics: DaemonMetrics?
    /// Reloads Sources.yml and yuqing.yml on SIGHUP, together with the rules; nil reloads rules only.
    var configuration: ConfigReloader?
    /// Quiet time after a change before reloading: editors save in bursts.
    var settle: Duration = .milliseconds(300)
    var volumeTick: Duration = .seconds(60)

    private enum Trigger: Sendable {
        case signal, fileChange, tick
    }

    func run() async throws {
        let watcher: DirectoryWatcher?
        do {
            watcher = try DirectoryWatcher(directory: rules.directory)
        } catch {
            logger.warning("\(error)")
            watcher = nil
        }
        defer { watcher?.stop() }
        // inotify does not watch subdirectories; the lexicons get their own watch when present.
        let lexiconDirectory = rules.directory.appendingPathComponent(SentimentLexiconLoader.folder)
        let lexiconWatcher = FileManager.default.fileExists(atPath: lexiconDirectory.path)
            ? try? DirectoryWatcher(directory: lexiconDirectory) : nil
        defer { lexiconWatcher?.stop() }
        // Files edited between the first load and the watch starting would otherwise go unseen.
        reload(reason: "start of watch")
        let signals = await UnixSignalsSequence(trapping: .sighup)

        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                let (triggers, sink) = AsyncStream.makeStream(of: Trigger.self)
                group.addTask {
                    for await _ in signals { sink.yield(.signal) }
                }
                for watcher in [watcher, lexiconWatcher].compactMap(\.self) {
                    group.addTask {
                        for await _ in watcher.changes { sink.yield(.fileChange) }
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: volumeTick)
                        sink.yield(.tick)
                    }
                }
                for await trigger in triggers {
                    switch trigger {
                    case .tick:
                        await matcher.checkVolume()
                    case .signal:
                        notifier.reloading()
                        reloadAll()
                        notifier.ready(status: "reloaded")
                    case .fileChange:
                        try? await Task.sleep(for: settle)
                        reload(reason: "file change in \(rules.directory.path)")
                    }
                    if Task.isCancelled { break }
                }
                group.cancelAll()
            }
        }
    }

    /// SIGHUP: the files are validated as a whole. Broken config files keep everything (rules
    /// included) as it was; broken rules keep the old rules and the old configuration.
    private func reloadAll() {
        guard let configuration else {
            reload(reason: "SIGHUP")
            return
        }
        guard let loaded = configuration.load() else {
            metrics?.configReloaded(succeeded: false)
            return
        }
        guard reload(reason: "SIGHUP") else {
            logger.error("configuration not reloaded because Rules/ has errors; previous configuration stays in force")
            metrics?.configReloaded(succeeded: false)
            return
        }
        metrics?.configReloaded(succeeded: configuration.apply(loaded))
    }

    /// Reloads `Rules/`; false when the new rules are broken (the old ones stay).
    @discardableResult
    private func reload(reason: String) -> Bool {
        let before = rules.snapshot
        do {
            let snapshot = try rules.reload()
            if snapshot.sentimentVersion != before.sentimentVersion {
                logger.notice("sentiment lexicons reloaded", metadata: [
                    "reason": "\(reason)", "version": "\(snapshot.sentimentVersion)",
                ])
            }
            guard snapshot.version != before.version else { return true }
            matcher.rulesReloaded()
            metrics?.rulesReloaded(succeeded: true)
            logger.notice("rules reloaded", metadata: [
                "reason": "\(reason)", "version": "\(snapshot.version)", "rules": "\(snapshot.ruleCount)",
                "volume_rules": "\(snapshot.compiled.ruleSet.volumeRules.count)",
            ])
            return true
        } catch {
            metrics?.rulesReloaded(succeeded: false)
            for issue in error.issues {
                logger.error("rules not reloaded, previous rules stay in force: \(issue)")
            }
            return false
        }
    }
}
