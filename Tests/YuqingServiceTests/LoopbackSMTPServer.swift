import Foundation
import Testing

/// aiosmtpd on 127.0.0.1 for the end-to-end alert and digest tests. It runs the same script as the
/// YuqingNotify tests (`Tests/YuqingNotifyTests/smtp_server.py`, by path: one server, one place),
/// which records each accepted message as `N.eml`. The server exits when its stdin closes.
final class LoopbackSMTPServer: @unchecked Sendable {
    static let python = "/usr/bin/python3"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "YuqingNotifyTests/smtp_server.py").path

    /// Whether aiosmtpd is installed (Debian's python3-aiosmtpd); tests that need it are skipped
    /// otherwise. A file check, not `python3 -c "import aiosmtpd"`: test traits are evaluated on
    /// the cooperative pool, and a second of blocking there slows every other suite's timing.
    static let available: Bool = FileManager.default.isExecutableFile(atPath: python)
        && FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/aiosmtpd")
    /// Why a test that needs it was skipped.
    static let skipMessage: Comment = "needs /usr/bin/python3 with aiosmtpd (Debian python3-aiosmtpd; run scripts/bootstrap)"

    let port: Int
    /// Where the messages are recorded; it outlives a stop, so a restarted server can share it.
    let directory: URL
    private let process: Process
    private let input: Pipe

    /// Starts a server answering DATA after `delay` seconds, on `port` (0: any free port),
    /// recording into `directory` (a new one when nil).
    static func start(delay: Double = 0, port: Int = 0, directory: URL? = nil) async throws -> LoopbackSMTPServer {
        try await offPool { try LoopbackSMTPServer(delay: delay, port: port, directory: directory) }
    }

    private init(delay: Double, port: Int, directory: URL?) throws {
        self.directory = directory ?? FileManager.default.temporaryDirectory
            .appending(path: "yuqing-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.script, "serve", "--dir", self.directory.path, "--delay", "\(delay)", "--port", "\(port)"]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
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

    /// Stops the server and waits until its port is closed.
    func stop() async throws {
        try? input.fileHandleForWriting.close()
        let process = process
        _ = try await Self.offPool { process.waitUntilExit() }
    }

    deinit {
        try? input.fileHandleForWriting.close()
    }

    /// The recorded messages' files, in arrival order.
    func messages() -> [URL] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "eml" }
            .sorted { Int($0.deletingPathExtension().lastPathComponent) ?? 0 < Int($1.deletingPathExtension().lastPathComponent) ?? 0 }
    }

    /// The Message-ID of each recorded message (one entry per message, duplicates kept).
    func messageIDs() throws -> [String] {
        try messages().map { file in
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            let header = text.components(separatedBy: "\r\n\r\n").first ?? text
            let line = header.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("message-id:") }
            return line.map { String($0.dropFirst("message-id:".count)).trimmingCharacters(in: .whitespaces) } ?? ""
        }
    }

    /// A recorded message as Python's `email` package (policy.default) reads it.
    static func decode(_ message: URL) async throws -> Mail {
        try await offPool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [script, "decode", message.path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return try JSONDecoder().decode(Mail.self, from: data)
        }
    }

    /// What Python's email package found in a message (the fields the tests read).
    struct Mail: Decodable {
        var subject: String
        var from: String
        var to: [String]
        var message_id: String
        var content_type: String
        var structure: [String]
        var text: String?
        var html: String?
        var defects: [String]
        var headers: [String: String]
    }

    /// Blocking work (waiting on a child process) on a thread of its own, off the cooperative pool.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}

enum LoopbackSMTPServerError: Error {
    case didNotStart
}
