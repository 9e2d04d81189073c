import ArgumentParser
import Foundation
import YuqingFetch

/// The `yuqing` command line.
@main
struct YuqingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yuqing",
        abstract: "Yuqing (舆情): crawl news sites, forums and feeds; flag, warn and report.",
        discussion: """
        Examples:
          yuqing demo                       # try it: a built-in demo site on 127.0.0.1
          yuqing check --config /etc/yuqing # validate Sources.yml and yuqing.yml
          yuqing fetch gov-news --dry-run   # fetch one source and show what it holds
          yuqing run --config /etc/yuqing   # the daemon (systemd runs this)
          yuqing digest --period week       # last week's 舆情周报
        """,
        version: "0.1.0",
        subcommands: [RunCommand.self, CheckCommand.self, FetchCommand.self, StatusCommand.self, SourcesCommand.self, ItemCommand.self, SearchCommand.self, ExportCommand.self, BackupCommand.self, VacuumCommand.self, RulesCommand.self, AlertsCommand.self, DigestCommand.self, BenchCommand.self, DemoCommand.self]
    )

    /// Sets up process-wide state before any thread starts, then dispatches.
    static func main() async {
        // A SIGHUP before the reload handler is installed would kill the process.
        signal(SIGHUP, SIG_IGN)
        CurlFetcher.initializeGlobalState()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
