import ArgumentParser
import Foundation
import YuqingStore

/// `yuqing vacuum`: compact the database file after pruning.
struct VacuumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vacuum",
        abstract: "Compact the database (VACUUM) and refresh query statistics (PRAGMA optimize).",
        discussion: """
        Pruning frees pages inside the file; VACUUM gives them back to the file system. It \
        blocks the daemon's writes while it runs (seconds to minutes) and needs free disk \
        space about the size of the database.

        Examples:
          yuqing vacuum --config /etc/yuqing
        """
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        let configuration = try options.loadConfiguration()
        let store = try Store(path: configuration.settings.databasePath)
        let result = try store.vacuum()
        func size(_ bytes: Int64) -> String { ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file) }
        print("整理前 before: \(size(result.bytesBefore))  整理后 after: \(size(result.bytesAfter))")
    }
}
