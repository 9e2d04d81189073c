import ArgumentParser
import Foundation
import YuqingStore

/// `yuqing backup`: a consistent copy of the store while the daemon runs.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to FILE, consistently, while the daemon keeps running (SQLite backup API).",
        discussion: """
        The copy is a complete SQLite database: restore it by stopping the service and putting \
        it in place of the database file (see docs/operations.md).

        Examples:
          yuqing backup /var/backups/yuqing-$(date +%F).sqlite --config /etc/yuqing
          yuqing backup latest.sqlite --force
        """
    )

    @Argument(help: "Where to write the copy.")
    var file: String

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    @OptionGroup var options: CommonOptions

    func run() throws {
        let configuration = try options.loadConfiguration()
        let destination = URL(fileURLWithPath: file).standardizedFileURL.path
        if FileManager.default.fileExists(atPath: destination), !force {
            throw CommandFailure("\(destination) exists; choose another name or add --force to replace it")
        }
        guard destination != URL(fileURLWithPath: configuration.settings.databasePath).standardizedFileURL.path else {
            throw CommandFailure("\(destination) is the database itself; write the copy somewhere else")
        }
        let store = try Store(path: configuration.settings.databasePath)
        let started = Date()
        try store.backup(to: destination)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.int64Value ?? 0
        print("已备份 backed up \(configuration.settings.databasePath) → \(destination) "
            + "(\(ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file)), "
            + "\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
    }
}
