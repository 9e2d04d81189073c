import Foundation
import Testing
import YuqingCore

@Suite("Alert policy: grouping, cooldown, quiet hours, routing, backoff")
struct AlertPolicyTests {
    /// 2026-11-23 10:00 in Asia/Shanghai (02:00 UTC).
    static let morning = Date(timeIntervalSince1970: 1_795_399_200)

    static func candidate(_ item: Int64, story: String = "story:1", severity: RuleSeverity = .medium,
                          at time: Date = morning) -> AlertCandidate {
        AlertCandidate(ruleName: "化工异味", group: "环保", severity: severity, notify: ["值班室"], itemID: item,
                       storyKey: story, time: time)
    }

    @Test("the first match of a story raises a new alert; the key is rule and story")
    func firstMatch() {
        let policy = AlertPolicy(settings: AlertSettings())
        #expect(policy.decide(Self.candidate(1), history: .none) == .raise(.new, heldUntil: nil))
        #expect(Self.candidate(1).key == Self.candidate(2).key)
        #expect(Self.candidate(1).key != Self.candidate(1, story: "story:2").key)
    }

    @Test("inside the cooldown more items of the story are folded; after it, enough new items make one update")
    func cooldownAndUpdate() {
        let policy = AlertPolicy(settings: AlertSettings(cooldown: .seconds(3_600), updateAfter: 3))
        let last = Self.morning
        // 10 minutes later, 5 items waiting: still cooling down.
        let early = policy.decide(Self.candidate(9, at: last.addingTimeInterval(600)),
                                  history: AlertHistory(lastAlertAt: last, pendingItems: 5))
        #expect(early.kind == nil)
        // After the cooldown: one waiting item plus this one is below update_after = 3.
        let few = policy.decide(Self.candidate(9, at: last.addingTimeInterval(3_700)),
                                history: AlertHistory(lastAlertAt: last, pendingItems: 1))
        #expect(few.kind == nil)
        let spread = policy.decide(Self.candidate(9, at: last.addingTimeInterval(3_700)),
                                   history: AlertHistory(lastAlertAt: last, pendingItems: 2))
        #expect(spread == .raise(.update, heldUntil: nil))
    }

    @Test("realert: never gives one alert per story")
    func realertNever() {
        let policy = AlertPolicy(settings: AlertSettings(updateAfter: 1, realert: .never))
        let decision = policy.decide(Self.candidate(2, at: Self.morning.addingTimeInterval(86_400)),
                                     history: AlertHistory(lastAlertAt: Self.morning, pendingItems: 40))
        #expect(decision.kind == nil)
    }

    @Test("in quiet hours low severity is held until the morning end of the window; high severity goes now")
    func quietHours() throws {
        let quiet = try #require(QuietHours(text: "22:00-07:00"))
        let policy = AlertPolicy(settings: AlertSettings(quietHours: quiet, quietHoldBelow: .high), timeZone: "Asia/Shanghai")
        // 23:30 Shanghai = 15:30 UTC the day before `morning`'s date.
        let night = Self.morning.addingTimeInterval(-10.5 * 3_600)
        let expectedEnd = Self.morning.addingTimeInterval(-3 * 3_600)  // 07:00 Shanghai
        #expect(policy.decide(Self.candidate(1, severity: .medium, at: night), history: .none)
            == .raise(.new, heldUntil: expectedEnd))
        #expect(policy.decide(Self.candidate(1, severity: .high, at: night), history: .none)
            == .raise(.new, heldUntil: nil))
        #expect(policy.decide(Self.candidate(1, severity: .low, at: Self.morning), history: .none)
            == .raise(.new, heldUntil: nil))
        // 03:00 is inside too (the window crosses midnight); 07:00 itself is not.
        #expect(quiet.contains(Self.morning.addingTimeInterval(-7 * 3_600), timeZone: policy.timeZone))
        #expect(!quiet.contains(expectedEnd, timeZone: policy.timeZone))
        let volume = VolumeAlert(ruleName: "环保激增", group: "环保", severity: .low, notify: [], trigger: .count(5, window: .seconds(3_600)),
                                 count: 7, baselineAverage: nil, time: night)
        #expect(policy.decide(volume) == .raise(.volume, heldUntil: expectedEnd))
    }

    @Test("quiet hours are read as HH:MM-HH:MM and nothing else")
    func quietHoursText() {
        #expect(QuietHours(text: "22:00-07:00")?.description == "22:00-07:00")
        #expect(QuietHours(text: "12:30 ~ 13:30") == QuietHours(start: 750, end: 810))
        for bad in ["22-07", "25:00-07:00", "22:00", "07:00-07:00", "22:00-07:60"] {
            #expect(QuietHours(text: bad) == nil, "\(bad)")
        }
    }

    @Test("rules route to their notify names, else to the default recipients; shared webhooks are posted once")
    func routing() throws {
        let duty = Recipient(name: "值班室", emails: [try #require(MailAddress(parsing: "duty@example.gov.cn"))], webhooks: ["值班群"])
        let press = Recipient(name: "宣传部", emails: [], webhooks: ["值班群", "宣传群"])
        let routing = AlertRouting(recipients: [duty, press], defaultRecipients: ["值班室"])
        #expect(routing.targets(for: ["值班室", "宣传部"]).map(\.description)
            == ["email:值班室", "webhook:值班群", "webhook:宣传群"].sorted())
        #expect(routing.targets(for: []) == [.email(recipient: "值班室"), .webhook("值班群")])
        let unknown = routing.unknownNames(in: [(rule: "化工异味", notify: ["值班室", "应急办"])])
        #expect(unknown.map(\.name) == ["应急办"])
        #expect(unknown.first?.usedBy == ["化工异味"])
        #expect(DeliveryTarget(stored: "email:值班室") == .email(recipient: "值班室"))
        #expect(DeliveryTarget(stored: "sms:1") == nil)
    }

    @Test("retries back off exponentially up to the cap, with jitter, and honour Retry-After")
    func backoff() {
        let policy = AlertPolicy(settings: AlertSettings(retryBase: .seconds(30), retryMax: .seconds(600)))
        #expect(policy.retryDelay(afterAttempt: 1, retryAfter: nil, unit: 0) == .seconds(30))
        #expect(policy.retryDelay(afterAttempt: 3, retryAfter: nil, unit: 0) == .seconds(120))
        #expect(policy.retryDelay(afterAttempt: 20, retryAfter: nil, unit: 0) == .seconds(600))
        #expect(policy.retryDelay(afterAttempt: 20, retryAfter: nil, unit: 0.5) == .seconds(660))
        #expect(policy.retryDelay(afterAttempt: 1, retryAfter: .seconds(900), unit: 0) == .seconds(900))
    }
}
