import ArgumentParser

/// `yuqing alerts`: the alert channels and (with the outbox work) the alerts sent.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Alerts and the channels they go out through.",
        discussion: """
        Examples:
          yuqing alerts test 值班室                      # every channel of one recipient
          yuqing alerts test smtp:duty@example.gov.cn    # one email through the smtp: server
        """,
        subcommands: [AlertsTestCommand.self]
    )
}
