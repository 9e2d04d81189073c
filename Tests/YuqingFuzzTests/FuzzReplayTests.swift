import Foundation
import Testing
import YuqingFuzzTargets

/// The short fuzz run of CI: every saved crash input under `Fuzz/regressions/<target>/`, then a
/// fixed number of mutations of the seed files, through the same code the libFuzzer drivers run
/// (`scripts/fuzz` is the long run, with coverage guidance). A crash takes the test process down;
/// a hang shows as an input over the time limit.
@Suite struct FuzzReplayTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// Inputs per target; `YUQING_FUZZ_INPUTS` raises it for a longer local run.
    static let inputs = ProcessInfo.processInfo.environment["YUQING_FUZZ_INPUTS"].flatMap(Int.init) ?? 300
    /// A slow input in a debug build on a loaded 2-core machine stays well under this.
    static let perInputLimit: Duration = .seconds(5)

    static func files(in directory: URL, endingWith suffixes: [String]) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { name in suffixes.contains { name.hasSuffix($0) } }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func savedCrashInputsNoLongerCrash(_ target: FuzzTarget) throws {
        let run = target.makeRunner()
        let directory = Self.repository.appendingPathComponent("Fuzz/regressions/\(target.rawValue)")
        for file in Self.files(in: directory, endingWith: [""]) where !file.lastPathComponent.hasPrefix(".") {
            let started = ContinuousClock.now
            run(try Data(contentsOf: file))
            #expect(ContinuousClock.now - started < Self.perInputLimit, "\(file.path) took too long")
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func mutatedSeedsNeitherCrashNorHang(_ target: FuzzTarget) throws {
        let (directory, suffixes) = target.seedLocations
        let seeds = try Self.files(in: Self.repository.appendingPathComponent(directory), endingWith: suffixes)
            .map { Array(try Data(contentsOf: $0)) }
        #expect(seeds.count >= 2, "the \(target) seeds were not found under \(directory)")
        guard !seeds.isEmpty else { return }
        let run = target.makeRunner()
        var mutator = InputMutator(seed: 20_261_123, dictionary: target.dictionary)
        var slowest: Duration = .zero
        for index in 0..<Self.inputs {
            let input = mutator.mutate(seeds[index % seeds.count], splicingWith: seeds[(index * 7 + 3) % seeds.count])
            let started = ContinuousClock.now
            run(Data(input))
            slowest = max(slowest, ContinuousClock.now - started)
        }
        #expect(slowest < Self.perInputLimit, "the slowest \(target) input took \(slowest)")
    }

    @Test func mutationsAreReproducibleAndChangeTheInput() {
        let seed = Array("<rss><channel><item><title>江临</title></item></channel></rss>".utf8)
        var first = InputMutator(seed: 7, dictionary: FuzzTarget.feed.dictionary)
        var second = InputMutator(seed: 7, dictionary: FuzzTarget.feed.dictionary)
        let a = (0..<50).map { _ in first.mutate(seed, splicingWith: seed) }
        let b = (0..<50).map { _ in second.mutate(seed, splicingWith: seed) }
        #expect(a == b)
        #expect(a.filter { $0 != seed }.count >= 45)
        #expect(Set(a).count >= 40)
    }
}
