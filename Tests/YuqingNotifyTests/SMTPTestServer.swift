import Foundation
import Testing

/// A real SMTP server on 127.0.0.1: `smtp_server.py` (aiosmtpd) in a child process that
/// records every accepted message to a temporary directory. It exits when the test drops it.
final class SMTPTestServer: @unchecked Sendable {
    /// Debian's python3 (where apt puts python3-aiosmtpd), not a pyenv shim that lacks it.
    static let python = "/usr/bin/python3"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("smtp_server.py").path

    /// Whether aiosmtpd can run here; tests that need it are skipped with a message otherwise.
    static let available: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import aiosmtpd"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()
    static let skipMessage: Comment = "needs /usr/bin/python3 with aiosmtpd (Debian python3-aiosmtpd; run scripts/bootstrap)"

    let port: Int
    let directory: URL
    private let process: Process
    private let input: Pipe

    /// The PEM certificate a client must trust (TLS modes only).
    var certificate: String { directory.appendingPathComponent("tls/cert.pem").path }

    /// Starts a server; `tls` is nil, `.starttls` or `.implicit`; `reply` answers DATA instead of accepting.
    /// Waiting for it happens on a thread of its own: blocking one of the two threads of the
    /// cooperative pool (2 cores) would stall every other test's HTTP server.
    static func start(user: String? = nil, password: String? = nil, tls: TLSMode? = nil, reply: String? = nil) async throws -> SMTPTestServer {
        try await offPool { try SMTPTestServer(user: user, password: password, tls: tls, reply: reply) }
    }

    private init(user: String?, password: String?, tls: TLSMode?, reply: String?) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("yuqing-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var arguments = [Self.script, "serve", "--dir", directory.path]
        if let user, let password { arguments += ["--user", user, "--password", password] }
        switch tls {
        case .starttls?: arguments += ["--starttls", directory.appendingPathComponent("tls").path]
        case .implicit?: arguments += ["--tls", directory.appendingPathComponent("tls").path]
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
            guard !chunk.isEmpty else { throw SMTPTestServerError.didNotStart }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else { throw SMTPTestServerError.didNotStart }
        self.port = port
    }

    enum TLSMode {
        case starttls
        case implicit
    }

    /// Stops the server and waits until it has exited (its port is closed then).
    func stop() async throws {
        try? input.fileHandleForWriting.close()
        let process = process
        _ = try await Self.offPool { process.waitUntilExit() }
    }

    deinit {
        // Closing stdin ends the server; nothing waits for it here (deinit may run on the cooperative pool).
        try? input.fileHandleForWriting.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The recorded messages, in arrival order.
    func messages() -> [URL] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "eml" }
            .sorted { Int($0.deletingPathExtension().lastPathComponent)! < Int($1.deletingPathExtension().lastPathComponent)! }
    }

    /// The envelope recipients (RCPT TO) of a recorded message.
    func envelopeRecipients(of message: URL) throws -> [String] {
        try String(contentsOf: message.deletingPathExtension().appendingPathExtension("rcpt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    /// A recorded message as Python's `email` package (policy.default) reads it.
    static func decode(_ message: URL) async throws -> DecodedMail {
        try await offPool { try decode(contentsOf: message.path) }
    }

    /// Bytes as Python's `email` package reads them.
    static func decode(_ bytes: Data) async throws -> DecodedMail {
        try await offPool {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("yuqing-mime-\(UUID().uuidString).eml")
            try bytes.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            return try decode(contentsOf: file.path)
        }
    }

    /// Runs blocking work (waiting on a child process) on a new thread.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
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

/// What Python's email package found in a message.
struct DecodedMail: Decodable {
    struct Part: Decodable {
        var content_type: String
        var filename: String?
        var cid: String?
        var disposition: String?
        var size: Int
    }

    var subject: String
    var from: String
    var from_name: String
    var to: [String]
    var to_names: [String]
    var message_id: String
    var date: String
    var content_type: String
    var structure: [String]
    var text: String?
    var html: String?
    var parts: [Part]
    var defects: [String]
    var max_line: Int
    var bare_lf: Bool
    var headers: [String: String]
}

enum SMTPTestServerError: Error {
    case didNotStart
}

/// The suites that start Python (the SMTP server, the `email` parser) run one test at a time,
/// one suite after the other: a dozen Python processes at once load two cores enough to upset
/// the timing tests of other suites.
@Suite(.serialized) enum PythonBackedTests {}
