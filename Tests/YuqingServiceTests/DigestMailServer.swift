import Foundation
import Testing

/// The notify tests' aiosmtpd server (`Tests/YuqingNotifyTests/smtp_server.py`) for the digest's
/// end-to-end test: a real SMTP server on 127.0.0.1 in a child process, which records what it
/// accepts, and the same script's `decode` (Python's `email` package) to read it back.
final class DigestMailServer: @unchecked Sendable {
    /// Debian's python3 (where apt puts python3-aiosmtpd).
    static let python = "/usr/bin/python3"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "YuqingNotifyTests/smtp_server.py").path

    /// Whether aiosmtpd can run here.
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

    /// Starts a server without TLS or AUTH; waits for it on a thread of its own.
    static func start() async throws -> DigestMailServer {
        try await offPool { try DigestMailServer() }
    }

    private init() throws {
        directory = FileManager.default.temporaryDirectory.appending(path: "yuqing-digest-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.script, "serve", "--dir", directory.path]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The first line is "PORT n", printed once the server answers.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw ServerDidNotStart() }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else { throw ServerDidNotStart() }
        self.port = port
    }

    deinit {
        // Closing stdin ends the server.
        try? input.fileHandleForWriting.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The recorded messages, in arrival order.
    func messages() -> [URL] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "eml" }
            .sorted { Int($0.deletingPathExtension().lastPathComponent)! < Int($1.deletingPathExtension().lastPathComponent)! }
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

    /// What Python's email package found in a message (the fields this test reads).
    struct Mail: Decodable {
        var subject: String
        var from: String
        var to: [String]
        var content_type: String
        var structure: [String]
        var text: String?
        var html: String?
        var defects: [String]
        var headers: [String: String]
    }

    struct ServerDidNotStart: Error {}

    /// Runs blocking work (waiting on a child process) on a new thread.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
