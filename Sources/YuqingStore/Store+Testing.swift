import GRDB

extension Store {
    /// Runs raw SQL in a write transaction. For tests that need a schema state the public API
    /// cannot produce (e.g. a file from before a migration); never used by the program.
    func executeForTesting(_ sql: String) throws {
        try pool.write { try $0.execute(sql: sql) }
    }
}

extension Store {
    /// How many items wait in the full-text index queue (none after any committed write).
    func pendingSearchItems() throws -> Int {
        try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM item_fts_pending") ?? 0 }
    }
}
