import ArgumentParser

/// `yuqing alerts`: the alert outbox; `list` (the default) shows recent alerts.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Show recent alerts and whether each reached its recipients.",
        discussion: """
        Examples:
          yuqing alerts                    # the 20 most recent alerts with their deliveries
          yuqing alerts --failed           # alerts that could not be delivered
          yuqing alerts list --limit 100
        """,
        subcommands: [AlertsListCommand.self],
        defaultSubcommand: AlertsListCommand.self
    )
}
