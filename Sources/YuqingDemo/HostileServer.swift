import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A raw TCP server on 127.0.0.1 that misbehaves on purpose: it writes whatever bytes a
/// `Behaviour` says, at the pace it says, and can reset the connection. An HTTP framework
/// cannot do this (it always finishes headers and frames bodies properly), so this one
/// speaks the wire directly. Each connection runs on its own thread; `stop()` closes all.
/// For tests and fault drills only: it lives here, beside `LocalHTTPServer`, so every test target can use it.
public final class HostileServer: @unchecked Sendable {
    /// What the server does with each connection, after reading the request head.
    public enum Behaviour: Sendable {
        /// Sends `head`, then `body` in `chunk`-byte pieces with `pause` between them,
        /// and closes (or resets, when `reset` is set) after `body` or after `limit` bytes.
        case write(head: String, body: BodySource, chunk: Int, pause: Duration, reset: Bool)
    }

    /// Where a response body comes from.
    public enum BodySource: Sendable {
        /// These bytes, once.
        case bytes(Data)
        /// The same bytes repeated forever.
        case endless(Data)
    }

    /// The port it listens on, on 127.0.0.1.
    public let port: UInt16
    private let listener: Int32
    private let behaviour: Behaviour
    private let open = Mutex<Set<Int32>>([])
    private let stopped = Atomic<Bool>(false)
    /// Bytes the server managed to write, across connections (tests show a transfer was cut short).
    public let bytesWritten = Atomic<Int>(0)

    /// Starts listening on an ephemeral port of 127.0.0.1.
    public init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EMFILE) }
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        self.listener = listener
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// `http://127.0.0.1:PORT/path`.
    public func url(_ path: String = "/") -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// Closes the listener and every open connection.
    public func stop() {
        guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in open.withLock({ $0 }) { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .sequentiallyConsistent) {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { return }
            open.withLock { _ = $0.insert(fd) }
            let thread = Thread { [self] in
                serve(fd)
                open.withLock { _ = $0.remove(fd) }
                close(fd)
            }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        guard readRequestHead(fd) else { return }
        switch behaviour {
        case .write(let head, let body, let chunk, let pause, let reset):
            guard send(Data(head.utf8), to: fd) else { return }
            let piece: Data
            let repeats: Bool
            switch body {
            case .bytes(let data): (piece, repeats) = (data, false)
            case .endless(let data): (piece, repeats) = (data, true)
            }
            var offset = 0
            while !stopped.load(ordering: .sequentiallyConsistent) {
                if offset >= piece.count {
                    guard repeats, !piece.isEmpty else { break }
                    offset = 0
                }
                let end = min(offset + chunk, piece.count)
                guard send(piece[offset..<end], to: fd) else { return }
                offset = end
                if pause > .zero { Thread.sleep(forTimeInterval: pause.seconds) }
            }
            if reset {
                // SO_LINGER 0 turns close() into a TCP RST: the client sees a reset, not an EOF.
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            }
        }
    }

    /// Reads until the blank line that ends an HTTP request head; false if the client left.
    private func readRequestHead(_ fd: Int32) -> Bool {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.range(of: Data("\r\n\r\n".utf8)) == nil {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { return false }
            received.append(buffer, count: count)
        }
        return true
    }

    private func send(_ data: Data, to fd: Int32) -> Bool {
        var sent = 0
        while sent < data.count {
            let result = data.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + sent, data.count - sent, Int32(MSG_NOSIGNAL))
            }
            guard result > 0 else { return false }
            sent += result
            bytesWritten.add(result, ordering: .relaxed)
        }
        return true
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
