import Foundation
import YuqingCore
import YuqingDemo

/// Writes the `yuqing.yml` and `Sources.yml` that point the daemon at a running demo site.
struct DemoConfigWriter {
    let site: DemoSite
    let baseURL: URL
    let pollInterval: Duration

    /// Writes both files into `directory`, creating it; the demo owns these files and
    /// rewrites them on every start (the site's port may change).
    func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let settings = """
        # Written by `yuqing demo`; rewritten on every start.
        storage:
          path: data/yuqing.sqlite
        timezone: Asia/Shanghai
        crawl:
          minimum_interval: 1s
          timeout: 10s
          # Every demo feed is on one local server: no need to space requests out.
          per_host_concurrency: 8
          per_host_delay: 0s

        """
        var sources = """
        # Written by `yuqing demo`: the built-in demo site of \(site.catalog.city) at \(baseURL.absoluteString).
        defaults:
          interval: \(DurationText.format(pollInterval))
          region: \(site.catalog.city)
        sources:

        """
        for feed in site.catalog.feeds {
            sources += """
              - id: demo-\(feed.id)
                name: "\(feed.name)"
                kind: feed
                url: \(baseURL.absoluteString)\(feed.path)
                channel: \(feed.channel)
                tags: [演示]

            """
        }
        // The same city's sites read as HTML: the government's 信息公开 list (two pages, with
        // each new notice's article page) and the forum's board in GBK (threads gain replies).
        sources += """
          - id: demo-xxgk
            name: "\(site.catalog.city)人民政府 · 信息公开"
            kind: list
            url: \(baseURL.absoluteString)\(DemoSite.govListPath)
            channel: news
            selectors:
              item: ul.list li
              date: span.date
              next_page: a.next
            max_pages: 2
            tags: [演示]
          - id: demo-bbs
            name: "江临论坛 · 民生热线（网页）"
            kind: forum
            url: \(baseURL.absoluteString)\(DemoSite.forumBoardPath)
            channel: forum
            tags: [演示]

        """
        try Data(settings.utf8).write(to: directory.appending(path: "yuqing.yml"), options: .atomic)
        try Data(sources.utf8).write(to: directory.appending(path: "Sources.yml"), options: .atomic)
    }
}
