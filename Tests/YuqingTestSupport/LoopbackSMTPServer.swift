import Foundation
import Testing

/// A real SMTP server on 127.0.0.1 for the tests: `smtp_server.py` (aiosmtpd) in a child process
/// that records each accepted message as `N.eml` (and its envelope recipients as `N.rcpt`) in a
/// directory. The server exits when its stdin closes, so it ends with the test that dropped it.
public final class LoopbackSMTPServer: @unchecked Sendable {
    /// Debian's python3 (where apt puts python3-aiosmtpd), not a pyenv shim that lacks it.
    public static let python = "/usr/bin/python3"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("smtp_server.py").path

    /// Whether aiosmtpd is installed (Debian's python3-aiosmtpd); tests that need it are skipped
    /// otherwise. A file check, not `python3 -c "import aiosmtpd"`: test traits are evaluated on
    /// the cooperative pool, and a second of blocking there slows every other suite's timing.
    public static let available: Bool = FileManager.default.isExecutableFile(atPath: python)
        && FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/aiosmtpd")
    /// Why a test that needs the server was skipped.
    public static let skipMessage: Comment =
        "needs /usr/bin/python3 with aiosmtpd (Debian python3-aiosmtpd; run scripts/bootstrap)"

    /// The port the server listens on.
    public let port: Int
    /// Where the messages are recorded; a directory given to `start` outlives the server, so a
    /// restarted server can share it, while one the server made itself is removed with it.
    public let directory: URL
    private let ownsDirectory: Bool
    private let process: Process
    private let input: Pipe

    /// The PEM certificate a client must trust (TLS modes only).
    public var certificate: String { directory.appendingPathComponent("tls/cert.pem").path }

    /// How the server offers TLS.
    public enum TLSMode: Sendable {
        /// Plain SMTP that upgrades with STARTTLS (port 587 style).
        case starttls
        /// TLS from the first byte (port 465 style).
        case implicit
    }

    /// Starts a server. `user`/`password` require AUTH; `reply` answers DATA with that reply
    /// instead of accepting; `delay` waits that many seconds before answering DATA; `port` 0
    /// takes any free port. Waiting for it happens on a thread of its own: blocking one of the
    /// two threads of the cooperative pool (2 cores) would stall every other test's servers.
    public static func start(
        user: String? = nil, password: String? = nil, tls: TLSMode? = nil, reply: String? = nil,
        delay: Double = 0, port: Int = 0, directory: URL? = nil
    ) async throws -> LoopbackSMTPServer {
        try await offPool {
            try LoopbackSMTPServer(user: user, password: password, tls: tls, reply: reply,
                                   delay: delay, port: port, directory: directory)
        }
    }

    private init(user: String?, password: String?, tls: TLSMode?, reply: String?, delay: Double, port: Int,
                 directory: URL?) throws {
        ownsDirectory = directory == nil
        self.directory = directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("yuqing-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        var arguments = [Self.script, "serve", "--dir", self.directory.path, "--delay", "\(delay)", "--port", "\(port)"]
        if let user, let password { arguments += ["--user", user, "--password", password] }
        switch tls {
        case .starttls?: arguments += ["--starttls", self.directory.appendingPathComponent("tls").path]
        case .implicit?: arguments += ["--tls", self.directory.appendingPathComponent("tls").path]
        case nil: break
        }
        if let reply { arguments += ["--reply", reply] }
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The first line is "PORT n", printed once the server answers.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw LoopbackSMTPServerError.didNotStart }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else { throw LoopbackSMTPServerError.didNotStart }
        self.port = port
    }

    /// Stops the server and waits until it has exited (its port is closed then).
    public func stop() async throws {
        try? input.fileHandleForWriting.close()
        let process = process
        _ = try await Self.offPool { process.waitUntilExit() }
    }

    deinit {
        // Closing stdin ends the server; nothing waits for it here (deinit may run on the cooperative pool).
        try? input.fileHandleForWriting.close()
        if ownsDirectory { try? FileManager.default.removeItem(at: directory) }
    }

    /// The recorded messages' files, in arrival order.
    public func messages() -> [URL] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "eml" }
            .sorted { Int($0.deletingPathExtension().lastPathComponent) ?? 0 < Int($1.deletingPathExtension().lastPathComponent) ?? 0 }
    }

    /// The envelope recipients (RCPT TO) of a recorded message.
    public func envelopeRecipients(of message: URL) throws -> [String] {
        try String(contentsOf: message.deletingPathExtension().appendingPathExtension("rcpt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    /// The Message-ID of each recorded message (one entry per message, duplicates kept).
    public func messageIDs() throws -> [String] {
        try messages().map { file in
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            let header = text.components(separatedBy: "\r\n\r\n").first ?? text
            let line = header.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("message-id:") }
            return line.map { String($0.dropFirst("message-id:".count)).trimmingCharacters(in: .whitespaces) } ?? ""
        }
    }

    /// A recorded message as Python's `email` package (policy.default) reads it.
    public static func decode(_ message: URL) async throws -> DecodedMail {
        try await offPool { try decode(contentsOf: message.path) }
    }

    /// Bytes as Python's `email` package reads them.
    public static func decode(_ bytes: Data) async throws -> DecodedMail {
        try await offPool {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("yuqing-mime-\(UUID().uuidString).eml")
            try bytes.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            return try decode(contentsOf: file.path)
        }
    }

    /// Runs blocking work (waiting on a child process) on a thread of its own, off the cooperative pool.
    public static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    private static func decode(contentsOf path: String) throws -> DecodedMail {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, "decode", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(DecodedMail.self, from: data)
    }
}

/// Why the loopback SMTP server could not be used.
public enum LoopbackSMTPServerError: Error {
    /// The child process ended or printed something else before announcing its port.
    case didNotStart
}
