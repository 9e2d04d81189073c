import ArgumentParser
import Foundation
import Logging
import YuqingConfig
import YuqingCore
import YuqingExtract

/// Options every command that reads the configuration shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Configuration directory holding yuqing.yml, Sources.yml and Rules/.",
        discussion: "Default: $CONFIGURATION_DIRECTORY (set by systemd), else the current directory.",
        valueName: "dir"
    ))
    var config: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    /// The configuration directory to use.
    var configDirectory: URL {
        let path = config ?? ProcessInfo.processInfo.environment["CONFIGURATION_DIRECTORY"] ?? FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    /// Loads the configuration, or prints every problem (`file:line:col: error: …`) and exits 1.
    func loadConfiguration() throws -> Configuration {
        do {
            return try ConfigLoader.load(directory: configDirectory, selectorChecker: PageSelectorChecker())
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// The `Rules/` directory of the configuration directory.
    var rulesDirectory: URL { configDirectory.appending(path: "Rules", directoryHint: .isDirectory) }

    /// Loads `Rules/` (none when the directory does not exist), or prints every problem and exits 1.
    func loadRules() throws -> RuleSet {
        guard FileManager.default.fileExists(atPath: rulesDirectory.path) else { return RuleSet() }
        do {
            // Both are checked before either is reported, so one run shows every problem.
            let rules = Result { () throws(ConfigErrors) in try RuleLoader.load(directory: rulesDirectory) }
            let lexicon = Result { () throws(ConfigErrors) in try SentimentLexiconLoader.load(rulesDirectory: rulesDirectory) }
            var issues: [ConfigIssue] = []
            if case let .failure(error) = rules { issues += error.issues }
            if case let .failure(error) = lexicon { issues += error.issues }
            guard issues.isEmpty else { throw ConfigErrors(issues: issues) }
            return try rules.get()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Routes swift-log to stderr at the chosen level; one line per event, for journald.
    func bootstrapLogging() {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
