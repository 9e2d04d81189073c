import Foundation
import Testing
import YuqingCore
import YuqingStore

@Suite("Errors")
struct StoreErrorTests {
    @Test("a path under a regular file cannot be created and the error names the path")
    func parentIsAFile() throws {
        try withTemporaryDirectory { directory throws in
            let blocker = directory.appendingPathComponent("not-a-directory")
            try Data("x".utf8).write(to: blocker)
            let path = blocker.appendingPathComponent("state/yuqing.sqlite").path
            let error = try #require(throws: StoreError.self) { try Store(path: path) }
            guard case .cannotCreateDirectory = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(error.path == path)
            #expect(error.description.contains(path))
            #expect(error.description.contains("\(blocker.path) exists and is not a directory"))
            #expect(error.description.contains("storage.path"))
        }
    }

    // Runs as root too: even root may not create files in a /proc directory.
    @Test("a directory nobody may write gives permission denied, naming the path",
          .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status")))
    func procDirectory() throws {
        let path = "/proc/self/yuqing.sqlite"
        let error = try #require(throws: StoreError.self) { try Store(path: path) }
        guard case .cannotOpen = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(error.path == path)
        #expect(error.description.hasPrefix("cannot open database at \(path): permission denied"))
        #expect(error.description.contains("StateDirectory"))
    }

    @Test("a directory the service user cannot write gives permission denied", .enabled(if: getuid() != 0))
    func unwritableDirectory() throws {
        try withTemporaryDirectory { directory throws in
            let locked = directory.appendingPathComponent("locked")
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
            try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: locked.path)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked.path) }
            let path = locked.appendingPathComponent("yuqing.sqlite").path
            let error = try #require(throws: StoreError.self) { try Store(path: path) }
            #expect(error == .cannotOpen(path: path, message: "permission denied: directory \(locked.path) is not writable"))
            #expect(error.description.hasPrefix("cannot open database at \(path): permission denied"))
        }
    }

    @Test("a file that is not a database is reported as damaged, naming the file")
    func notADatabase() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("yuqing.sqlite").path
            try Data(String(repeating: "这不是数据库。", count: 200).utf8).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: StoreError.self) { try Store(path: path) }
            guard case .corrupt = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(error.description.contains(path))
        }
    }

    @Test("an in-memory path is refused: WAL needs a file")
    func inMemory() throws {
        #expect(throws: StoreError.self) { try Store(path: ":memory:") }
    }
}
