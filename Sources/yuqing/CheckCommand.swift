import ArgumentParser
import Foundation
import YuqingCore

/// `yuqing check`: validates the configuration directory.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate yuqing.yml, Sources.yml and Rules/; print every error as file:line:col and exit 1 if any.",
        discussion: """
        Examples:
          yuqing check --config /etc/yuqing
          yuqing check            # the current directory
        """
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        // Both are checked before either is reported, so one run shows every problem.
        let configuration = Result { try options.loadConfiguration() }
        let rules = Result { try options.loadRules() }
        let (loaded, ruleSet) = (try configuration.get(), try rules.get())
        let enabled = loaded.sources.filter(\.enabled).count
        print("ok: \(loaded.sources.count) sources (\(enabled) enabled), \(ruleSet.rules.count) rules and \(ruleSet.volumeRules.count) volume rules, database \(loaded.settings.databasePath), time zone \(loaded.settings.timeZone)")
    }
}
