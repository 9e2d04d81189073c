import GRDB

extension Store {
    /// Runs raw SQL in a write transaction. For tests that need a schema state the public API
    /// cannot produce (e.g. a file from before a migration); never used by the program.
    func executeForTesting(_ sql: String) throws {
        try pool.write { try $0.execute(sql: sql) }
    }
}
