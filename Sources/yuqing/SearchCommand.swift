import ArgumentParser
import Foundation
import YuqingCore
import YuqingStore

/// `yuqing search`: full-text search over stored items.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search stored items by words in their title or text (Chinese substrings of any length).",
        discussion: """
        Every word must occur. Words of three or more characters use the full-text index; \
        one- and two-character words (舆情, 拆迁) are found by a slower scan. Quote a phrase \
        with spaces in it. Characters such as * " ( : are searched as plain text.

        Examples:
          yuqing search 舆情 --since 7d
          yuqing search 化工园区 排污 --channel forum --limit 20
          yuqing search 拆迁 --rule 征地拆迁 --config /etc/yuqing
        """
    )

    @Argument(help: "Words to look for; all must occur.")
    var words: [String]

    @Option(help: "Only items first seen within this age: 12h, 7d, 30d.")
    var since: AgeArgument?

    @Option(help: "Only items from sources of this channel: \(Channel.allCases.map(\.rawValue).joined(separator: ", ")).")
    var channel: Channel?

    @Option(help: "Only items that matched the rule of this name.")
    var rule: String?

    @Option(help: "Show at most this many items, newest first.")
    var limit: Int = 50

    @OptionGroup var options: CommonOptions

    func run() throws {
        let configuration = try options.loadConfiguration()
        let store = try Store(path: configuration.settings.databasePath)
        let query = words.map { $0.contains(where: \.isWhitespace) ? "\"\($0)\"" : $0 }.joined(separator: " ")
        let hits = try store.search(query, since: since?.start(), channel: channel, rule: rule, limit: limit)
        guard !hits.isEmpty else {
            print("没有找到 no items found for \(words.joined(separator: " "))")
            return
        }
        let time = LocalTime(zone: configuration.settings.timeZone)
        var table = TextTable(header: ["ID", "STORED", "SOURCE", "TITLE"])
        for hit in hits {
            table.rows.append([String(hit.item.id), time.format(hit.item.firstSeen), hit.sourceName, hit.item.title])
        }
        print(table.render())
        print("")
        for hit in hits {
            print("#\(hit.item.id) \(hit.snippet)")
        }
        print("共 \(hits.count) 条 \(hits.count == limit ? "(limit reached; use --limit for more)" : "")")
    }
}
