import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import YuqingCore
import YuqingDemo
import YuqingService
import YuqingStore

/// Runs the real `yuqing` binary, built next to the test bundle, as a user would.
@Suite struct CommandLineTests {
    static var binary: URL {
        let testExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return testExecutable.deletingLastPathComponent().appending(path: "yuqing")
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts `yuqing arguments…`; the caller waits or signals. Both pipes are drained from the
    /// start: a daemon that logs more than a pipe holds (64 KB) before the test finishes it
    /// would otherwise block in write(2) and never exit (seen as a hung suite under load).
    static func launch(_ arguments: [String]) throws -> (Process, DrainedPipe, DrainedPipe) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = DrainedPipe(), err = DrainedPipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        out.startDraining()
        err.startDraining()
        return (process, out, err)
    }

    static func finish(_ process: Process, _ out: DrainedPipe, _ err: DrainedPipe) -> Outcome {
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: out.collected(), as: UTF8.self),
                       stderr: String(decoding: err.collected(), as: UTF8.self))
    }

    static func run(_ arguments: [String]) throws -> Outcome {
        let (process, out, err) = try launch(arguments)
        return finish(process, out, err)
    }

    /// `run` for async tests: waits on a thread of its own. Waiting on one of the cooperative
    /// pool's threads (two on a 2-core machine) starves the in-process HTTP servers the child
    /// talks to once two tests do it at the same time.
    static func runAsync(_ arguments: [String]) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try run(arguments) }) }.start()
        }
    }

    /// `finish` for async tests, off the cooperative pool (see `runAsync`).
    static func finishAsync(_ process: Process, _ out: DrainedPipe, _ err: DrainedPipe) async -> Outcome {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: finish(process, out, err)) }.start()
        }
    }

    @Test func checkPrintsEveryErrorWithItsLocationAndFails() async throws {
        try await withTemporaryDirectory { directory in
            try """
            sources:
              - id: gov-news
                url: https://www.example.gov.cn/rss.xml
                interval: 5x
              - id: gov-news
                url: not a url
            """.write(to: directory.appending(path: "Sources.yml"), atomically: true, encoding: .utf8)
            let outcome = try Self.run(["check", "--config", directory.path])
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("Sources.yml:4:15: error:"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("5x"))
            #expect(outcome.stderr.contains("Sources.yml:5:"), "duplicate id reported: \(outcome.stderr)")
            #expect(outcome.stderr.contains("Sources.yml:6:"), "bad URL reported: \(outcome.stderr)")
        }
    }

    @Test func checkFindsDigestRecipientsThatRecipientsDoesNotDefine() async throws {
        try await withTemporaryDirectory { directory in
            try """
            recipients:
              宣传部: { email: ["xcb@example.gov.cn"] }
              值班室: { email: ["duty@example.gov.cn"] }
              值班群: { webhooks: [钉钉] }
            webhooks:
              - name: 钉钉
                kind: json
                url: http://127.0.0.1:9/hook
            digests:
              - name: 周报
                period: week
                to: [宣传部, 值斑室]
              - name: 日报
                period: day
                to: 办公厅, 值班群
            """.write(to: directory.appending(path: "yuqing.yml"), atomically: true, encoding: .utf8)
            try "sources: []\n".write(to: directory.appending(path: "Sources.yml"), atomically: true, encoding: .utf8)
            let (process, out, err) = try Self.launch(["check", "--config", directory.path])
            let outcome = await Self.finishAsync(process, out, err)
            #expect(outcome.status == 1, "\(outcome.stderr)")
            #expect(outcome.stderr.contains(
                "yuqing.yml:12: error: digest '周报' is sent to '值斑室', which 'recipients:' in yuqing.yml does not define (did you mean '值班室'?)"),
                "\(outcome.stderr)")
            #expect(outcome.stderr.contains("yuqing.yml:15: error: digest '日报' is sent to '办公厅'"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("defined: 宣传部, 值班室, 值班群"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("yuqing.yml:15: warning: digest '日报' is sent to '值班群', which has no 'email:'"),
                    "\(outcome.stderr)")

            // Fixed: the webhook-only recipient stays a warning and the check passes.
            let fixed = try String(contentsOf: directory.appending(path: "yuqing.yml"), encoding: .utf8)
                .replacingOccurrences(of: "值斑室", with: "值班室").replacingOccurrences(of: "办公厅, ", with: "")
            try fixed.write(to: directory.appending(path: "yuqing.yml"), atomically: true, encoding: .utf8)
            let again = try await Self.runAsync(["check", "--config", directory.path])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stderr.contains("warning: digest '日报' is sent to '值班群'"), "\(again.stderr)")
        }
    }

    @Test func checkAcceptsTheExampleConfiguration() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let outcome = try Self.run(["check", "--config", root.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("ok: "))
    }

    @Test func runStoresItemsAndExitsCleanlyOnSIGTERM() async throws {
        let site = DemoSite(catalog: try DemoCatalog.bundled(), interval: .milliseconds(200), initialCount: 4)
        try await withTemporaryDirectory { directory in
            try await withServer(site.router()) { base in
                var sources = "sources:\n"
                for feed in site.catalog.feeds {
                    sources += "  - id: demo-\(feed.id)\n    url: \(base.absoluteString)\(feed.path)\n    interval: 1s\n"
                }
                try sources.write(to: directory.appending(path: "Sources.yml"), atomically: true, encoding: .utf8)
                // All demo feeds share one host: no per-host spacing, so every source is polled in time.
                try "storage:\n  path: store/y.sqlite\ncrawl:\n  per_host_delay: 0s\n  per_host_concurrency: 8\n"
                    .write(to: directory.appending(path: "yuqing.yml"), atomically: true, encoding: .utf8)

                let (process, out, err) = try Self.launch(["run", "--config", directory.path])
                // Until every source has been polled once (first polls are spread over the first
                // 3 s), then a little longer so polls are in flight when SIGTERM arrives.
                let databasePath = directory.appending(path: "store/y.sqlite").path
                let began0 = ContinuousClock.now
                while ContinuousClock.now - began0 < .seconds(20) {
                    if FileManager.default.fileExists(atPath: databasePath),
                       let states = try? await Store(path: databasePath).allSourceStates(),
                       states.count == site.catalog.feeds.count { break }
                    try await Task.sleep(for: .milliseconds(200))
                }
                try await Task.sleep(for: .milliseconds(500))
                process.terminate() // SIGTERM, as systemd sends
                let began = ContinuousClock.now
                let outcome = await Self.finishAsync(process, out, err)
                #expect(ContinuousClock.now - began < .seconds(5))
                #expect(outcome.status == 0, "\(outcome.stderr)")
                #expect(outcome.stderr.contains("yuqing stopped"))

                let store = try Store(path: directory.appending(path: "store/y.sqlite").path)
                #expect(try store.itemCount() >= 4)
                #expect(try store.integrityCheck())
                #expect(try await store.allSourceStates().count == site.catalog.feeds.count)
                // Stopping is not a source's fault: no failure may be recorded by the shutdown.
                #expect(try await store.allSourceStates().allSatisfy { $0.totalFailures == 0 })

                let status = try await Self.runAsync(["status", "--config", directory.path])
                #expect(status.status == 0, "\(status.stderr)")
                #expect(status.stdout.contains("healthy \(site.catalog.feeds.count)"), "\(status.stdout)")
                #expect(status.stdout.contains("规则 rules:       none"))
                #expect(status.stdout.contains("预警 outbox:      0 pending, 0 sent, 0 failed"), "\(status.stdout)")
                #expect(status.stdout.contains("报告 last digest: none sent"))
            }
        }
    }

    @Test func itemShowsSentimentAndStoryAndRulesTestScoresSentiment() async throws {
        try await withTemporaryDirectory { directory in
            try "sources:\n  - id: a\n    name: 江临日报\n    url: http://127.0.0.1:9/a\n  - id: b\n    url: http://127.0.0.1:9/b\n"
                .write(to: directory.appending(path: "Sources.yml"), atomically: true, encoding: .utf8)
            try "storage:\n  path: store/y.sqlite\n".write(to: directory.appending(path: "yuqing.yml"), atomically: true, encoding: .utf8)
            let rules = directory.appending(path: "Rules")
            try FileManager.default.createDirectory(at: rules.appending(path: "sentiment"), withIntermediateDirectories: true)
            try "- name: 化工负面\n  group: 环保\n  match: 化工厂\n  negative_only: true\n"
                .write(to: rules.appending(path: "重点.yml"), atomically: true, encoding: .utf8)
            try "点赞\n".write(to: rules.appending(path: "sentiment/positive.txt"), atomically: true, encoding: .utf8)
            try "偷排\n投诉\n".write(to: rules.appending(path: "sentiment/negative.txt"), atomically: true, encoding: .utf8)

            let store = try Store(path: directory.appending(path: "store/y.sqlite").path)
            let sources = [feedSource("a", URL(string: "http://127.0.0.1:9/a")!), feedSource("b", URL(string: "http://127.0.0.1:9/b")!)]
            try await store.syncSources(sources, at: Date())
            let body = "江临市临港化工园区一家化工厂被居民投诉夜间偷排废水，附近河道出现大量死鱼，环保部门已介入调查。"
            let first = try await store.save([FeedEntry(title: "居民投诉化工厂夜间偷排", guid: "1", summary: body)], from: "a", at: Date())
            let copy = try await store.save([FeedEntry(title: "居民投诉化工厂夜间偷排_论坛", guid: "2", summary: body)], from: "b", at: Date())
            let pipeline = MatchPipeline(rules: try RuleBook(directory: rules), store: store, sources: sources, logger: quietLogger)
            await pipeline.process(first.inserted)
            await pipeline.process(copy.inserted)
            try store.close()

            let shown = try await Self.runAsync(["item", "\(copy.inserted[0].id)", "--config", directory.path])
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains("情感 sentiment: 负面 (-"), "\(shown.stdout)")
            #expect(shown.stdout.contains("— 2 条信息，2 个站点；首发 江临日报"), "\(shown.stdout)")
            #expect(shown.stdout.contains("规则 rule:      化工负面"), "\(shown.stdout)")

            let negative = try await Self.runAsync(["rules", "test", "化工负面", "--text", "居民投诉化工厂", "--config", directory.path])
            #expect(negative.status == 0)
            #expect(negative.stdout.contains("情感: 负面"), "\(negative.stdout)")
            let positive = try await Self.runAsync(["rules", "test", "化工负面", "--text", "居民为化工厂点赞", "--config", directory.path])
            #expect(positive.status == 2, "\(positive.stdout)")
            #expect(positive.stdout.contains("情感: 正面"))

            // `rules check` (and `yuqing check`) read the lexicons too.
            try "偷排\n投诉\n差劲\tvery\n".write(to: rules.appending(path: "sentiment/negative.txt"), atomically: true, encoding: .utf8)
            let check = try await Self.runAsync(["rules", "check", "--config", directory.path])
            #expect(check.status == 1)
            #expect(check.stderr.contains("Rules/sentiment/negative.txt:3:1"), "\(check.stderr)")
        }
    }

    @Test func fetchPrintsTheItemsOfOneSource() async throws {
        // Nothing new may be published while the test runs, however slow the machine.
        let site = DemoSite(catalog: try DemoCatalog.bundled(), interval: .seconds(3_600))
        try await withTemporaryDirectory { directory in
            try await withServer(site.router()) { base in
                try "sources:\n  - id: forum\n    url: \(base.absoluteString)/bbs/rss.php\n"
                    .write(to: directory.appending(path: "Sources.yml"), atomically: true, encoding: .utf8)
                let dry = try await Self.runAsync(["fetch", "forum", "--dry-run", "--config", directory.path])
                #expect(dry.status == 0, "\(dry.stderr)")
                #expect(dry.stdout.contains("滨江路小区晚上又有刺鼻气味"))
                #expect(!FileManager.default.fileExists(atPath: directory.appending(path: "data/yuqing.sqlite").path))

                let real = try await Self.runAsync(["fetch", "forum", "--config", directory.path])
                #expect(real.stdout.contains("+ 滨江路小区晚上又有刺鼻气味"))
                // Asked for by hand, the page is read in full again (no ETag sent, no body skipped
                // as unchanged): the same items, now known, and nothing stored twice.
                let again = try await Self.runAsync(["fetch", "forum", "--config", directory.path])
                #expect(again.stdout.contains("= 滨江路小区晚上又有刺鼻气味"), "\(again.status): \(again.stderr)")
                #expect(again.stdout.contains("ok, HTTP 200"))
                #expect(again.stdout.contains("(0 new, 0 updated)"))
                #expect(!again.stdout.contains("+ "))

                let unknown = try await Self.runAsync(["fetch", "nope", "--config", directory.path])
                #expect(unknown.status != 0)
                #expect(unknown.stderr.contains("no source 'nope'"))
            }
        }
    }
}

