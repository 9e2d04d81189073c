import Foundation
import GRDB
import YuqingCore

extension Store {
    /// When schedule `name` was first seen by this store; records `now` the first time it is asked.
    public func digestScheduleFirstSeen(_ name: String, now: Date) throws(StoreError) -> Date {
        try write("record digest schedule \(name)") { db in
            try db.execute(sql: "INSERT OR IGNORE INTO digest_schedule (name, first_seen_at) VALUES (?, ?)", arguments: [name, now])
            return try Date.fetchOne(db, sql: "SELECT first_seen_at FROM digest_schedule WHERE name = ?", arguments: [name]) ?? now
        }
    }

    /// Period starts the ledger has for schedule `name`, whatever their state.
    public func digestPeriodStarts(schedule name: String) throws(StoreError) -> Set<Date> {
        try read("read the digest ledger of \(name)") { db in
            Set(try Date.fetchAll(db, sql: "SELECT period_start FROM digest_run WHERE schedule = ?", arguments: [name]))
        }
    }

    /// Claims the report of `schedule` for `period`: inserts its ledger row in state `built`, unless
    /// a row exists (another instance, or an earlier run, has it). Returns the row when this call won.
    public func claimDigestRun(
        schedule: String, period: ReportPeriod, messageID: String, note: String?, now: Date
    ) throws(StoreError) -> DigestRun? {
        try write("claim digest \(schedule) \(period.key)") { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO digest_run
                    (schedule, period_kind, period_start, period_end, period_key, state, built_at, attempt_at, attempts, message_id, note)
                VALUES (?, ?, ?, ?, ?, 'built', ?, ?, 1, ?, ?)
                """, arguments: [schedule, period.kind.rawValue, period.start, period.end, period.key, now, now, messageID, note])
            guard db.changesCount > 0 else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM digest_run WHERE id = ?", arguments: [db.lastInsertedRowID])
                .map(Self.digestRun)
        }
    }

    /// Runs left in state `built` whose last attempt began before `cutoff`: a crash or a failed
    /// send interrupted them. Oldest period first.
    public func unsentDigestRuns(attemptBefore cutoff: Date) throws(StoreError) -> [DigestRun] {
        try read("read unsent digests") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM digest_run WHERE state = 'built' AND attempt_at < ? ORDER BY period_start, id",
                             arguments: [cutoff]).map(Self.digestRun)
        }
    }

    /// Takes over an unsent run for another attempt, if no one else has since `run.attemptAt`.
    public func retakeDigestRun(_ run: DigestRun, now: Date) throws(StoreError) -> DigestRun? {
        try write("retake digest \(run.id)") { db in
            try db.execute(sql: """
                UPDATE digest_run SET attempt_at = ?, attempts = attempts + 1
                WHERE id = ? AND state = 'built' AND attempt_at = ?
                """, arguments: [now, run.id, run.attemptAt])
            guard db.changesCount > 0 else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM digest_run WHERE id = ?", arguments: [run.id]).map(Self.digestRun)
        }
    }

    /// Records where the report was archived.
    public func setDigestArchive(id: Int64, path: String) throws(StoreError) {
        try write("record digest archive") { db in
            try db.execute(sql: "UPDATE digest_run SET archive_path = ? WHERE id = ?", arguments: [path, id])
        }
    }

    /// Marks a run sent.
    public func markDigestSent(id: Int64, at date: Date) throws(StoreError) {
        try write("mark digest \(id) sent") { db in
            try db.execute(sql: "UPDATE digest_run SET state = 'sent', sent_at = ? WHERE id = ?", arguments: [date, id])
        }
    }

    /// Records a failed attempt: `permanent` gives up (state `failed`), else the run stays `built` for a retry.
    public func markDigestAttemptFailed(id: Int64, note: String, permanent: Bool) throws(StoreError) {
        try write("record digest \(id) failure") { db in
            try db.execute(sql: "UPDATE digest_run SET note = ?, state = ? WHERE id = ?",
                           arguments: [note, permanent ? "failed" : "built", id])
        }
    }

    /// The ledger, newest period first, optionally of one schedule.
    public func digestRuns(schedule: String? = nil, limit: Int = 100) throws(StoreError) -> [DigestRun] {
        try read("read the digest ledger") { db in
            if let schedule {
                return try Row.fetchAll(db, sql: "SELECT * FROM digest_run WHERE schedule = ? ORDER BY period_start DESC, id DESC LIMIT ?",
                                        arguments: [schedule, limit]).map(Self.digestRun)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM digest_run ORDER BY period_start DESC, id DESC LIMIT ?",
                                    arguments: [limit]).map(Self.digestRun)
        }
    }

    static func digestRun(_ row: Row) -> DigestRun {
        DigestRun(
            id: row["id"], schedule: row["schedule"], periodKind: row["period_kind"], periodStart: row["period_start"],
            periodEnd: row["period_end"], periodKey: row["period_key"],
            state: DigestRun.State(rawValue: row["state"]) ?? .failed, builtAt: row["built_at"],
            attemptAt: row["attempt_at"], attempts: row["attempts"], sentAt: row["sent_at"],
            messageID: row["message_id"], archivePath: row["archive_path"], note: row["note"]
        )
    }
}
