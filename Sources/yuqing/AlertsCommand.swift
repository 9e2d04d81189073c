import ArgumentParser

/// `yuqing alerts`: the alert outbox; `list` (the default) shows recent alerts.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Show recent alerts and whether each reached its recipients.",
        discussion: """
        Examples:
          yuqing alerts                    # the 20 most recent alerts with their deliveries
          yuqing alerts --failed           # alerts that could not be delivered
          yuqing alerts list --limit 100
          yuqing alerts test 值班室            # a test message to every channel of one recipient
          yuqing alerts test smtp:duty@example.gov.cn
        """,
        subcommands: [AlertsListCommand.self, AlertsTestCommand.self],
        defaultSubcommand: AlertsListCommand.self
    )
}
