import Foundation
import Hummingbird
import NIOCore

// A loopback farm of news sites for crawl benchmarks and soak runs.
//
//   site-farm --sites 2000 --port 18080 [--publish-every 60] [--static]
//
// Site i answers as host `s<i>.localhost` (curl resolves every *.localhost name to 127.0.0.1,
// so the daemon sees thousands of hosts and applies its per-host limits to each). Each site
// serves /feed.xml: RSS 2.0 with its last 20 items, about 6 KB, an ETag and Last-Modified, and
// a 304 to a matching If-None-Match. A site publishes one item every --publish-every seconds,
// each site at its own phase; --static publishes nothing after start. One item in ten
// mentions 排污 so the rules have something to match.
// Prints `published <total>` every 10 s so a run can count what the daemon should have stored.

struct Options {
    var sites = 1000
    var port = 18080
    var publishEvery: Double = 60
    var isStatic = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--sites": sites = Int(iterator.next() ?? "") ?? sites
            case "--port": port = Int(iterator.next() ?? "") ?? port
            case "--publish-every": publishEvery = Double(iterator.next() ?? "") ?? publishEvery
            case "--static": isStatic = true
            default:
                FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
                exit(2)
            }
        }
    }
}

let options = Options(CommandLine.arguments)
let start = Date()
let initialItems = 20

/// How many items site `site` has published by `now`.
func publishedCount(site: Int, at now: Date) -> Int {
    guard !options.isStatic else { return initialItems }
    let phase = Double(site % 997) / 997 * options.publishEvery
    let elapsed = now.timeIntervalSince(start) + phase
    return initialItems + max(0, Int(elapsed / options.publishEvery))
}

func site(of request: Request) -> Int? {
    guard let host = request.head.authority else { return nil }
    let name = host.split(separator: ":").first.map(String.init) ?? host
    guard name.hasPrefix("s"), name.hasSuffix(".localhost") else { return nil }
    return Int(name.dropFirst().dropLast(".localhost".count))
}

let filler = String(repeating: "江临市各部门持续推进民生实事项目，群众满意度稳步提升。", count: 4)
let dateFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return formatter
}()

func feed(site: Int, count: Int) -> String {
    var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>江临站点\(site)</title>"
        + "<link>http://s\(site).localhost/</link>"
    for item in stride(from: count - 1, through: max(0, count - 20), by: -1) {
        let topic = item % 10 == 0 ? "化工厂排污引发群众投诉" : "社区服务中心开展志愿活动"
        let published = start.addingTimeInterval(Double(item - initialItems) * options.publishEvery)
        xml += "<item><title>站点\(site)第\(item)条：\(topic)</title>"
            + "<link>http://s\(site).localhost/news/\(item).html</link><guid>s\(site)-\(item)</guid>"
            + "<pubDate>\(dateFormatter.string(from: published))</pubDate>"
            + "<description>\(topic)。\(filler)</description></item>"
    }
    return xml + "</channel></rss>"
}

let router = Router()
router.get("/feed.xml") { request, _ -> Response in
    guard let site = site(of: request), site < options.sites else { return Response(status: .notFound) }
    let count = publishedCount(site: site, at: Date())
    let etag = "\"s\(site)-\(count)\""
    if request.headers[.ifNoneMatch] == etag {
        return Response(status: .notModified, headers: [.eTag: etag])
    }
    return Response(
        status: .ok,
        headers: [.contentType: "application/rss+xml; charset=utf-8", .eTag: etag],
        body: .init(byteBuffer: ByteBuffer(string: feed(site: site, count: count))))
}

let reporter = Task {
    while !Task.isCancelled {
        let now = Date()
        let total = (0 ..< options.sites).reduce(0) { $0 + publishedCount(site: $1, at: now) }
        FileHandle.standardOutput.write(Data("published \(total) at \(Int(now.timeIntervalSince1970))\n".utf8))
        try? await Task.sleep(for: .seconds(10))
    }
}
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: options.port), serverName: "site-farm"))
try await app.runService()
