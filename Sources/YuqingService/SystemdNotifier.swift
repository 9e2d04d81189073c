import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Speaks systemd's notify protocol (sd_notify(3)): one datagram per state change to
/// the AF_UNIX socket named by `$NOTIFY_SOCKET`.
///
/// Written here rather than linking libsystemd: the protocol is one `sendto`, and this
/// keeps the binary free of a library that only matters under systemd. Without
/// `$NOTIFY_SOCKET` (not run by systemd, or `Type=` is not `notify`) every call is a no-op.
public struct SystemdNotifier: Sendable {
    private let socketPath: String?

    /// Reads `$NOTIFY_SOCKET` from `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = environment["NOTIFY_SOCKET"] ?? ""
        socketPath = path.isEmpty ? nil : path
    }

    /// Whether a notify socket was given.
    public var isActive: Bool { socketPath != nil }

    /// The service finished starting (migrations run, configuration loaded).
    public func ready(status: String? = nil) { send(["READY=1"] + statusLine(status)) }

    /// A reload began; `ready()` must follow when it ends. `MONOTONIC_USEC` is required by
    /// `Type=notify-reload` and harmless otherwise.
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let microseconds = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1_000
        send(["RELOADING=1", "MONOTONIC_USEC=\(microseconds)"])
    }

    /// Shutdown began.
    public func stopping() { send(["STOPPING=1"]) }

    /// The watchdog keep-alive; send only while the service is healthy.
    public func watchdog() { send(["WATCHDOG=1"]) }

    /// A free-form status line shown by `systemctl status`.
    public func status(_ text: String) { send(statusLine(text)) }

    /// The interval at which systemd expects `watchdog()`, from `$WATCHDOG_USEC`, if enabled.
    public static func watchdogInterval(environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 else { return nil }
        return .microseconds(microseconds)
    }

    private func statusLine(_ status: String?) -> [String] {
        guard let status else { return [] }
        // A newline would end the assignment early and inject another one.
        return ["STATUS=" + status.replacingOccurrences(of: "\n", with: " ")]
    }

    private func send(_ assignments: [String]) {
        guard let socketPath, !assignments.isEmpty else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        // A leading '@' names a socket in the abstract namespace: its first byte is NUL.
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let message = assignments.joined(separator: "\n") + "\n"
        _ = message.withCString { text in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    sendto(fd, text, strlen(text), Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
    }
}
