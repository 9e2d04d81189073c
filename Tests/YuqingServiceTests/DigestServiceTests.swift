import Foundation
import Testing
import YuqingCore
import YuqingService
import YuqingStore

/// The digest ledger: each report once, across restarts and failures; missed reports late, with a note.
@Suite struct DigestServiceTests {
    static let schedule = DigestSchedule(name: "周报", period: .week, at: DigestSendTime(weekday: 1, hour: 8, minute: 0),
                                         recipients: ["值班室"])
    static let duty = Recipient(name: "值班室", emails: [MailAddress("duty@jiangling.example.gov.cn", displayName: "值班室")])

    /// A service instance over its own connection to the store file, as a restarted daemon would have.
    func service(
        _ path: String, clock: ManualClock, transport: (any MailTransport)?, archive: URL, lease: Duration = .seconds(600)
    ) throws -> (DigestService, Store) {
        let store = try Store(path: path)
        let service = DigestService(
            store: store,
            builder: DigestBuilder(store: store, sources: DigestFixtures.sources, timeZone: DigestFixtures.zone),
            composer: DigestComposer(renderer: try DigestRenderer(directory: nil), settings: ReportSettings(title: "江临市委网信办")),
            schedules: [Self.schedule], recipients: [Self.duty], sender: MailAddress("yuqing@jiangling.example.gov.cn"),
            transport: transport, archiveDirectory: archive, lease: lease, now: { clock.now }, logger: quietLogger)
        return (service, store)
    }

    @Test func noDoubleSendAcrossRestarts() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appending(path: "y.sqlite").path
            let archive = directory.appending(path: "reports")
            let setup = try Store(path: path)
            try await DigestFixtures.fill(setup)
            try setup.close()
            let transport = ScriptedMailer()
            // The daemon has been running since the previous week.
            let clock = ManualClock(DigestFixtures.local("2026-11-20 12:00"))
            let (first, firstStore) = try service(path, clock: clock, transport: transport, archive: archive)
            #expect(await first.pass().isEmpty)
            clock.advance(by: 3 * 86_400 - 4 * 3600 + 60)  // Monday 2026-11-23 08:01
            let sent = await first.pass()
            #expect(sent.map { "\($0.period) \($0.state)" } == ["2026-W47 sent"])
            #expect(sent.first?.late == false)
            try firstStore.close()

            // A restart half an hour later, and a second instance on the same file: nothing more goes out.
            clock.advance(by: 1800)
            let (second, _) = try service(path, clock: clock, transport: transport, archive: archive)
            let (third, _) = try service(path, clock: clock, transport: transport, archive: archive)
            #expect(await second.pass().isEmpty)
            #expect(await third.pass().isEmpty)
            clock.advance(by: 3600)
            #expect(await second.pass().isEmpty)

            #expect(transport.sent.count == 1)
            let message = try #require(transport.sent.first)
            #expect(message.subject == "江临市委网信办 舆情周报 2026年第47周（11月16日—11月22日）")
            #expect(message.to.map(\.address) == ["duty@jiangling.example.gov.cn"])
            #expect(message.html?.contains("一、概述") == true)
            #expect(!message.text.contains("延迟发送"))
            let runs = try Store(path: path).digestRuns()
            #expect(runs.map(\.state) == [.sent])
            let archived = try #require(runs.first?.archivePath)
            #expect(FileManager.default.fileExists(atPath: archived))
            #expect(FileManager.default.fileExists(atPath: archived.replacingOccurrences(of: ".html", with: "-channels.csv")))
        }
    }

    @Test func aFailedSendIsRetriedWithTheSameMessageID() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appending(path: "y.sqlite").path
            let archive = directory.appending(path: "reports")
            let transport = ScriptedMailer()
            transport.fail(with: [DeliveryFailure(reason: "421 try later", isPermanent: false, code: 421)])
            let clock = ManualClock(DigestFixtures.local("2026-11-20 12:00"))
            let (first, firstStore) = try service(path, clock: clock, transport: transport, archive: archive, lease: .seconds(300))
            try await DigestFixtures.fill(firstStore)
            _ = await first.pass()
            clock.advance(by: 3 * 86_400 - 4 * 3600 + 60)
            #expect(await first.pass().map(\.state) == [.built])
            #expect(transport.sent.isEmpty)
            // Within the lease nobody retries; after it, a restarted instance does, once.
            clock.advance(by: 120)
            let (second, _) = try service(path, clock: clock, transport: transport, archive: archive, lease: .seconds(300))
            #expect(await second.pass().isEmpty)
            clock.advance(by: 300)
            #expect(await second.pass().map(\.state) == [.sent])
            #expect(await second.pass().isEmpty)
            #expect(transport.sent.count == 1)
            let week = ReportPeriod(kind: .week, containing: DigestFixtures.local("2026-11-18 12:00"), in: DigestFixtures.zone)
            #expect(transport.sent.first?.messageID == DigestComposer.messageID(
                schedule: "周报", period: week, domain: "jiangling.example.gov.cn"))
            let run = try #require(try Store(path: path).digestRuns().first)
            #expect(run.attempts == 2 && run.messageID == transport.sent.first?.messageID)
        }
    }

    @Test func missedReportsGoOutLateWithANote() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appending(path: "y.sqlite").path
            let archive = directory.appending(path: "reports")
            let transport = ScriptedMailer()
            // Running on Wednesday 11 November, then down until Wednesday 25 November 10:00.
            let clock = ManualClock(DigestFixtures.local("2026-11-11 12:00"))
            let (before, store) = try service(path, clock: clock, transport: transport, archive: archive)
            try await DigestFixtures.fill(store)
            #expect(await before.pass().isEmpty)
            try store.close()
            clock.advance(by: 14 * 86_400 - 2 * 3600)
            let (after, _) = try service(path, clock: clock, transport: transport, archive: archive)
            let outcomes = await after.pass()
            #expect(outcomes.map { "\($0.period) \($0.state) \($0.late)" } == ["2026-W46 sent true", "2026-W47 sent true"])
            #expect(transport.sent.count == 2)
            let w47 = try #require(transport.sent.last)
            #expect(w47.text.contains("本报告因系统停机延迟发送（原定 2026-11-23 08:00）"))
            #expect(w47.html?.contains("本报告因系统停机延迟发送") == true)
            // The late W47 report is about W47: its own six items, not the days it was sent in.
            #expect(w47.text.contains("信息总量：6（上期 4"))
            #expect(await after.pass().isEmpty)
        }
    }

    @Test func withoutATransportReportsAreArchivedAndNotRetried() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appending(path: "y.sqlite").path
            let archive = directory.appending(path: "reports")
            let clock = ManualClock(DigestFixtures.local("2026-11-20 12:00"))
            let (service, store) = try service(path, clock: clock, transport: nil, archive: archive)
            try await DigestFixtures.fill(store)
            _ = await service.pass()
            clock.advance(by: 3 * 86_400)
            #expect(await service.pass().map(\.state) == [.failed])
            clock.advance(by: 86_400)
            #expect(await service.pass().isEmpty)
            let run = try #require(try store.digestRuns().first)
            #expect(run.note?.contains("no mail transport") == true)
            #expect(FileManager.default.fileExists(atPath: archive.appending(path: "周报-2026-W47.html").path))
        }
    }
}
