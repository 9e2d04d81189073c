import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `<database>.lock`, held while a store opens the file and migrates it.
///
/// GRDB's migrator reads which migrations are applied and then runs the rest, each in its own
/// transaction; two processes opening a new file at once (the daemon starting while an operator
/// runs `yuqing status`) could both decide to run `v1.sources`, and the second fails with
/// "table already exists"; and switching a new file to WAL mode fails with "database is locked"
/// when another connection does the same. The lock makes the second wait and then find
/// nothing to do.
/// Where the lock file cannot be created (a read-only directory), migration goes ahead
/// unlocked: such a file cannot be migrated by anyone anyway.
struct MigrationLock: ~Copyable {
    private let descriptor: Int32

    /// Blocks until the lock on `databasePath` is held.
    init(databasePath: String) {
        let fd = open(databasePath + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd >= 0 {
            while flock(fd, LOCK_EX) != 0, errno == EINTR {}
        }
        descriptor = fd
    }

    deinit {
        if descriptor >= 0 {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
    }
}
