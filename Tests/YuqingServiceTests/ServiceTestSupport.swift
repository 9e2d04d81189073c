import Foundation
import Hummingbird
import Logging
import Synchronization
import YuqingCore
import YuqingDemo
import YuqingStore

/// A clock the demo site reads, which a test moves by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// A fresh temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("yuqing-service-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// Runs `body` with a real HTTP server on 127.0.0.1 serving `router`, stopping it afterwards.
func withServer<T>(_ router: Router<BasicRequestContext>, _ body: (URL) async throws -> T) async throws -> T {
    let server = try await LocalHTTPServer.start(router: router)
    do {
        let result = try await body(server.baseURL)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// A logger that drops everything, so test output stays readable.
let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// A feed source pointing at `url`.
func feedSource(_ id: String, _ url: URL, channel: Channel = .news, interval: Duration = .seconds(600)) -> Source {
    Source(id: id, url: url, channel: channel, interval: interval)
}
