import ArgumentParser
import Foundation
import YuqingCore
import YuqingStore

/// `yuqing export`: stored items as CSV or JSON lines.
struct ExportCommand: ParsableCommand {
    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, jsonl
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the items stored in a period as CSV (for Excel) or JSON lines, oldest first.",
        discussion: """
        CSV follows RFC 4180 (UTF-8, CRLF). Excel on Windows needs --bom to read the Chinese \
        text as UTF-8.

        Examples:
          yuqing export --since 7d --format csv --bom --out 本周.csv
          yuqing export --since 30d --format jsonl > items.jsonl
        """
    )

    @Option(help: "Items first seen within this age: 12h, 7d, 30d.")
    var since: AgeArgument = AgeArgument(argument: "7d")!

    @Option(help: "csv or jsonl.")
    var format: Format = .csv

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Flag(help: "Start the CSV with a UTF-8 byte order mark, so Excel reads Chinese correctly.")
    var bom = false

    @OptionGroup var options: CommonOptions

    func run() throws {
        let configuration = try options.loadConfiguration()
        let store = try Store(path: configuration.settings.databasePath)
        let export = ItemExport(zone: configuration.settings.timeZone)
        let items = try store.items(since: since.start())
        var text = format == .csv ? (bom ? "\u{FEFF}" : "") + export.csvHeader() : ""
        for item in items {
            let source = configuration.source(id: item.sourceID)
            let rules = try store.matches(itemID: item.id).map(\.ruleName)
            let row = ItemExport.Row(item: item, sourceName: source?.name ?? item.sourceID,
                                     channel: source?.channel.chineseLabel ?? "", rules: rules)
            text += format == .csv ? export.csv(row) : export.jsonLine(row)
        }
        if let out {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out))
            } catch {
                throw CommandFailure("cannot write \(out): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("已导出 exported \(items.count) items to \(out)\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
