import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing
import YuqingCore
import YuqingDemo
import YuqingFetch

/// These tests talk to a real HTTP server on 127.0.0.1 through the real libcurl.
@Suite struct CurlFetcherTests {
    /// `江临市新闻 ` × 200, gzip-compressed (3,200 bytes inflated).
    static let gzippedBody = Data(base64Encoded: "H4sIAAAAAAACA3u2cf6THVue7mh6Nm3Dy+m7FZ6N8kf5o/xR/ih/lD/KH+WP8kf5o/xRPo34ALVqLNSADAAA")!

    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/feed.xml") { request, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/rss+xml; charset=gb2312", .eTag: "\"v1\"",
                          HTTPField.Name("X-Agent")!: request.headers[.userAgent] ?? ""],
                body: .init(byteBuffer: ByteBuffer(string: "<rss/>"))
            )
        }
        router.get("/gzip") { _, _ in
            Response(
                status: .ok,
                headers: [.contentEncoding: "gzip", .contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: gzippedBody))
            )
        }
        router.get("/conditional") { request, _ in
            if request.headers[.ifNoneMatch] == "\"v1\"" { return Response(status: .notModified) }
            return Response(status: .ok, headers: [.eTag: "\"v1\""], body: .init(byteBuffer: ByteBuffer(string: "fresh")))
        }
        router.get("/redirect/:n") { _, context in
            let n = Int(context.parameters.get("n") ?? "0") ?? 0
            let target = n <= 0 ? "/feed.xml" : "/redirect/\(n - 1)"
            return Response(status: .found, headers: [.location: target])
        }
        router.get("/loop") { _, _ in Response(status: .found, headers: [.location: "/loop"]) }
        router.get("/to-file") { _, _ in Response(status: .found, headers: [.location: "file:///etc/passwd"]) }
        router.get("/big") { _, _ in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: 300_000)))
        }
        router.get("/slow") { _, _ in
            try await Task.sleep(for: .seconds(5))
            return Response(status: .ok)
        }
        router.get("/missing") { _, _ in Response(status: .notFound) }
        router.get("/n/:i") { _, context in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: context.parameters.get("i") ?? "")))
        }
        return router
    }

    func withServer(_ body: (URL) async throws -> Void) async throws {
        let server = try await LocalHTTPServer.start(router: Self.router())
        do {
            try await body(server.baseURL)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func fetcher(_ limits: FetchLimits = FetchLimits(userAgent: "YuqingTest/1")) throws -> CurlFetcher {
        try CurlFetcher(limits: limits)
    }

    @Test func fetchesBodyStatusHeadersAndCharset() async throws {
        try await withServer { base in
            let fetcher = try fetcher()
            defer { fetcher.shutdown() }
            let response = try await fetcher.fetch(FetchRequest(url: base.appending(path: "feed.xml")))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "<rss/>")
            #expect(response.headers["etag"] == "\"v1\"")
            #expect(response.declaredCharset == "gb2312")
            #expect(response.headers["x-agent"] == "YuqingTest/1")
        }
    }

    /// Pages a list poll fetches from one host in a burst share a connection; polls, asked
    /// again only after their interval, open a fresh one and leave nothing in libcurl's caches.
    @Test func keepAliveRequestsShareAConnectionAndPollsDoNot() async throws {
        try await withServer { base in
            let fetcher = try fetcher()
            defer { fetcher.shutdown() }
            let url = base.appending(path: "feed.xml")
            var polls: [Int] = []
            for _ in 0 ..< 3 { polls.append(try await fetcher.fetch(FetchRequest(url: url)).newConnections) }
            #expect(polls == [1, 1, 1])
            var burst: [Int] = []
            for _ in 0 ..< 3 { burst.append(try await fetcher.fetch(FetchRequest(url: url, keepAlive: true)).newConnections) }
            #expect(burst == [1, 0, 0])
            // A poll may still use a connection a burst left open; it just does not keep it.
            #expect(try await fetcher.fetch(FetchRequest(url: url)).newConnections == 0)
            #expect(try await fetcher.fetch(FetchRequest(url: url)).newConnections == 1)
        }
    }

    @Test func decodesGzip() async throws {
        try await withServer { base in
            let fetcher = try fetcher()
            defer { fetcher.shutdown() }
            let response = try await fetcher.fetch(FetchRequest(url: base.appending(path: "gzip")))
            let text = String(decoding: response.body, as: UTF8.self)
            #expect(response.body.count == 3_200)
            #expect(text.hasPrefix("江临市新闻 江临市新闻"))
        }
    }

    @Test func sendsValidatorsAndSees304() async throws {
        try await withServer { base in
            let fetcher = try fetcher()
            defer { fetcher.shutdown() }
            let url = base.appending(path: "conditional")
            let first = try await fetcher.fetch(FetchRequest(url: url))
            #expect(first.status == 200)
            let second = try await fetcher.fetch(FetchRequest(url: url, etag: first.headers["etag"]))
            #expect(second.isNotModified)
            #expect(second.body.isEmpty)
        }
    }

    @Test func followsABoundedNumberOfRedirects() async throws {
        try await withServer { base in
            let fetcher = try fetcher(FetchLimits(maxRedirects: 3))
            defer { fetcher.shutdown() }
            let ok = try await fetcher.fetch(FetchRequest(url: base.appending(path: "redirect/2")))
            #expect(ok.status == 200)
            #expect(ok.finalURL.path == "/feed.xml")
            #expect(String(decoding: ok.body, as: UTF8.self) == "<rss/>")

            await #expect(throws: FetchError.tooManyRedirects(url: base.appending(path: "loop").absoluteString, limit: 3)) {
                try await fetcher.fetch(FetchRequest(url: base.appending(path: "loop")))
            }
        }
    }

    @Test func refusesNonHTTPSchemesAndRedirectsToThem() async throws {
        try await withServer { base in
            let fetcher = try fetcher()
            defer { fetcher.shutdown() }
            await #expect(throws: FetchError.unsupportedURL(url: "file:///etc/passwd")) {
                try await fetcher.fetch(FetchRequest(url: URL(string: "file:///etc/passwd")!))
            }
            do {
                let response = try await fetcher.fetch(FetchRequest(url: base.appending(path: "to-file")))
                Issue.record("redirect to file:// was followed: status \(response.status), \(response.body.count) bytes")
            } catch let error as FetchError {
                #expect(error.reason == "unsupported_url")
            }
        }
    }

    @Test func stopsAtTheBodyLimit() async throws {
        try await withServer { base in
            let fetcher = try fetcher(FetchLimits(maxBodyBytes: 100_000))
            defer { fetcher.shutdown() }
            let url = base.appending(path: "big")
            await #expect(throws: FetchError.bodyTooLarge(url: url.absoluteString, limit: 100_000)) {
                try await fetcher.fetch(FetchRequest(url: url))
            }
        }
    }

    @Test func timesOutASlowServer() async throws {
        try await withServer { base in
            let fetcher = try fetcher(FetchLimits(totalTimeout: .milliseconds(500)))
            defer { fetcher.shutdown() }
            let began = ContinuousClock.now
            do {
                _ = try await fetcher.fetch(FetchRequest(url: base.appending(path: "slow")))
                Issue.record("a 5 s response arrived within a 0.5 s limit")
            } catch let error as FetchError {
                #expect(error.reason == "timeout")
            }
            // Gave up before the server's 5 s answer. The margin is wide on purpose: with the
            // whole suite running on 2 cores, the 0.5 s limit once fired 3.5 s in.
            #expect(ContinuousClock.now - began < .milliseconds(4_500))
        }
    }

    @Test func returnsHTTPErrorsInsteadOfThrowing() async throws {
        try await withServer { base in
            let fetcher = try fetcher()
            defer { fetcher.shutdown() }
            let response = try await fetcher.fetch(FetchRequest(url: base.appending(path: "missing")))
            #expect(response.status == 404)
        }
    }

    @Test func reportsARefusedConnection() async throws {
        // Bind a server, note its port, stop it: nothing listens there any more.
        let server = try await LocalHTTPServer.start(router: Self.router())
        let url = server.baseURL.appending(path: "feed.xml")
        await server.stop()
        let fetcher = try fetcher()
        defer { fetcher.shutdown() }
        do {
            _ = try await fetcher.fetch(FetchRequest(url: url))
            Issue.record("fetch from a closed port succeeded")
        } catch let error as FetchError {
            #expect(error.reason == "connect")
            #expect(error.description.contains(url.absoluteString))
        }
    }

    @Test func runsManyTransfersConcurrently() async throws {
        try await withServer { base in
            let fetcher = try fetcher()
            defer { fetcher.shutdown() }
            let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for i in 0 ..< 200 {
                    group.addTask {
                        let response = try await fetcher.fetch(FetchRequest(url: base.appending(path: "n/\(i)")))
                        return (i, String(decoding: response.body, as: UTF8.self))
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(bodies.count == 200)
            #expect(bodies.allSatisfy { String($0.key) == $0.value })
        }
    }

    @Test func failsPendingFetchesOnShutdown() async throws {
        try await withServer { base in
            let fetcher = try fetcher()
            let slow = Task { try await fetcher.fetch(FetchRequest(url: base.appending(path: "slow"))) }
            try await Task.sleep(for: .milliseconds(200))
            fetcher.shutdown()
            await #expect(throws: FetchError.self) { try await slow.value }
            await #expect(throws: FetchError.shutDown(url: base.appending(path: "n/1").absoluteString)) {
                try await fetcher.fetch(FetchRequest(url: base.appending(path: "n/1")))
            }
        }
    }
}
