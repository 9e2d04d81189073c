import Foundation
import Testing
import YuqingCore
import YuqingDemo
import YuqingFetch

/// Servers that misbehave on the wire. For each, the fetch must end in bounded time with a
/// typed failure that names the URL — never hang, never buffer without limit, never return
/// a truncated body as if it were whole.
@Suite struct HostileServerTests {
    /// Limits like the daemon's, with the slow-transfer window shortened so the tests are quick.
    /// The total timeout is long so that "cut off by the right limit" (a few seconds) and "left
    /// to the total timeout" stay far apart even when the whole suite loads the 2 cores and a
    /// fetch that takes 2 s alone takes 15 s (seen in CI-like runs).
    static let limits = FetchLimits(
        userAgent: "YuqingTest/1", totalTimeout: .seconds(90), maxBodyBytes: 1_000_000,
        lowSpeedBytesPerSecond: 1_000, lowSpeedTime: .seconds(1))

    func fetchFailure(
        _ behaviour: HostileServer.Behaviour, limits: FetchLimits = limits
    ) async throws -> (error: FetchError?, elapsed: Duration, server: HostileServer) {
        let server = try HostileServer(behaviour)
        defer { server.stop() }
        let fetcher = try CurlFetcher(limits: limits)
        defer { fetcher.shutdown() }
        let began = ContinuousClock.now
        do {
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml")))
            Issue.record("fetch succeeded with status \(response.status) and \(response.body.count) bytes")
            return (nil, ContinuousClock.now - began, server)
        } catch let error as FetchError {
            #expect(error.description.contains(server.url("/feed.xml").absoluteString), "error names the URL: \(error)")
            return (error, ContinuousClock.now - began, server)
        }
    }

    @Test func aServerDrippingOneByteAtATimeIsCutOff() async throws {
        let body = Data(repeating: UInt8(ascii: "x"), count: 100_000)
        let (error, elapsed, _) = try await fetchFailure(.write(
            head: "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n",
            body: .bytes(body), chunk: 1, pause: .milliseconds(200), reset: false))
        #expect(error?.reason == "timeout")
        // One low-speed window (1 s) plus libcurl's once-a-second check, about 2 s; the bound is
        // loose for loaded CI machines but well below the 90 s total timeout it must not wait for.
        #expect(elapsed < .seconds(40))
    }

    @Test func headersThatNeverEndAreCutOff() async throws {
        let (error, elapsed, _) = try await fetchFailure(.write(
            head: "HTTP/1.1 200 OK\r\n", body: .endless(Data("X-Padding: a\r\n".utf8)), chunk: 1,
            pause: .milliseconds(200), reset: false))
        #expect(error?.reason == "timeout")
        #expect(elapsed < .seconds(40))
    }

    @Test func aFloodOfHeadersFailsFast() async throws {
        let (error, elapsed, _) = try await fetchFailure(.write(
            head: "HTTP/1.1 200 OK\r\n", body: .endless(Data("X-Padding: \(String(repeating: "a", count: 1000))\r\n".utf8)),
            chunk: 64 * 1024, pause: .zero, reset: false))
        #expect(error != nil)
        #expect(elapsed < .seconds(40))
    }

    @Test func anEndlessBodyStopsAtTheBodyLimit() async throws {
        let (error, elapsed, server) = try await fetchFailure(.write(
            head: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n",
            body: .endless(Data(repeating: UInt8(ascii: "y"), count: 64 * 1024)), chunk: 64 * 1024,
            pause: .zero, reset: false))
        #expect(error == .bodyTooLarge(url: server.url("/feed.xml").absoluteString, limit: 1_000_000))
        #expect(elapsed < .seconds(40))
    }

    @Test func aGzipBombStopsAtTheLimitAfterInflating() async throws {
        // 64 MB of zeros compress to about 64 KB: the wire size is far under the limit,
        // so only a check after decompression catches it.
        let bomb = try Self.gzip(zeros: 64 * 1024 * 1024)
        #expect(bomb.count < 500_000, "the bomb must be well under the 1 MB limit on the wire")
        let (error, elapsed, server) = try await fetchFailure(.write(
            head: "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Encoding: gzip\r\n"
                + "Content-Length: \(bomb.count)\r\n\r\n",
            body: .bytes(bomb), chunk: 64 * 1024, pause: .zero, reset: false))
        #expect(error == .bodyTooLarge(url: server.url("/feed.xml").absoluteString, limit: 1_000_000))
        #expect(elapsed < .seconds(40))
    }

    @Test func aResetMidBodyIsAFailureNotATruncatedPage() async throws {
        let (error, _, _) = try await fetchFailure(.write(
            head: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n",
            body: .bytes(Data(repeating: UInt8(ascii: "z"), count: 2_000)), chunk: 1_000,
            pause: .milliseconds(50), reset: true))
        #expect(error != nil)
        #expect(["connect", "transfer"].contains(error?.reason ?? ""), "reason: \(error?.reason ?? "none")")
    }

    @Test func aServerClosingBeforeTheWholeBodyIsAFailure() async throws {
        let (error, _, _) = try await fetchFailure(.write(
            head: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n",
            body: .bytes(Data(repeating: UInt8(ascii: "z"), count: 2_000)), chunk: 2_000,
            pause: .zero, reset: false))
        #expect(error != nil)
    }

    /// `zeros` zero bytes, gzip-compressed by the system's gzip (every Debian has it).
    static func gzip(zeros: Int) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "head -c \(zeros) /dev/zero | gzip -9"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
