import ArgumentParser
import Foundation
import Logging
import YuqingCore
import YuqingFetch
import YuqingService
import YuqingStore

/// `yuqing fetch`: polls one source now and shows what it found.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch one source now, print the items it holds, and store them (unless --dry-run).",
        discussion: """
        Examples:
          yuqing fetch gov-news
          yuqing fetch bbs-minsheng --dry-run --config /etc/yuqing
        """
    )

    @Argument(help: "The id of a source in Sources.yml.")
    var sourceID: String

    @Flag(help: "Fetch and parse, but store nothing.")
    var dryRun = false

    @OptionGroup var options: CommonOptions

    func run() async throws {
        options.bootstrapLogging()
        let configuration = try options.loadConfiguration()
        guard let source = configuration.source(id: sourceID) else {
            let known = configuration.sources.map(\.id).joined(separator: ", ")
            throw CommandFailure("no source '\(sourceID)' in \(configuration.directory.path)/Sources.yml (known: \(known))")
        }
        let store = dryRun ? nil : try Daemon(configuration: configuration, logger: Logger(label: "yuqing")).openStore()
        let fetcher = try CurlFetcher(limits: FetchLimits(configuration.settings.crawl))
        defer { fetcher.shutdown() }
        let polite = PoliteFetcher(base: fetcher, settings: configuration.settings.crawl)
        let crawler = SourceCrawler(fetcher: polite, store: store, logger: Logger(label: "yuqing"))
        // Asked for by hand to see what the source holds: read the page in full, never a 304.
        let report = await crawler.crawl(source, sendValidators: false, skipUnchanged: false)

        let newKeys = Set(report.inserted.map(\.dedupKey))
        for entry in report.entries {
            let mark = dryRun ? "·" : (newKeys.contains(ItemIdentity.key(for: entry)) ? "+" : "=")
            print("\(mark) \(entry.title)")
            if let link = entry.link { print("    \(link.absoluteString)") }
            if let published = entry.published { print("    \(LocalTime(zone: configuration.settings.timeZone).format(published))") }
        }
        let record = report.record
        if report.succeeded {
            let stored = dryRun ? "dry run, nothing stored" : "\(report.inserted.count) new, \(report.updated.count) updated"
            print("\(source.id): \(record.outcome.rawValue), HTTP \(record.status ?? 0), \(record.itemsFound) items (\(stored)) in \(record.durationMilliseconds) ms")
        } else {
            FileHandle.standardError.write(Data("\(source.id): \(record.outcome.rawValue): \(record.errorDescription)\n".utf8))
            throw ExitCode.failure
        }
    }
}
