import ArgumentParser
import Logging
import YuqingService

/// `yuqing run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: poll every source at its interval until SIGTERM or SIGINT.",
        discussion: """
        Examples:
          yuqing run --config /etc/yuqing
          yuqing run --config . --log-level debug
        """
    )

    @OptionGroup var options: CommonOptions

    func run() async throws {
        MallocArenas.limitForDaemon()
        options.bootstrapLogging()
        let configuration = try options.loadConfiguration()
        try await Daemon(configuration: configuration, logger: Logger(label: "yuqing")).run()
    }
}
