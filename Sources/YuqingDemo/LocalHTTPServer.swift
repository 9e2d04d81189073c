import Foundation
import Hummingbird
import Logging
import NIOCore

/// A Hummingbird server bound to a loopback address, running in the background.
///
/// The demo site and the integration tests both use it: tests get a real HTTP
/// server on a random port, never a mock.
public final class LocalHTTPServer: Sendable {
    /// The port the server listens on (chosen by the kernel when 0 was asked for).
    public let port: Int
    /// The address it is bound to (`127.0.0.1` unless told otherwise).
    public let host: String
    private let task: Task<Void, any Error>

    private init(host: String, port: Int, task: Task<Void, any Error>) {
        self.host = host
        self.port = port
        self.task = task
    }

    /// `http://HOST:PORT` of the running server.
    public var baseURL: URL { URL(string: "http://\(host):\(port)")! }

    /// Starts serving `router` on `host:port` and returns once the socket is listening.
    public static func start<Context: RequestContext>(
        router: Router<Context>,
        host: String = "127.0.0.1",
        port: Int = 0,
        logger: Logger = Logger(label: "yuqing.local-http", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> LocalHTTPServer where Context.Source == ApplicationRequestContextSource {
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "yuqing-local"),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? port)
                portSink.finish()
            },
            logger: logger
        )
        let task = Task {
            defer { portSink.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let boundPort = await iterator.next() else {
            // The server stopped before listening: surface its error (port in use, …).
            try await task.value
            throw LocalHTTPServerError.didNotStart(host: host, port: port)
        }
        return LocalHTTPServer(host: host, port: boundPort, task: task)
    }

    /// Stops the server and waits for it to close its socket.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// Why a local server could not start.
public enum LocalHTTPServerError: Error, CustomStringConvertible {
    /// The server exited before it was listening.
    case didNotStart(host: String, port: Int)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .didNotStart(let host, let port):
            "local HTTP server on \(host):\(port) stopped before it was listening (is the port in use?)"
        }
    }
}
