import Foundation
import Testing
import YuqingService

@Suite struct DirectoryWatcherTests {
    /// Waits for the next change notification, failing after `limit`.
    func nextChange(_ watcher: DirectoryWatcher, within limit: Duration = .seconds(5)) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                var iterator = watcher.changes.makeAsyncIterator()
                return await iterator.next() != nil
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    @Test func reportsWritesRenamesAndRemovals() async throws {
        try await withTemporaryDirectory { directory in
            let watcher = try DirectoryWatcher(directory: directory)
            defer { watcher.stop() }
            let file = directory.appending(path: "环保.txt")

            try "化工厂\n".write(to: file, atomically: false, encoding: .utf8)
            #expect(await nextChange(watcher))

            // Editors save through a temporary file and a rename.
            try "化工厂\n异味\n".write(to: file, atomically: true, encoding: .utf8)
            #expect(await nextChange(watcher))

            try FileManager.default.removeItem(at: file)
            #expect(await nextChange(watcher))
        }
    }

    @Test func namesTheDirectoryWhenItCannotWatch() {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")
        #expect {
            _ = try DirectoryWatcher(directory: missing)
        } throws: { error in
            "\(error)".contains(missing.path) && "\(error)".contains("SIGHUP")
        }
    }
}
