import ArgumentParser
import Foundation
import YuqingCore
import YuqingStore

/// `yuqing item`: one stored item with the rules it matched.
struct ItemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "item",
        abstract: "Show one stored item: source, times, link, text, and the rules it matched with the words marked.",
        discussion: """
        Examples:
          yuqing item 42 --config /etc/yuqing
        """
    )

    @Argument(help: "The item's number (as `yuqing rules test` and the logs show it).")
    var id: Int64

    @OptionGroup var options: CommonOptions

    func run() throws {
        let configuration = try options.loadConfiguration()
        let store = try Store(path: configuration.settings.databasePath)
        guard let item = try store.item(id: id) else {
            throw CommandFailure("no item #\(id) in \(configuration.settings.databasePath)")
        }
        let source = configuration.source(id: item.sourceID)
        let matches = try store.matches(itemID: id)
        let time = LocalTime(zone: configuration.settings.timeZone)
        let highlights = matches.flatMap(\.highlights)
        print("#\(item.id) \(Highlight.mark(item.title, with: highlights, field: .title))")
        print("来源 source:    \(source.map { "\($0.name) (\($0.id), \($0.channel.chineseLabel))" } ?? item.sourceID)")
        if let author = item.author { print("作者 author:    \(author)") }
        if let published = item.published { print("发布 published: \(time.format(published))") }
        print("入库 stored:    \(time.format(item.firstSeen))" + (item.updatedAt > item.firstSeen ? ", updated \(time.format(item.updatedAt))" : ""))
        if let url = item.url { print("链接 link:      \(url.absoluteString)") }
        if matches.isEmpty {
            print("规则 rules:     no match")
        }
        for match in matches {
            let score = match.score.map { ", score \($0)" } ?? ""
            let words = Array(Set(match.highlights.map(\.text))).sorted().joined(separator: "、")
            print("规则 rule:      \(match.ruleName) [\(match.group)/\(match.severity.chineseName)\(score)] \(words), matched \(time.format(match.matchedAt))")
        }
        print("")
        print(Highlight.mark(item.summary, with: highlights, field: .body))
    }
}
