import Foundation
import YuqingCore

/// robots.txt per site (scheme, host and port), fetched on first use and kept for the
/// verdict's lifetime; concurrent callers for one site share a single fetch.
actor RobotsCache {
    /// Fetches one robots.txt; the polite fetcher passes its host-gated fetch.
    typealias Fetch = @Sendable (FetchRequest) async throws -> FetchResponse

    private struct Entry {
        var verdict: RobotsVerdict
        var expires: Date
    }

    private let fetch: Fetch
    private var entries: [String: Entry] = [:]
    private var pending: [String: Task<RobotsVerdict, Never>] = [:]

    /// Creates an empty cache.
    init(fetch: @escaping Fetch) {
        self.fetch = fetch
    }

    /// The robots.txt address for `url`'s site.
    static func robotsURL(for url: URL) -> URL? {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return nil }
        components.path = "/robots.txt"
        components.query = nil
        components.fragment = nil
        components.user = nil
        components.password = nil
        return components.url
    }

    /// The verdict for `url`'s site; `template` lends the fetch its headers and address policy.
    func verdict(for url: URL, template: FetchRequest) async -> RobotsVerdict {
        guard let robotsURL = Self.robotsURL(for: url) else { return RobotsVerdict(policy: .allowAll, lifetime: .zero) }
        let key = robotsURL.absoluteString.lowercased()
        if let entry = entries[key], entry.expires > Date() { return entry.verdict }
        if let task = pending[key] { return await task.value }
        let request = FetchRequest(url: robotsURL, headers: template.headers, addressPolicy: template.addressPolicy,
                                   obeysRobots: false)
        let fetch = self.fetch
        let task = Task<RobotsVerdict, Never> {
            do {
                let response = try await fetch(request)
                return RobotsVerdict.answered(status: response.status, body: response.body)
            } catch {
                return RobotsVerdict.unreachable("robots.txt could not be fetched (\(error))")
            }
        }
        pending[key] = task
        let verdict = await task.value
        pending[key] = nil
        entries[key] = Entry(verdict: verdict, expires: Date().addingTimeInterval(verdict.lifetime.seconds))
        return verdict
    }
}
