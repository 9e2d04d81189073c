import Foundation
import GRDB
import YuqingCore

/// Yuqing's SQLite database: sources, items, fetch log and source health in one
/// file, opened in WAL mode so the crawler writes while reports and the CLI read.
///
/// Every method is safe to call from any thread or task: GRDB's `DatabasePool`
/// serialises writes on one connection and runs reads concurrently on others. The
/// synchronous methods block the calling thread; from async code prefer the `async`
/// variants, which wait without holding a cooperative thread.
public final class Store: Sendable {
    /// The database file this store opened.
    public let path: String
    /// Seconds a write waits for another connection's lock before failing with `.busy`.
    public static let busyTimeout: TimeInterval = 5

    /// One writer and up to five reader connections; GRDB puts the file in WAL mode.
    let pool: DatabasePool

    /// Opens (creating it if needed) the database at `path`, creating its parent
    /// directories, and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        self.path = path
        try Self.prepareDirectory(for: path)

        var configuration = Configuration()
        configuration.label = "yuqing.store"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.prepareDatabase { db in
            // GRDB already sets this on the writer when it enables WAL; say it here so the
            // durability choice is visible: in WAL mode NORMAL loses at most the last
            // transactions on power loss, never consistency, and saves an fsync per commit.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }

        // Held while opening (switching a new file to WAL) and migrating: see MigrationLock.
        let lock = MigrationLock(databasePath: path)
        defer { withExtendedLifetime(lock) {} }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.wrapping(error, path: path, operation: "open the database")
        }
        try Self.migrate(pool, path: path)
        self.pool = pool
    }

    /// Closes every connection. Later calls fail; the WAL is checkpointed into the file.
    public func close() throws(StoreError) {
        do {
            try pool.close()
        } catch {
            throw StoreError.wrapping(error, path: path, operation: "close the database")
        }
    }

    /// The journal mode SQLite reports for the file (`wal` for a store).
    public func journalMode() throws(StoreError) -> String {
        try read("read the journal mode") { db in
            try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
        }
    }

    /// Reads one row from the file, so a health check knows the store still answers
    /// (not locked up, not unreadable).
    public func ping() async throws(StoreError) {
        _ = try await read("answer a health check") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations")
        }
    }

    /// Names of the schema migrations applied to the file, in the order they ran.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read("read the applied migrations") { db in
            let applied = try StoreMigrations.migrator.appliedIdentifiers(db)
            return StoreMigrations.migrator.migrations.filter(applied.contains)
        }
    }

    /// Whether `PRAGMA integrity_check` finds the file sound (it answers a single "ok").
    public func integrityCheck() throws(StoreError) -> Bool {
        try read("check integrity") { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"]
        }
    }

    // MARK: - Opening

    /// Creates the parent directories and checks they are writable, so that the
    /// common deployment mistakes get a precise message instead of SQLite's
    /// "unable to open database file".
    private static func prepareDirectory(for path: String) throws(StoreError) {
        guard !path.isEmpty, path != ":memory:" else {
            throw .cannotOpen(path: path, message: "a store needs a file path (WAL mode cannot work in memory)")
        }
        let fileManager = FileManager.default
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .cannotCreateDirectory(path: path, message: "\(directory) exists and is not a directory")
            }
        } else {
            do {
                try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreateDirectory(path: path, message: Self.reason(creating: directory, error))
            }
        }
        // WAL needs to create -wal and -shm files next to the database, so the
        // directory must be writable even when the file itself already exists.
        guard fileManager.isWritableFile(atPath: directory) else {
            throw .cannotOpen(path: path, message: "permission denied: directory \(directory) is not writable")
        }
        if fileManager.fileExists(atPath: path), !fileManager.isWritableFile(atPath: path) {
            throw .cannotOpen(path: path, message: "permission denied: the file is not writable")
        }
    }

    /// Runs pending migrations; refuses a file that a newer Yuqing has migrated,
    /// since this code would misread a schema it does not know.
    private static func migrate(_ pool: DatabasePool, path: String) throws(StoreError) {
        let migrator = StoreMigrations.migrator
        do {
            let applied = try pool.read { try migrator.appliedIdentifiers($0) }
            let unknown = applied.subtracting(migrator.migrations)
            if !unknown.isEmpty {
                throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted())
            }
        } catch {
            throw StoreError.wrapping(error, path: path, operation: "read the schema version")
        }
        do {
            try migrator.migrate(pool)
        } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_FULL, .SQLITE_BUSY,
                                                  .SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw StoreError.wrapping(error, path: path, operation: "migrate the schema")
        } catch {
            throw .migrationFailed(path: path, message: (error as? DatabaseError)?.message ?? "\(error)")
        }
    }

    /// Why `directory` could not be created. Foundation on Linux often says only
    /// "NSCocoaErrorDomain error 512", so look at the nearest existing ancestor.
    private static func reason(creating directory: String, _ error: any Error) -> String {
        let fileManager = FileManager.default
        var ancestor = URL(fileURLWithPath: directory)
        while ancestor.path != "/" {
            ancestor.deleteLastPathComponent()
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                return "\(ancestor.path) exists and is not a directory"
            }
            if !fileManager.isWritableFile(atPath: ancestor.path) {
                return "permission denied: cannot create directories in \(ancestor.path)"
            }
            break
        }
        return (error as NSError).localizedDescription
    }

    // MARK: - Access helpers

    /// Runs `body` in a write transaction, mapping every error to `StoreError`.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw StoreError.wrapping(error, path: path, operation: operation)
        }
    }

    /// Runs `body` in a write transaction without blocking a thread while it waits.
    func write<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw StoreError.wrapping(error, path: path, operation: operation)
        }
    }

    /// Runs `body` in a read-only snapshot, mapping every error to `StoreError`.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.wrapping(error, path: path, operation: operation)
        }
    }

    /// Runs `body` in a read-only snapshot without blocking a thread while it waits.
    func read<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw StoreError.wrapping(error, path: path, operation: operation)
        }
    }

    /// Throws `.unknownSource` unless `sourceID` has a row in `source`; checked up
    /// front so the caller gets that message instead of a bare foreign-key failure.
    static func requireSource(_ sourceID: String, in db: Database, path: String, operation: String) throws {
        // Cached: every poll's save and fetch record ask this, and preparing costs more than asking.
        let statement = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM source WHERE id = ?)")
        let known = try Bool.fetchOne(statement, arguments: [sourceID])
        if known != true {
            throw StoreError.unknownSource(path: path, sourceID: sourceID, operation: operation)
        }
    }
}
