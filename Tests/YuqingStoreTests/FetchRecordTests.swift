import Foundation
import Testing
import YuqingCore
import YuqingStore

@Suite("Recording fetches")
struct FetchRecordTests {
    static func record(
        _ outcome: FetchOutcome, at seconds: TimeInterval, status: Int? = 200, error: String? = nil,
        found: Int = 0, new: Int = 0, etag: String? = nil, lastModified: String? = nil
    ) -> FetchRecord {
        FetchRecord(
            sourceID: "gov-news", startedAt: Fixtures.t(seconds), duration: .milliseconds(250), status: status,
            outcome: outcome, error: error, itemsFound: found, itemsNew: new, etag: etag, lastModified: lastModified)
    }

    @Test("a source never fetched has no state")
    func noState() throws {
        try withStore { store throws in
            #expect(try store.sourceState(id: "gov-news") == nil)
            #expect(try store.allSourceStates().isEmpty)
        }
    }

    @Test("failures count up, a success resets the run, validators survive failures and 304s")
    func lifecycle() throws {
        try withStore { store throws in
            let lastModified = "Sun, 15 Jun 2025 10:00:00 GMT"
            try store.recordFetch(Self.record(.ok, at: 0, found: 20, new: 20, etag: "\"a\"", lastModified: lastModified))
            var state = try #require(try store.sourceState(id: "gov-news"))
            #expect(state.etag == "\"a\"")
            #expect(state.lastModified == lastModified)
            #expect(state.lastSuccessAt == Fixtures.t0)
            #expect(state.lastNewItemAt == Fixtures.t0)
            #expect(state.totalFetches == 1)
            #expect(state.consecutiveFailures == 0)

            try store.recordFetch(Self.record(.httpError, at: 600, status: 503))
            try store.recordFetch(Self.record(.transportError, at: 1200, status: nil, error: "Connection timed out after 30000 ms"))
            // A 200 that did not parse carries a new ETag, which must not be kept.
            try store.recordFetch(Self.record(.parseError, at: 1800, error: "not a feed", etag: "\"b\""))
            state = try #require(try store.sourceState(id: "gov-news"))
            #expect(state.consecutiveFailures == 3)
            #expect(state.totalFailures == 3)
            #expect(state.totalFetches == 4)
            #expect(state.lastError == "not a feed")
            #expect(state.etag == "\"a\"")
            #expect(state.lastModified == lastModified)
            #expect(state.lastFetchAt == Fixtures.t(1800))
            #expect(state.lastSuccessAt == Fixtures.t0)

            try store.recordFetch(Self.record(.notModified, at: 2400, status: 304))
            state = try #require(try store.sourceState(id: "gov-news"))
            #expect(state.consecutiveFailures == 0)
            #expect(state.totalFailures == 3)
            #expect(state.totalFetches == 5)
            #expect(state.etag == "\"a\"")
            #expect(state.lastSuccessAt == Fixtures.t(2400))
            #expect(state.lastNewItemAt == Fixtures.t0)
            #expect(state.lastError == "not a feed")  // kept for `status`; the run of failures is over

            try store.recordFetch(Self.record(.ok, at: 3000, found: 20, new: 2, etag: "\"c\""))
            state = try #require(try store.sourceState(id: "gov-news"))
            #expect(state.etag == "\"c\"")
            #expect(state.lastModified == nil)  // the 200 carried none: the server stopped sending it
            #expect(state.lastNewItemAt == Fixtures.t(3000))
            #expect(try store.fetchLogCount(sourceID: "gov-news") == 6)
            #expect(try store.allSourceStates().map(\.sourceID) == ["gov-news"])
        }
    }

    @Test("an HTTP error without a message is described by its status")
    func httpErrorText() throws {
        try withStore { store throws in
            try store.recordFetch(Self.record(.httpError, at: 0, status: 404))
            #expect(try store.sourceState(id: "gov-news")?.lastError == "HTTP 404")
        }
    }

    @Test("old fetch log rows can be pruned without touching the totals")
    func prune() throws {
        try withStore { store throws in
            for minute in 0..<10 {
                try store.recordFetch(Self.record(.ok, at: Double(minute * 60)))
            }
            #expect(try store.pruneFetchLog(before: Fixtures.t(300)) == 5)
            #expect(try store.fetchLogCount() == 5)
            #expect(try store.sourceState(id: "gov-news")?.totalFetches == 10)
        }
    }

    @Test("a fetch of an unknown source is refused")
    func unknownSource() throws {
        try withStore { store throws in
            var record = Self.record(.ok, at: 0)
            record.sourceID = "ghost"
            #expect {
                try store.recordFetch(record)
            } throws: { error in
                guard let error = error as? StoreError, case .unknownSource(_, "ghost", _) = error else { return false }
                return true
            }
            #expect(try store.fetchLogCount() == 0)
        }
    }
}
