import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import Synchronization
import Testing

/// SIGHUP re-reads Sources.yml (and yuqing.yml) in the running daemon.
@Suite struct ConfigReloadTests {
    static func rss(_ title: String) -> Response {
        let body = #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>"#
            + "<item><title>\(title)</title><link>http://example.invalid/\(title)</link></item></channel></rss>"
        return Response(status: .ok, headers: [.contentType: "application/rss+xml"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Polls `condition` every 100 ms for up to `limit`; true once it holds.
    func eventually(within limit: Duration = .seconds(15), _ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }

    @Test func sighupAddsASourceAndABrokenSourcesFileKeepsTheRunningOnes() async throws {
        let hits = Mutex([String: Int]())
        let router = Router()
        for name in ["a", "b"] {
            router.get(RouterPath(stringLiteral: "\(name).xml")) { _, _ -> Response in
                hits.withLock { $0[name, default: 0] += 1 }
                return Self.rss("江临市\(name)")
            }
        }
        try await withTemporaryDirectory { directory in
            try await withServer(router) { base in
                let sources = directory.appending(path: "Sources.yml")
                func source(_ name: String) -> String { "  - id: \(name)\n    url: \(base.absoluteString)/\(name).xml\n    interval: 1s\n" }
                try ("sources:\n" + source("a")).write(to: sources, atomically: true, encoding: .utf8)
                let (process, out, err) = try CommandLineTests.launch(["run", "--config", directory.path])
                // Polling has begun, so the services (and the SIGHUP handler) are running.
                #expect(try await eventually { hits.withLock { $0["a"] } != nil })
                try await Task.sleep(for: .milliseconds(300))
                #expect(hits.withLock { $0["b"] } == nil)

                try ("sources:\n" + source("a") + source("b")).write(to: sources, atomically: true, encoding: .utf8)
                kill(process.processIdentifier, SIGHUP)
                #expect(try await eventually { hits.withLock { $0["b"] } != nil }, "the added source was never polled")

                try ("sources:\n" + source("a") + "  - id: c\n    ur1: http://127.0.0.1/\n").write(to: sources, atomically: true, encoding: .utf8)
                kill(process.processIdentifier, SIGHUP)
                try await Task.sleep(for: .milliseconds(500))
                let before = hits.withLock { $0 }
                // Both sources of the last good configuration are still polled.
                #expect(try await eventually {
                    let now = hits.withLock { $0 }
                    return now["a", default: 0] > before["a", default: 0] && now["b", default: 0] > before["b", default: 0]
                })
                #expect(process.isRunning, "a broken Sources.yml must not stop the daemon")

                process.terminate()
                let outcome = CommandLineTests.finish(process, out, err)
                #expect(outcome.status == 0)
                #expect(outcome.stderr.contains("configuration reloaded"), "\(outcome.stderr)")
                #expect(outcome.stderr.contains("configuration not reloaded, previous configuration stays in force: Sources.yml:5:"),
                        "\(outcome.stderr)")
            }
        }
    }
}
