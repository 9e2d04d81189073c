import ArgumentParser
import Foundation
import YuqingCore
import YuqingFetch

/// `yuqing bench fetch`: the CPU the libcurl transfer layer spends a fetch, apart from
/// parsing and storing, against many loopback hosts (the site farm of `Benchmarks/farm`).
struct FetchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Time the fetch layer alone against a site farm (not needed in production).",
        discussion: """
        Round 1 fetches every URL; later rounds send the ETag each answer carried, so against
        a static farm they are all 304s, like a no-change poll. Prints wall time, process CPU
        a fetch and the statuses of each round.

        Example (a static farm of 10,000 sites on port 18080):
          site-farm --sites 10000 --port 18080 --static &
          yuqing bench fetch --sites 10000 --rounds 3 --idle-connections 256
        """
    )

    @Option(help: "URL of site i; {i} is replaced by 0 ..< --sites.")
    var template = "http://s{i}.localhost:18080/feed.xml"

    @Option(help: "How many sites.")
    var sites = 1_000

    @Option(help: "Rounds over every site.")
    var rounds = 3

    @Option(help: "Transfers in flight at once.")
    var concurrency = 64

    @Option(help: "Idle connections libcurl keeps for reuse (CURLMOPT_MAXCONNECTS).")
    var idleConnections = FetchLimits().idleConnections

    @Option(help: "Seconds libcurl keeps a resolved address (CURLOPT_DNS_CACHE_TIMEOUT).")
    var dnsCacheSeconds = FetchLimits().dnsCacheSeconds

    @Flag(help: "Send every request as keep-alive (FetchRequest.keepAlive), as list and forum pages go.")
    var keepAlive = false

    func run() async throws {
        let fetcher = try CurlFetcher(limits: FetchLimits(idleConnections: idleConnections, dnsCacheSeconds: dnsCacheSeconds))
        defer { fetcher.shutdown() }
        let urls = (0 ..< sites).map { URL(string: template.replacingOccurrences(of: "{i}", with: String($0)))! }
        var etags = [String?](repeating: nil, count: sites)
        for round in 1 ... max(1, rounds) {
            let cpuBefore = Self.processCPU()
            let began = ContinuousClock.now
            let answers = try await Self.fetchAll(urls, etags: etags, keepAlive: keepAlive, concurrency: concurrency, fetcher: fetcher)
            let wall = ContinuousClock.now - began
            let cpu = Self.processCPU() - cpuBefore
            var statuses: [String: Int] = [:]
            for (index, answer) in answers.enumerated() {
                switch answer {
                case .success(let response):
                    // A response for another URL would mean answers were paired wrongly.
                    if response.finalURL != urls[index] { statuses["misattributed", default: 0] += 1 }
                    statuses[String(response.status), default: 0] += 1
                    etags[index] = response.headers["etag"] ?? etags[index]
                case .failure:
                    statuses["error", default: 0] += 1
                }
            }
            let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
            print(String(format: "round %d: %d fetches in %.2f s (%.0f/s), CPU %.2f s = %.0f µs a fetch; ",
                         round, sites, seconds, Double(sites) / seconds, cpu, cpu / Double(sites) * 1e6)
                  + statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
        }
    }

    /// Fetches every URL with at most `concurrency` in flight; answers in URL order.
    static func fetchAll(
        _ urls: [URL], etags: [String?], keepAlive: Bool, concurrency: Int, fetcher: CurlFetcher
    ) async throws -> [Result<FetchResponse, any Error>] {
        let finished = try await withThrowingTaskGroup(of: (Int, Result<FetchResponse, any Error>).self) { group in
            var finished: [(Int, Result<FetchResponse, any Error>)] = []
            for (index, url) in urls.enumerated() {
                if index >= concurrency, let pair = try await group.next() { finished.append(pair) }
                let request = FetchRequest(url: url, etag: etags[index], obeysRobots: false, keepAlive: keepAlive)
                group.addTask {
                    // The result is bound before the tuple is built: `(index, .success(try await …))`
                    // came back with index 0 for every task in a release build (swiftlang/swift#91911).
                    let result: Result<FetchResponse, any Error>
                    do { result = .success(try await fetcher.fetch(request)) } catch { result = .failure(error) }
                    return (index, result)
                }
            }
            for try await pair in group { finished.append(pair) }
            return finished
        }
        return finished.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// User plus system CPU seconds of this process so far.
    static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
