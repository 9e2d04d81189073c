import Foundation
import Hummingbird
import NIOCore
import Synchronization

// A loopback farm of news sites for crawl benchmarks, alert-latency runs and soak runs.
//
//   site-farm --sites 2000 --port 18080 [--publish-every 60] [--static] [--no-validators]
//             [--volatile] [--alert-every 20] [--publish-for SECONDS] [--publish-log FILE.csv]
//
// Site i answers as host `s<i>.localhost` (curl resolves every *.localhost name to 127.0.0.1,
// so the daemon sees thousands of hosts and applies its per-host limits to each). Each site
// serves /feed.xml: RSS 2.0 with its last 20 items, about 6 KB, an ETag, and a 304 to a
// matching If-None-Match. A site publishes one item every --publish-every seconds,
// each site at its own phase; --static publishes nothing after start, --publish-for stops
// publishing that many seconds after start (so a run can drain). --no-validators sends no
// ETag and never a 304, like servers that ignore conditional GET: every poll is a full page to
// parse, with nothing new on it when --static. --volatile puts the time of the request in the
// channel's <lastBuildDate>, as many CMSs do, so two polls more than a second apart never read
// the same bytes and every poll must be parsed (the daemon skips a body identical to the last
// one it read). The ETag does not change with it: use --no-validators too, or polls are 304s.
// A site's items are rendered once per count and kept, so the farm's own CPU stays small beside
// the daemon's: a real site's server does not run on the crawler's cores.
//
// Every item has its own text (words drawn by a generator seeded with the site and item), so
// items are distinct stories to the daemon's near-duplicate clustering. One item in
// --alert-every published after start (spread across sites) carries the watch term `偷排`
// (0: none); the 20 items a site starts with never do, so the first sweep raises no alerts.
// --publish-log writes one CSV line per item the moment it is published:
// `guid,link,site,item,published_ms,alert` (unix milliseconds; alert 1 for the watch-term items).
// Prints `published <total> at <unix s>` every 10 s.

struct Options {
    var sites = 1000
    var port = 18080
    var publishEvery: Double = 60
    var isStatic = false
    var sendsValidators = true
    var isVolatile = false
    var alertEvery = 20
    var publishFor: Double = .infinity
    var publishLog: String?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--sites": sites = Int(iterator.next() ?? "") ?? sites
            case "--port": port = Int(iterator.next() ?? "") ?? port
            case "--publish-every": publishEvery = Double(iterator.next() ?? "") ?? publishEvery
            case "--static": isStatic = true
            case "--no-validators": sendsValidators = false
            case "--volatile": isVolatile = true
            case "--alert-every": alertEvery = Int(iterator.next() ?? "") ?? alertEvery
            case "--publish-for": publishFor = Double(iterator.next() ?? "") ?? publishFor
            case "--publish-log": publishLog = iterator.next()
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
let watchTerm = "偷排"

/// The phase of a site's publishing clock, in [0, publishEvery).
func phase(site: Int) -> Double { Double(site % 997) / 997 * options.publishEvery }

/// How many items site `site` has published by `now`.
func publishedCount(site: Int, at now: Date) -> Int {
    guard !options.isStatic else { return initialItems }
    let elapsed = min(now.timeIntervalSince(start), options.publishFor) + phase(site: site)
    return initialItems + max(0, Int(elapsed / options.publishEvery))
}

/// The instant item `item` of site `site` appeared (the first moment `publishedCount` counts it).
func publishedAt(site: Int, item: Int) -> Date {
    guard item >= initialItems else {
        return start.addingTimeInterval(Double(item - initialItems) * options.publishEvery)
    }
    return start.addingTimeInterval(Double(item - initialItems + 1) * options.publishEvery - phase(site: site))
}

/// Whether an item carries the watch term: one in `alertEvery` of those published after start.
func isAlerting(site: Int, item: Int) -> Bool {
    options.alertEvery > 0 && item >= initialItems && (site &* 7 &+ item) % options.alertEvery == 0
}

func site(of request: Request) -> Int? {
    guard let host = request.head.authority else { return nil }
    let name = host.split(separator: ":").first.map(String.init) ?? host
    guard name.hasPrefix("s"), name.hasSuffix(".localhost") else { return nil }
    return Int(name.dropFirst().dropLast(".localhost".count))
}

/// SplitMix64: a small deterministic generator, so an item's text is the same on every request.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick(_ words: [String]) -> String { words[Int(next() % UInt64(words.count))] }
}

// No word contains 偷 or 排, so only the alerting items match the watch rule.
let places = ["江临市", "东湖区", "西河区", "南山镇", "北岭乡", "临江街道", "青石村", "白沙湾", "新港开发区", "高新园区",
              "滨江新区", "云岭县", "石门镇", "柳岸社区", "金沙街道", "河口村"]
