import Foundation
import YuqingCore

/// Stamps one source's safety settings (address policy, robots) on every request made for it,
/// so follow-up pages (next list pages, articles, threads) obey them like the first request.
struct SourceScopedFetcher: PageFetcher {
    let base: any PageFetcher
    let addressPolicy: AddressPolicy
    let obeysRobots: Bool

    /// Scopes `base` to `source`; `treatedAsPublic` lets tests play a public site on loopback.
    init(base: any PageFetcher, source: Source, treatedAsPublic: Set<String> = []) {
        self.base = base
        self.addressPolicy = AddressPolicy(for: source, treatedAsPublic: treatedAsPublic)
        self.obeysRobots = source.obeysRobots
    }

    func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        var request = request
        request.addressPolicy = request.addressPolicy ?? addressPolicy
        request.obeysRobots = request.obeysRobots && obeysRobots
        return try await base.fetch(request)
    }
}
