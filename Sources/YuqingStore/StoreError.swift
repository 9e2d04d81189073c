import Foundation
import GRDB

/// Why a store operation failed. Every case names the database file and says what
/// an operator can do about it.
public enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The directory that should hold the database could not be created.
    case cannotCreateDirectory(path: String, message: String)
    /// SQLite could not open (or create) the database file.
    case cannotOpen(path: String, message: String)
    /// The file or its directory is read-only for this process.
    case readOnly(path: String, message: String)
    /// The disk holding the database is full.
    case diskFull(path: String, message: String)
    /// The file is not a database, or it is damaged.
    case corrupt(path: String, message: String)
    /// Another connection held a lock for longer than the busy timeout.
    case busy(path: String, operation: String, message: String)
    /// The file was migrated by a newer version of Yuqing than this one.
    case newerSchema(path: String, unknownMigrations: [String])
    /// A schema migration failed; the database keeps its previous schema.
    case migrationFailed(path: String, message: String)
    /// Items or fetch results were given for a source the store does not know.
    case unknownSource(path: String, sourceID: String, operation: String)
    /// The task was cancelled while it waited for the database.
    case cancelled(path: String, operation: String)
    /// Any other SQLite failure.
    case failed(path: String, operation: String, message: String)

    /// The database path the error is about.
    public var path: String {
        switch self {
        case .cannotCreateDirectory(let path, _), .cannotOpen(let path, _), .readOnly(let path, _),
             .diskFull(let path, _), .corrupt(let path, _), .busy(let path, _, _),
             .newerSchema(let path, _), .migrationFailed(let path, _),
             .unknownSource(let path, _, _), .cancelled(let path, _), .failed(let path, _, _):
            path
        }
    }

    /// A one-paragraph explanation: what failed, where, and what to do.
    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let message):
            "cannot create the directory for the database at \(path): \(message) — "
                + "check that the parent directory exists and is writable by the service user "
                + "(StateDirectory= in the systemd unit), or change storage.path in yuqing.yml"
        case .cannotOpen(let path, let message):
            "cannot open database at \(path): \(message) — check StateDirectory / the storage.path "
                + "in yuqing.yml, and that the service user can write the directory "
                + "(WAL mode creates \(path)-wal and \(path)-shm next to the file)"
        case .readOnly(let path, let message):
            "database at \(path) is read-only: \(message) — give the service user write access "
                + "to the file, its -wal/-shm files and their directory"
        case .diskFull(let path, let message):
            "the disk holding \(path) is full: \(message) — free space on that file system; "
                + "the failed write was rolled back"
        case .corrupt(let path, let message):
            "database at \(path) is damaged or not a SQLite database: \(message) — stop yuqing, "
                + "copy the file together with its -wal file, then restore a backup or try "
                + "`sqlite3 \(path) .recover`"
        case .busy(let path, let operation, let message):
            "database at \(path) stayed locked while trying to \(operation): \(message) — another "
                + "process holds a long write transaction; check that only one yuqing uses this file"
        case .newerSchema(let path, let unknown):
            "database at \(path) was migrated by a newer yuqing (unknown migrations: "
                + unknown.sorted().joined(separator: ", ")
                + ") — run that newer version, or restore a backup taken before the upgrade"
        case .migrationFailed(let path, let message):
            "cannot migrate database at \(path): \(message) — the schema was left as it was; "
                + "keep a copy of the file and report this as a bug"
        case .unknownSource(let path, let sourceID, let operation):
            "cannot \(operation): source “\(sourceID)” is not in the database at \(path) — "
                + "sources must be synced from Sources.yml (syncSources) before anything is stored for them"
        case .cancelled(let path, let operation):
            "cancelled while trying to \(operation) on database at \(path)"
        case .failed(let path, let operation, let message):
            "cannot \(operation) on database at \(path): \(message)"
        }
    }

    /// Maps any error thrown inside a database access to a `StoreError`.
    static func wrapping(_ error: any Error, path: String, operation: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if error is CancellationError { return .cancelled(path: path, operation: operation) }
        guard let error = error as? DatabaseError else {
            return .failed(path: path, operation: operation, message: String(describing: error))
        }
        let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .cannotOpen(path: path, message: message)
        case .SQLITE_READONLY:
            return .readOnly(path: path, message: message)
        case .SQLITE_FULL:
            return .diskFull(path: path, message: message)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .corrupt(path: path, message: message)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path, operation: operation, message: message)
        default:
            return .failed(path: path, operation: operation, message: message)
        }
    }
}
