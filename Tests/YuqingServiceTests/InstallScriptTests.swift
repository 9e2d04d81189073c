import Foundation
import Testing

/// Runs `scripts/install` and `scripts/uninstall` into a staging directory, as packaging would.
@Suite struct InstallScriptTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs the script on a Dispatch thread: waiting for it must not hold one of the few
    /// cooperative threads the other tests' servers need.
    static func script(_ name: String, _ arguments: [String]) async throws -> (Int32, String) {
        try await offPool { try blockingScript(name, arguments) }
    }

    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    static func blockingScript(_ name: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repository.appending(path: "scripts/\(name)").path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func installsIntoAStagingDirectoryKeepsEditsAndUninstallLeavesDataUnlessPurged() async throws {
        try await withTemporaryDirectory { stage in
            let options = ["--destdir", stage.path]
            // A stand-in program: copying the 100 MB debug binary would only slow the suite down.
            let program = stage.appending(path: "yuqing-build")
            try "#!/bin/sh\necho yuqing\n".write(to: program, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)
            let (status, output) = try await Self.script("install", options + ["--binary", program.path])
            #expect(status == 0, "\(output)")
            let config = stage.appending(path: "etc/yuqing")
            let files = FileManager.default
            #expect(files.isExecutableFile(atPath: stage.appending(path: "usr/local/bin/yuqing").path))
            let unit = try String(contentsOf: stage.appending(path: "etc/systemd/system/yuqing.service"), encoding: .utf8)
            #expect(unit.contains("ExecStart=/usr/local/bin/yuqing run"))
            #expect(files.fileExists(atPath: config.appending(path: "Rules/环保.txt").path))
            #expect(files.fileExists(atPath: config.appending(path: "credentials").path))
            // The installed yuqing.yml leaves the database to the state directory.
            let settings = try String(contentsOf: config.appending(path: "yuqing.yml"), encoding: .utf8)
            #expect(!settings.contains("\nstorage:"))
            let check = try await Self.offPool { try CommandLineTests.run(["check", "--config", config.path]) }
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

            // The operator edits a file; a second install keeps it and puts the new one beside it.
            let edited = settings + "\n# edited by the operator\n"
            try edited.write(to: config.appending(path: "yuqing.yml"), atomically: true, encoding: .utf8)
            let (again, againOutput) = try await Self.script("install", options + ["--binary", program.path])
            #expect(again == 0, "\(againOutput)")
            #expect(try String(contentsOf: config.appending(path: "yuqing.yml"), encoding: .utf8) == edited)
            #expect(try String(contentsOf: config.appending(path: "yuqing.yml.example"), encoding: .utf8) == settings)
            #expect(!files.fileExists(atPath: config.appending(path: "Sources.yml.example").path))

            #expect(try await Self.script("uninstall", options).0 == 0)
            #expect(!files.fileExists(atPath: stage.appending(path: "usr/local/bin/yuqing").path))
            #expect(!files.fileExists(atPath: stage.appending(path: "etc/systemd/system/yuqing.service").path))
            #expect(files.fileExists(atPath: config.appending(path: "yuqing.yml").path))
            #expect(try await Self.script("uninstall", options + ["--purge"]).0 == 0)
            #expect(!files.fileExists(atPath: config.path))
        }
    }
}
