import Foundation
import Hummingbird
import NIOCore
import Synchronization
import Testing
import YuqingCore
import YuqingDemo
import YuqingFetch

/// The redirect guard against real servers on loopback: a server on 127.0.0.2 plays a public
/// site (the policy is told to treat that one address as public), and a canary on 127.0.0.1
/// plays the machine's own services, counting every request that reaches it.
@Suite struct RedirectGuardTests {
    final class Hits: Sendable {
        private let count = Mutex(0)
        func hit() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    static let publicHost = "127.0.0.2"
    let publicPolicy = AddressPolicy(baseline: .public, treatedAsPublic: [Self.publicHost])

    /// Runs `body` with the canary's base URL, the "public" server's base URL and the canary's hits.
    func withServers(_ body: (URL, URL, Hits) async throws -> Void) async throws {
        let hits = Hits()
        let canaryRouter = Router()
        canaryRouter.get("/canary") { _, _ in
            hits.hit()
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "internal secrets")))
        }
        let canary = try await LocalHTTPServer.start(router: canaryRouter, host: "127.0.0.1")
        let target = canary.baseURL.absoluteString + "/canary"
        let publicRouter = Router()
        publicRouter.get("/bounce") { _, _ in Response(status: .found, headers: [.location: target]) }
        publicRouter.get("/stay") { _, _ in Response(status: .found, headers: [.location: "/feed"]) }
        publicRouter.get("/feed") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "<rss/>"))) }
        let site: LocalHTTPServer
        do {
            site = try await LocalHTTPServer.start(router: publicRouter, host: Self.publicHost)
        } catch {
            await canary.stop()
            throw error
        }
        do {
            try await body(canary.baseURL, site.baseURL, hits)
        } catch {
            await site.stop()
            await canary.stop()
            throw error
        }
        await site.stop()
        await canary.stop()
    }

    @Test func aPublicSourceCannotBeRedirectedIntoLoopback() async throws {
        try await withServers { canary, site, hits in
            let fetcher = try CurlFetcher()
            defer { fetcher.shutdown() }
            let request = FetchRequest(url: site.appending(path: "bounce"), addressPolicy: publicPolicy)
            await #expect {
                _ = try await fetcher.fetch(request)
            } throws: { error in
                guard case .addressRefused(let url, let address, let addressClass, let baseline) = error as? FetchError
                else { return false }
                let message = (error as? FetchError)?.description ?? ""
                return url.hasPrefix(canary.absoluteString) && address == "127.0.0.1" && addressClass == .loopback
                    && baseline == .public && message.contains("allow_private_addresses")
            }
            #expect(hits.value == 0)
        }
    }

    @Test func aPooledConnectionToTheTargetIsRefusedToo() async throws {
        try await withServers { canary, site, hits in
            let fetcher = try CurlFetcher()
            defer { fetcher.shutdown() }
            // A loopback source legitimately reaches the canary: its connection stays in the pool.
            let own = try await fetcher.fetch(FetchRequest(url: canary.appending(path: "canary"),
                                                           addressPolicy: AddressPolicy(baseline: .loopback)))
            #expect(own.status == 200)
            #expect(hits.value == 1)
            // Reusing that connection skips the socket callback; the pre-request check still refuses.
            await #expect(throws: FetchError.self) {
                _ = try await fetcher.fetch(FetchRequest(url: site.appending(path: "bounce"), addressPolicy: publicPolicy))
            }
            #expect(hits.value == 1)
        }
    }

    @Test func aNameThatResolvesToLoopbackIsRefusedForAPublicSource() async throws {
        try await withServers { canary, _, hits in
            let fetcher = try CurlFetcher()
            defer { fetcher.shutdown() }
            // DNS rebinding in miniature: the name is held to the public rules whatever it resolves to.
            let url = URL(string: "http://localhost:\(canary.port!)/canary")!
            await #expect(throws: FetchError.self) {
                _ = try await fetcher.fetch(FetchRequest(url: url, addressPolicy: publicPolicy))
            }
            #expect(hits.value == 0)
        }
    }

    @Test func theSourceMayOptIn() async throws {
        try await withServers { _, site, hits in
            let fetcher = try CurlFetcher()
            defer { fetcher.shutdown() }
            var policy = publicPolicy
            policy.allowsPrivateAddresses = true
            let response = try await fetcher.fetch(FetchRequest(url: site.appending(path: "bounce"), addressPolicy: policy))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "internal secrets")
            #expect(hits.value == 1)
        }
    }

    @Test func redirectsWithinTheSameClassStillWork() async throws {
        try await withServers { canary, site, _ in
            let fetcher = try CurlFetcher()
            defer { fetcher.shutdown() }
            let response = try await fetcher.fetch(FetchRequest(url: site.appending(path: "stay"), addressPolicy: publicPolicy))
            #expect(response.status == 200)
            #expect(response.finalURL.path == "/feed")
            // A source configured on loopback (the demo, the tests) reaches loopback.
            let local = AddressPolicy(baseline: AddressClass.ofConfiguredHost(canary.host!))
            let direct = try await fetcher.fetch(FetchRequest(url: canary.appending(path: "canary"), addressPolicy: local))
            #expect(direct.status == 200)
        }
    }
}
