import ArgumentParser
import Foundation
import YuqingCore
import YuqingStore

/// `yuqing item`: one stored item with its sentiment, its story and the rules it matched.
struct ItemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "item",
        abstract: "Show one stored item: source, times, link, sentiment, story, text, and the rules it matched with the words marked.",
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
        if let sentiment = item.sentiment {
            print("情感 sentiment: \(sentiment.chineseLabel) (\(String(format: "%+.2f", sentiment.score)))")
        } else {
            print("情感 sentiment: 尚未分析 (not analysed yet)")
        }
        if let storyID = item.storyID, let story = try store.story(id: storyID) {
            let first = configuration.source(id: story.firstSourceID)?.name ?? story.firstSourceID
            print("事件 story:     #\(story.id) \(story.title) — \(story.itemCount) 条信息，\(story.siteCount) 个站点；"
                + "首发 \(first) \(time.format(story.firstSeen))"
                + (story.firstItemID == item.id ? "（即本条）" : "（#\(story.firstItemID)）"))
        }
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
