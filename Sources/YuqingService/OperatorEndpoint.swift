import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import YuqingCore
import YuqingStore

/// The operator's HTTP endpoint: `GET /healthz` and `GET /metrics` (Prometheus text format).
///
/// `/healthz` answers 200 `ok` only while the store answers a read and the crawl scheduler
/// keeps turning (see `SchedulerHeartbeat.problem(at:)`); otherwise 503 with a one-line
/// reason, so a probe or `curl -f` tells the operator what is wrong.
struct OperatorEndpoint: Service {
    let settings: HTTPSettings
    let store: Store
    let metrics: DaemonMetrics
    let logger: Logger
    /// Called with the bound address once the socket listens (the port, when 0 was asked for).
    var onListening: @Sendable (String, Int) async -> Void = { _, _ in }

    func run() async throws {
        let router = Router()
        router.get("healthz") { _, _ -> Response in
            let (status, text) = await health()
            return Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
        }
        router.get("metrics") { _, _ -> Response in
            let text = await metrics.exposition()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let host = settings.host
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: settings.port), serverName: "yuqing"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.port
                logger.notice("operator endpoint listening", metadata: ["address": "\(host):\(port)"])
                await onListening(host, port)
            },
            logger: logger
        )
        try await app.run()
    }

    /// The verdict `/healthz` gives: 200 when the store and the scheduler are alive.
    func health() async -> (HTTPResponse.Status, String) {
        do {
            try await store.ping()
        } catch {
            return (.serviceUnavailable, "store does not answer: \(error)")
        }
        if let problem = metrics.schedulerHeartbeat.problem(at: Date()) {
            return (.serviceUnavailable, problem)
        }
        return (.ok, "ok")
    }
}