/// The daemon under a fake systemd: a datagram socket named by NOTIFY_SOCKET.
@Suite struct SystemdNotifyTests {
    /// Binds an AF_UNIX datagram socket at `path` and returns its descriptor.
    static func bindDatagramSocket(at path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, result == 0 else { throw CocoaError(.fileWriteUnknown) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// The next datagram, or nil after the socket's 10 s timeout.
    static func receive(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
    }

    @Test func sendsReadyWatchdogAndStopping() async throws {
        let site = DemoSite(catalog: try DemoCatalog.bundled())
        try await withTemporaryDirectory { directory in
            try await withServer(site.router()) { base in
                try "sources:\n  - id: gov\n    url: \(base.absoluteString)/gov/rss.xml\n    interval: 1s\n"
                    .write(to: directory.appending(path: "Sources.yml"), atomically: true, encoding: .utf8)
                let socketPath = directory.appending(path: "notify.sock").path
                let fd = try Self.bindDatagramSocket(at: socketPath)
                defer { close(fd) }

                let process = Process()
                process.executableURL = CommandLineTests.binary
                process.arguments = ["run", "--config", directory.path, "--log-level", "error"]
                var environment = ProcessInfo.processInfo.environment
                environment["NOTIFY_SOCKET"] = socketPath
                environment["WATCHDOG_USEC"] = "400000"
                process.environment = environment
                try process.run()

                let ready = Self.receive(fd)
                #expect(ready?.contains("READY=1") == true)
                #expect(ready?.contains("STATUS=polling 1 sources") == true)
                #expect(Self.receive(fd)?.contains("WATCHDOG=1") == true)

                process.terminate()
                var messages: [String] = []
                while let message = Self.receive(fd) {
                    messages.append(message)
                    if message.contains("STOPPING=1") { break }
                }
                process.waitUntilExit()
                #expect(messages.contains { $0.contains("STOPPING=1") })
                #expect(process.terminationStatus == 0)
            }
        }
    }
}

@Suite struct ReloadCommandLineTests {
    @Test func sighupWithABrokenRuleKeepsTheDaemonAndTheOldRules() async throws {
        let site = DemoSite(catalog: try DemoCatalog.bundled())
        try await withTemporaryDirectory { directory in
            try await withServer(site.router()) { base in
                try "sources:\n  - id: gov\n    url: \(base.absoluteString)/gov/rss.xml\n    interval: 1s\n"
                    .write(to: directory.appending(path: "Sources.yml"), atomically: true, encoding: .utf8)
                let rules = directory.appending(path: "Rules")
                try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
                try "安全生产\n".write(to: rules.appending(path: "安全.txt"), atomically: true, encoding: .utf8)

                let (process, out, err) = try CommandLineTests.launch(["run", "--config", directory.path])
                // Wait until the daemon has polled (its rules are loaded and the SIGHUP handler is
                // installed): a slow start would otherwise read the broken rule at start and exit.
                let database = directory.appending(path: "data/yuqing.sqlite").path
                for _ in 0 ..< 150 {
                    if FileManager.default.fileExists(atPath: database),
                       let store = try? Store(path: database), (try? store.fetchLogCount()) ?? 0 > 0 { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                try await Task.sleep(for: .milliseconds(300))
                try "- name: 坏规则\n  match: (爆炸 AND\n".write(to: rules.appending(path: "坏.yml"), atomically: true, encoding: .utf8)
                kill(process.processIdentifier, SIGHUP)
                try await Task.sleep(for: .seconds(1))
                #expect(process.isRunning, "SIGHUP must not stop the daemon")

                try FileManager.default.removeItem(at: rules.appending(path: "坏.yml"))
                try "安全生产\n坍塌\n".write(to: rules.appending(path: "安全.txt"), atomically: true, encoding: .utf8)
                kill(process.processIdentifier, SIGHUP)
                try await Task.sleep(for: .seconds(1))
                process.terminate()
                let outcome = await CommandLineTests.finishAsync(process, out, err)
                #expect(outcome.status == 0)
                #expect(outcome.stderr.contains("rules not reloaded, previous rules stay in force: Rules/坏.yml:2:"), "\(outcome.stderr)")
                #expect(outcome.stderr.contains("rules reloaded"))
            }
        }
    }
}

@Suite struct RulesCommandLineTests {
    @Test func rulesCheckReportsTheLocationAndRulesTestMarksTheWords() async throws {
        try await withTemporaryDirectory { directory in
            let rules = directory.appending(path: "Rules")
            try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
            try "# 严重程度: 较大\n环境污染\n偷排\n".write(to: rules.appending(path: "环保.txt"), atomically: true, encoding: .utf8)
            try "- name: 化工异味\n  group: 环保\n  match: 化工厂 NEAR/10 (异味 OR 刺鼻\n"
                .write(to: rules.appending(path: "规则.yml"), atomically: true, encoding: .utf8)

            let broken = try CommandLineTests.run(["rules", "check", "--config", directory.path])
            #expect(broken.status == 1)
            #expect(broken.stderr.contains("Rules/规则.yml:3:"), "\(broken.stderr)")

            try FileManager.default.removeItem(at: rules.appending(path: "规则.yml"))
            let ok = try CommandLineTests.run(["rules", "check", "--config", directory.path])
            #expect(ok.status == 0, "\(ok.stderr)")

            // By rule name, on traditional characters with an inserted symbol.
            let hit = try CommandLineTests.run(["rules", "test", "环保", "--text", "居民举报企业偷*排，環境污染严重", "--config", directory.path])
            #expect(hit.status == 0)
            #expect(hit.stdout.contains("命中 环保 [环保/较大]"))
            #expect(hit.stdout.contains("【偷*排】") && hit.stdout.contains("【環境污染】"), "\(hit.stdout)")

            let miss = try CommandLineTests.run(["rules", "test", "化工厂 AND 异味", "--text", "化工厂开放日", "--config", directory.path])
            #expect(miss.status == 2)
            #expect(miss.stdout.contains("no match"))

            let bad = try CommandLineTests.run(["rules", "test", "(化工厂 AND", "--text", "x", "--config", directory.path])
            #expect(bad.status == 1)
            #expect(bad.stderr.contains("nor a valid expression") && bad.stderr.contains("expected a term"))
            #expect(!bad.stderr.contains("Usage:"))
        }
    }
}
