import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches one directory with inotify and reports, as an async sequence, that
/// something in it changed (a file written, created, renamed or removed).
///
/// Editors save in bursts (write a temp file, rename, touch), so the events carry no
/// detail: the consumer waits for a quiet moment and then re-reads the whole
/// directory, which is the only correct reaction anyway.
public final class DirectoryWatcher: Sendable {
    /// The watched directory.
    public let directory: URL
    /// One element per burst of kernel events.
    public let changes: AsyncStream<Void>
    // Dispatch sources are thread-safe to cancel from anywhere; the type just predates Sendable.
    nonisolated(unsafe) private let source: any DispatchSourceRead

    /// Starts watching `directory`; throws when inotify is unavailable or the directory does not exist.
    public init(directory: URL) throws(WatchError) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw .cannotWatch(path: directory.path, reason: String(cString: strerror(errno))) }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)
        guard inotify_add_watch(descriptor, directory.path, mask) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .cannotWatch(path: directory.path, reason: reason)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: DispatchQueue(label: "yuqing.watch"))
        source.setEventHandler {
            // Drain every pending event; one notification stands for the whole burst.
            var buffer = [UInt8](repeating: 0, count: 4_096)
            while read(descriptor, &buffer, buffer.count) > 0 {}
            continuation.yield()
        }
        source.setCancelHandler {
            close(descriptor)
            continuation.finish()
        }
        source.resume()
        self.directory = directory
        self.changes = stream
        self.source = source
    }

    /// Stops watching and ends `changes`.
    public func stop() {
        source.cancel()
    }

    deinit {
        source.cancel()
    }
}

/// Why a directory cannot be watched.
public enum WatchError: Error, Sendable, CustomStringConvertible {
    /// inotify refused (no such directory, too many watches, …).
    case cannotWatch(path: String, reason: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .cannotWatch(let path, let reason):
            "cannot watch \(path) for changes: \(reason); rules still reload on SIGHUP (systemctl reload yuqing)"
        }
    }
}
