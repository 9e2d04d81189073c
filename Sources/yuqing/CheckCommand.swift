import ArgumentParser
import Foundation
import YuqingCore

/// `yuqing check`: validates the configuration directory.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate yuqing.yml and Sources.yml; print every error as file:line:col and exit 1 if any.",
        discussion: """
        Examples:
          yuqing check --config /etc/yuqing
          yuqing check            # the current directory
        """
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        let configuration = try options.loadConfiguration()
        let enabled = configuration.sources.filter(\.enabled).count
        print("ok: \(configuration.sources.count) sources (\(enabled) enabled), database \(configuration.settings.databasePath), time zone \(configuration.settings.timeZone)")
    }
}