let words = ["居民", "道路", "学校", "医院", "公交", "菜市场", "物业", "停车", "供水", "供暖", "燃气", "绿化", "垃圾分类",
             "噪声", "施工", "拆迁", "补偿", "学位", "房价", "租金", "工资", "社保", "医保", "养老", "托育", "消防", "安全",
             "检查", "整改", "通报", "约谈", "投诉", "热线", "回应", "调查", "座谈", "走访", "志愿者", "文明", "创建",
             "旅游", "景区", "门票", "夜市", "商户", "价格", "监管", "执法", "城管", "占道", "河道", "治理", "工地",
             "扬尘", "渣土车", "超载", "交通", "拥堵", "地铁", "站点", "改造", "老旧小区", "电梯", "加装", "业主",
             "维权", "合同", "纠纷", "调解", "法院", "判决", "食品", "抽检", "不合格", "餐馆", "卫生", "许可",
             "农业", "种植", "合作社", "收购", "粮食", "天气", "暴雨", "预警", "积水", "抢修", "停电", "线路"]
let events = ["引发关注", "群众反映强烈", "部门回应", "网友热议", "进展通报", "持续发酵", "情况说明", "现场直击"]

/// The title and description of one item; the alerting ones name the watch term.
func text(site: Int, item: Int) -> (title: String, description: String) {
    var random = SplitMix64(state: UInt64(site) << 32 | UInt64(item))
    let alert = isAlerting(site: site, item: item)
    var title = random.pick(places) + random.pick(words) + random.pick(words) + random.pick(words)
    if alert { title += "企业" + watchTerm + "废水" }
    title += random.pick(events)
    var description = random.pick(places)
    for index in 0 ..< 45 {
        description += random.pick(words)
        if index % 9 == 8 { description += "。" } else if index % 3 == 2 { description += "，" }
    }
    if alert { description += "有群众反映附近企业夜间" + watchTerm + "。" }
    return (title, description)
}

let dateFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return formatter
}()

/// The channel's items of site `site` when it has published `count`: rendered once per count.
func items(site: Int, count: Int) -> String {
    var xml = ""
    for item in stride(from: count - 1, through: max(0, count - 20), by: -1) {
        let (title, description) = text(site: site, item: item)
        xml += "<item><title>站点\(site)第\(item)条：\(title)</title>"
            + "<link>http://s\(site).localhost/news/\(item).html</link><guid>s\(site)-\(item)</guid>"
            + "<pubDate>\(dateFormatter.string(from: publishedAt(site: site, item: item)))</pubDate>"
            + "<description>\(description)</description></item>"
    }
    return xml
}

/// Each site's rendered items and the count they were rendered for.
let renderedItems = Mutex([Int: (count: Int, xml: String)]())
/// The current second's RFC 822 date, formatted once a second rather than once a request.
let buildDate = Mutex((second: 0, text: ""))

func feed(site: Int, count: Int, at now: Date) -> String {
    let cached = renderedItems.withLock { $0[site] }
    let itemsXML: String
    if let cached, cached.count == count {
        itemsXML = cached.xml
    } else {
        itemsXML = items(site: site, count: count)
        renderedItems.withLock { $0[site] = (count, itemsXML) }
    }
    var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>江临站点\(site)</title>"
        + "<link>http://s\(site).localhost/</link>"
    if options.isVolatile {
        let second = Int(now.timeIntervalSince1970)
        xml += "<lastBuildDate>" + buildDate.withLock { date in
            if date.second != second {
                date = (second, dateFormatter.string(from: Date(timeIntervalSince1970: Double(second))))
            }
            return date.text
        } + "</lastBuildDate>"
    }
    return xml + itemsXML + "</channel></rss>"
}

let router = Router()
router.get("/feed.xml") { request, _ -> Response in
    guard let site = site(of: request), site < options.sites else { return Response(status: .notFound) }
    let now = Date()
    let count = publishedCount(site: site, at: now)
    let etag = "\"s\(site)-\(count)\""
    if options.sendsValidators, request.headers[.ifNoneMatch] == etag {
        return Response(status: .notModified, headers: [.eTag: etag])
    }
    var headers: HTTPFields = [.contentType: "application/rss+xml; charset=utf-8"]
    if options.sendsValidators { headers[.eTag] = etag }
    return Response(
        status: .ok,
        headers: headers,
        body: .init(byteBuffer: ByteBuffer(string: feed(site: site, count: count, at: now))))
}

/// Writes the publish log: every item once, with the instant it became visible (computed, not
/// observed, so the log's own timing does not matter). Items a site starts with are logged at start.
func logPublished(to path: String) async {
    guard FileManager.default.createFile(atPath: path, contents: Data("guid,link,site,item,published_ms,alert\n".utf8)),
          let file = FileHandle(forWritingAtPath: path) else {
        FileHandle.standardError.write(Data("cannot write \(path)\n".utf8))
        exit(1)
    }
    file.seekToEndOfFile()
    var logged = [Int](repeating: 0, count: options.sites)
    while !Task.isCancelled {
        let now = Date()
        var lines = ""
        for site in 0 ..< options.sites {
            let count = publishedCount(site: site, at: now)
            for item in logged[site] ..< count {
                let ms = Int64((publishedAt(site: site, item: item).timeIntervalSince1970 * 1000).rounded())
                lines += "s\(site)-\(item),http://s\(site).localhost/news/\(item).html,\(site),\(item),\(ms),"
                    + (isAlerting(site: site, item: item) ? "1\n" : "0\n")
            }
            logged[site] = count
        }
        if !lines.isEmpty { file.write(Data(lines.utf8)) }
        try? await Task.sleep(for: .milliseconds(200))
    }
}

let publishLogger = options.publishLog.map { path in Task { await logPublished(to: path) } }
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
