import Foundation
import GRDB
import YuqingCore

extension Store {
    /// The robots.txt answer stored for `site` (the lower-cased robots.txt address) fetched after
    /// `notBefore`, or nil: older answers are past their lifetime and must be fetched again.
    public func robots(site: String, notBefore: Date) async throws(StoreError) -> StoredRobots? {
        try await read("read the stored robots.txt of \(site)") { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT site, status, body, fetched_at FROM robots_txt WHERE site = ? AND fetched_at >= ?"),
                arguments: [site, notBefore]
            ).map { row in
                StoredRobots(site: row["site"], status: row["status"], body: row["body"] ?? Data(), fetchedAt: row["fetched_at"])
            }
        }
    }

    /// Stores `answers` in one transaction (one per site, replacing the older one), and drops
    /// answers fetched before `expiredBefore`, which nobody may use any more.
    public func saveRobots(_ answers: [StoredRobots], expiredBefore: Date) async throws(StoreError) {
        try await write("store \(answers.count) robots.txt answers") { db in
            for answer in answers {
                try db.execute(
                    sql: """
                        INSERT INTO robots_txt (site, status, body, fetched_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (site) DO UPDATE SET status = excluded.status, body = excluded.body,
                            fetched_at = excluded.fetched_at
                        """,
                    arguments: [answer.site, answer.status, answer.body.prefix(RobotsPolicy.maximumParsedBytes),
                                answer.fetchedAt])
            }
            try db.execute(sql: "DELETE FROM robots_txt WHERE fetched_at < ?", arguments: [expiredBefore])
        }
    }
}
