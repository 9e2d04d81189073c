import Foundation
import YuqingCore
import YuqingStore

/// robots.txt per site (scheme, host and port), fetched on first use and kept for the
/// verdict's lifetime; concurrent callers for one site share a single fetch.
///
/// With a store, answers (2xx and 4xx, which hold 24 h) are also kept in the database with
/// their fetch time, so a restarted daemon reads them back instead of asking every site again;
/// an answer past its lifetime is never used. Unreachable verdicts (10 minutes) stay in memory.
actor RobotsCache {
    /// Fetches one robots.txt; the polite fetcher passes its host-gated fetch.
    typealias Fetch = @Sendable (FetchRequest) async throws -> FetchResponse

    private struct Entry {
        var verdict: RobotsVerdict
        var expires: Date
    }

    /// What one look-up found: the entry, and the answer to store when it was fetched.
    private struct Lookup: Sendable {
        var verdict: RobotsVerdict
        var expires: Date
        var fetched: StoredRobots?
    }

    private let fetch: Fetch
    private let store: Store?
    private var entries: [String: Entry] = [:]
    private var pending: [String: Task<Lookup, Never>] = [:]
    /// Answers fetched and not yet stored: written together, one transaction per batch.
    private var unsaved: [StoredRobots] = []
    private var saving = false

    /// Creates an empty cache; `store` (nil: memory only) keeps answers across restarts.
    init(store: Store? = nil, fetch: @escaping Fetch) {
        self.store = store
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
        if let task = pending[key] { return await task.value.verdict }
        let request = FetchRequest(url: robotsURL, headers: template.headers, addressPolicy: template.addressPolicy,
                                   obeysRobots: false, keepAlive: template.keepAlive)
        let fetch = self.fetch
        let store = self.store
        let task = Task<Lookup, Never> {
            let now = Date()
            // The longest any stored answer may hold; `answered` gives each its own lifetime.
            if let stored = try? await store?.robots(site: key, notBefore: now.addingTimeInterval(-RobotsVerdict.normalLifetime.seconds)) {
                let verdict = RobotsVerdict.answered(status: stored.status, body: stored.body)
                let expires = stored.fetchedAt.addingTimeInterval(verdict.lifetime.seconds)
                if expires > now { return Lookup(verdict: verdict, expires: expires) }
            }
            do {
                let response = try await fetch(request)
                let verdict = RobotsVerdict.answered(status: response.status, body: response.body)
                let fetchedAt = Date()
                // Only answers that decide for a day are kept; a 5xx or 429 is asked again soon anyway.
                let keep = verdict.unreachableReason == nil
                    ? StoredRobots(site: key, status: response.status,
                                   body: response.body.prefix(RobotsPolicy.maximumParsedBytes), fetchedAt: fetchedAt)
                    : nil
                return Lookup(verdict: verdict, expires: fetchedAt.addingTimeInterval(verdict.lifetime.seconds), fetched: keep)
            } catch {
                let verdict = RobotsVerdict.unreachable("robots.txt could not be fetched (\(error))")
                return Lookup(verdict: verdict, expires: Date().addingTimeInterval(verdict.lifetime.seconds))
            }
        }
        pending[key] = task
        let lookup = await task.value
        pending[key] = nil
        entries[key] = Entry(verdict: lookup.verdict, expires: lookup.expires)
        if let fetched = lookup.fetched, store != nil { remember(fetched) }
        return lookup.verdict
    }

    /// Queues `answer` for the store; the first queued starts a writer that takes all queued at once.
    private func remember(_ answer: StoredRobots) {
        unsaved.append(answer)
        guard !saving else { return }
        saving = true
        Task { await self.saveQueued() }
    }

    private func saveQueued() async {
        while !unsaved.isEmpty, let store {
            let batch = unsaved
            unsaved.removeAll()
            // Not saving only costs a fetch after the next restart: the verdict is in memory already.
            try? await store.saveRobots(batch, expiredBefore: Date().addingTimeInterval(-RobotsVerdict.normalLifetime.seconds))
        }
        saving = false
    }
}
