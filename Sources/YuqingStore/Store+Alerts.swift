import Foundation
import GRDB
import YuqingCore

/// The alert outbox: alerts raised with their rule matches, one delivery row per target, and
/// the state machine of each delivery (pending → sent, or pending → retry … → failed).
extension Store {
    // MARK: - Raising alerts

    /// Raises the alert (if the policy wants one) for a new match of `match` on `item`, inside
    /// the caller's transaction: the match and its alert commit together or not at all.
    /// Returns the new alert's id, nil when the match was folded into its story.
    static func raiseAlert(item: StoredItem, match: RuleMatch, highlights: [Highlight], plan: AlertPlan,
                           at date: Date, in db: Database) throws -> Int64? {
        let candidate = AlertCandidate(
            ruleName: match.ruleName, group: match.group, severity: match.severity, notify: match.notify,
            itemID: item.id, storyKey: plan.storyKey(item), time: date)
        let key = candidate.key
        let last = try Date.fetchOne(db, sql: "SELECT MAX(created_at) FROM alert WHERE key = ?", arguments: [key])
        let pending = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM alert_item WHERE alert_key = ? AND alert_id IS NULL", arguments: [key]) ?? 0
        try db.execute(sql: """
            INSERT INTO alert_item (alert_key, item_id, source_id, matched_at) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, arguments: [key, item.id, item.sourceID, date])
        let decision = plan.policy.decide(candidate, history: AlertHistory(lastAlertAt: last, pendingItems: pending))
        guard let kind = decision.kind else { return nil }

        let size = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS items, COUNT(DISTINCT source_id) AS sites FROM alert_item WHERE alert_key = ?
            """, arguments: [key])
        let story = size.map { AlertFacts.StorySize(items: $0["items"], sites: $0["sites"]) }
        let source = try Row.fetchOne(db, sql: "SELECT name, channel FROM source WHERE id = ?", arguments: [item.sourceID])
        let facts = AlertFacts(
            kind: kind, ruleName: match.ruleName, group: match.group, severity: match.severity, raisedAt: date,
            item: AlertFacts.Item(
                id: item.id, title: item.title, summary: item.summary, url: item.url,
                sourceName: source?["name"] ?? item.sourceID,
                channel: (source?["channel"] as String?).flatMap(Channel.init(rawValue:)) ?? .other,
                published: item.published, found: item.firstSeen, highlights: highlights),
            story: (story?.items ?? 0) > 1 ? story : nil,
            newItems: kind == .update ? pending + 1 : nil)
        let id = try insertAlert(
            key: key, facts: facts, itemID: item.id, storyKey: candidate.storyKey, title: item.title, link: item.url,
            heldUntil: decision.heldUntil, targets: plan.routing.targets(for: match.notify), plan: plan, at: date, in: db)
        try db.execute(sql: "UPDATE alert_item SET alert_id = ? WHERE alert_key = ? AND alert_id IS NULL",
                       arguments: [id, key])
        return id
    }

    /// Raises the alert of a volume or spike rule that fired; returns its id.
    @discardableResult
    public func raiseVolumeAlert(_ volume: VolumeAlert, plan: AlertPlan) async throws(StoreError) -> Int64 {
        try await write("raise the alert of volume rule \(volume.ruleName)") { db in
            let decision = plan.policy.decide(volume)
            let facts = AlertFacts(kind: .volume, ruleName: volume.ruleName, group: volume.group,
                                   severity: volume.severity, raisedAt: volume.time, volume: volume)
            let title = "\(volume.group)：\(volume.count) 条"
            return try Self.insertAlert(
                key: "volume:\(volume.ruleName)", facts: facts, itemID: nil, storyKey: nil, title: title, link: nil,
                heldUntil: decision.heldUntil, targets: plan.routing.targets(for: volume.notify), plan: plan,
                at: volume.time, in: db)
        }
    }

    /// Turns every alert held in quiet hours whose time has come into one summary alert per
    /// set of targets (usually one); returns the summaries' ids.
    @discardableResult
    public func releaseHeldAlerts(now: Date, plan: AlertPlan) async throws(StoreError) -> [Int64] {
        try await write("send the alerts held in quiet hours") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, rule_name, severity, title, link, created_at, targets FROM alert
                WHERE state = 'held' AND due_at <= ? ORDER BY created_at, id
                """, arguments: [now])
            var groups: [String: [Row]] = [:]
            var order: [String] = []
            for row in rows {
                let targets: String = row["targets"]
                if groups[targets] == nil { order.append(targets) }
                groups[targets, default: []].append(row)
            }
            var summaries: [Int64] = []
            for targetsJSON in order {
                let group = groups[targetsJSON] ?? []
                let lines = group.map { row in
                    AlertFacts.HeldLine(
                        ruleName: row["rule_name"], severity: RuleSeverity(rawValue: row["severity"]) ?? .low,
                        title: row["title"], link: (row["link"] as String?).flatMap(URL.init(string:)),
                        raisedAt: row["created_at"])
                }
                let severity = lines.map(\.severity).max() ?? .low
                let facts = AlertFacts(kind: .summary, ruleName: "", group: "", severity: severity, raisedAt: now,
                                       held: lines)
                let id = try Self.insertAlert(
                    key: "summary", facts: facts, itemID: nil, storyKey: nil, title: "夜间预警汇总（\(lines.count) 条）",
                    link: nil, heldUntil: nil, targets: Self.decodeTargets(targetsJSON), plan: plan, at: now, in: db)
                let ids = group.map { $0["id"] as Int64 }
                try db.execute(
                    sql: "UPDATE alert SET state = 'summarized', summary_id = ? WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                    arguments: StatementArguments([id] + ids))
                summaries.append(id)
            }
            return summaries
        }
    }

    /// Writes an alert row, and unless it is held, one pending delivery per target, each with
    /// the Message-ID every attempt will use.
    private static func insertAlert(
        key: String, facts: AlertFacts, itemID: Int64?, storyKey: String?, title: String, link: URL?,
        heldUntil: Date?, targets: [DeliveryTarget], plan: AlertPlan, at date: Date, in db: Database
    ) throws -> Int64 {
        let rendered = plan.renderer.render(facts)
        let payload = String(decoding: try JSONEncoder().encode(rendered), as: UTF8.self)
        let targetsJSON = String(decoding: try JSONEncoder().encode(targets.map(\.description)), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO alert (key, kind, rule_name, rule_group, severity, item_id, story_key, title, link,
                               created_at, due_at, state, targets, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [key, facts.kind.rawValue, facts.ruleName, facts.group, facts.severity.rawValue, itemID,
                             storyKey, title, link?.absoluteString, date, heldUntil ?? date,
                             heldUntil == nil ? "queued" : "held", targetsJSON, payload])
        let alertID = db.lastInsertedRowID
        guard heldUntil == nil else { return alertID }
        for target in targets {
            try db.execute(sql: """
                INSERT INTO alert_delivery (alert_id, target, state, attempts, next_attempt_at, message_id)
                VALUES (?, ?, 'pending', 0, ?, '')
                """, arguments: [alertID, target.description, date])
            let deliveryID = db.lastInsertedRowID
            let messageID = switch target {
            case .email: RenderedAlert.messageID(alertID: alertID, delivery: deliveryID, domain: plan.messageDomain)
            case .webhook: RenderedAlert.webhookID(alertID)
            }
            try db.execute(sql: "UPDATE alert_delivery SET message_id = ? WHERE id = ?", arguments: [messageID, deliveryID])
        }
        return alertID
    }

    private static func decodeTargets(_ json: String) -> [DeliveryTarget] {
        ((try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []).compactMap(DeliveryTarget.init(stored:))
    }

    // MARK: - Deliveries

    /// Pending deliveries whose next attempt is due at `now`, oldest due first.
    public func dueDeliveries(now: Date, limit: Int = 20) async throws(StoreError) -> [OutboxDelivery] {
        try await read("read due alert deliveries") { db in
            try Row.fetchAll(db, sql: """
                SELECT d.id, d.alert_id, d.target, d.attempts, d.message_id, a.created_at, a.payload
                FROM alert_delivery d JOIN alert a ON a.id = d.alert_id
                WHERE d.state = 'pending' AND d.next_attempt_at <= ?
                ORDER BY d.next_attempt_at, d.id LIMIT ?
                """, arguments: [now, max(0, limit)]).compactMap { row in
                let payload: String = row["payload"]
                let target: String = row["target"]
                guard let target = DeliveryTarget(stored: target) else { return nil }
                return OutboxDelivery(
                    id: row["id"], alertID: row["alert_id"], target: target, attempts: row["attempts"],
                    messageID: row["message_id"], alertCreatedAt: row["created_at"],
                    alert: try JSONDecoder().decode(RenderedAlert.self, from: Data(payload.utf8)))
            }
        }
    }

    /// The earliest time something in the outbox becomes due: a delivery's next attempt or the
    /// end of a held alert's quiet hours. Nil when the outbox is empty.
    public func nextOutboxWakeup() async throws(StoreError) -> Date? {
        try await read("read the next alert due") { db in
            let delivery = try Date.fetchOne(db, sql: "SELECT MIN(next_attempt_at) FROM alert_delivery WHERE state = 'pending'")
            let held = try Date.fetchOne(db, sql: "SELECT MIN(due_at) FROM alert WHERE state = 'held'")
            return [delivery, held].compactMap(\.self).min()
        }
    }

    /// Records that the server accepted delivery `id`.
    public func markDeliverySent(_ id: Int64, at date: Date) async throws(StoreError) {
        try await write("record alert delivery \(id) as sent") { db in
            try db.execute(sql: """
                UPDATE alert_delivery SET state = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL
                WHERE id = ? AND state = 'pending'
                """, arguments: [date, id])
        }
    }

    /// Records a failed attempt of delivery `id`; the next one is due at `nextAttempt`.
    public func markDeliveryRetry(_ id: Int64, error: String, nextAttempt: Date) async throws(StoreError) {
        try await write("record a failed attempt of alert delivery \(id)") { db in
            try db.execute(sql: """
                UPDATE alert_delivery SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
                WHERE id = ? AND state = 'pending'
                """, arguments: [error, nextAttempt, id])
        }
    }

    /// Moves delivery `id`'s next attempt to `until` without counting an attempt: its server
    /// failed for another delivery a moment ago, so trying it now would only wait for a timeout.
    public func deferDelivery(_ id: Int64, until: Date) async throws(StoreError) {
        try await write("defer alert delivery \(id)") { db in
            try db.execute(sql: "UPDATE alert_delivery SET next_attempt_at = ? WHERE id = ? AND state = 'pending'",
                           arguments: [until, id])
        }
    }

    /// Records that delivery `id` is given up (a permanent failure, or the give-up limit passed).
    public func markDeliveryFailed(_ id: Int64, error: String) async throws(StoreError) {
        try await write("record alert delivery \(id) as failed") { db in
            try db.execute(sql: """
                UPDATE alert_delivery SET state = 'failed', attempts = attempts + 1, last_error = ?
                WHERE id = ? AND state = 'pending'
                """, arguments: [error, id])
        }
    }

    /// Deliveries waiting to be sent (first attempt or retry), for health and metrics.
    public func outboxDepth() throws(StoreError) -> Int {
        try read("count pending alert deliveries") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert_delivery WHERE state = 'pending'") ?? 0
        }
    }

    // MARK: - Listing

    /// The most recent alerts, newest first, with their deliveries; `failedOnly` keeps alerts
    /// with at least one failed delivery.
    public func recentAlerts(limit: Int = 20, failedOnly: Bool = false) throws(StoreError) -> [AlertRecord] {
        try read("read recent alerts") { db in
            let filter = failedOnly
                ? "WHERE EXISTS (SELECT 1 FROM alert_delivery d WHERE d.alert_id = alert.id AND d.state = 'failed')" : ""
            let alerts = try Row.fetchAll(
                db, sql: "SELECT * FROM alert \(filter) ORDER BY created_at DESC, id DESC LIMIT ?", arguments: [max(0, limit)])
            return try alerts.map { row in
                let id: Int64 = row["id"]
                let deliveries = try Row.fetchAll(
                    db, sql: "SELECT * FROM alert_delivery WHERE alert_id = ? ORDER BY target", arguments: [id]
                ).map { d in
                    let state = AlertRecord.DeliveryState(rawValue: d["state"]) ?? .pending
                    return AlertRecord.Delivery(
                        target: d["target"], state: state, attempts: d["attempts"],
                        nextAttemptAt: state == .pending ? d["next_attempt_at"] : nil, lastError: d["last_error"],
                        messageID: d["message_id"], sentAt: d["sent_at"])
                }
                return AlertRecord(
                    id: id, kind: AlertKind(rawValue: row["kind"]) ?? .new, ruleName: row["rule_name"],
                    group: row["rule_group"], severity: RuleSeverity(rawValue: row["severity"]) ?? .low,
                    title: row["title"], createdAt: row["created_at"], state: row["state"], dueAt: row["due_at"],
                    summaryID: row["summary_id"], deliveries: deliveries)
            }
        }
    }
}
