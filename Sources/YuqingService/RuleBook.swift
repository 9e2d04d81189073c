import Foundation
import Logging
import Synchronization
import YuqingConfig
import YuqingCore

/// The rules in force, with the sentiment lexicons of `Rules/sentiment/`, swapped atomically on reload.
///
/// A reload compiles the whole new rule set first and swaps it in only if every file is
/// valid; otherwise the old set stays and each error is reported with its location. A
/// poll reads one snapshot and uses it for all its items, so a reload mid-poll neither
/// loses an item nor mixes two rule versions in one poll.
public final class RuleBook: Sendable {
    /// One compiled version of the rules.
    public struct Snapshot: Sendable {
        /// The compiled rules.
        public let compiled: CompiledRuleSet
        /// Fingerprint of the rule files it came from.
        public let version: String
        /// The sentiment scorer built from `Rules/sentiment/` (no words: everything neutral).
        public let sentiment: SentimentScorer
        /// Fingerprint of the lexicon files ("none" without any).
        public let sentimentVersion: String
        /// When it was loaded.
        public let loadedAt: Date

        /// Watch rules in force.
        public var ruleCount: Int { compiled.ruleSet.rules.count }
    }

    /// The `Rules/` directory.
    public let directory: URL
    private let current: Mutex<Snapshot>

    /// Loads `directory`; a missing directory means no rules, broken files throw every issue.
    public init(directory: URL) throws(ConfigErrors) {
        self.directory = directory
        current = Mutex(try Self.compile(directory))
    }

    /// The rules in force now.
    public var snapshot: Snapshot { current.withLock { $0 } }

    /// Re-reads the directory. On success the new rules replace the old ones and the new
    /// snapshot is returned; on any error nothing changes and the errors are thrown.
    @discardableResult
    public func reload() throws(ConfigErrors) -> Snapshot {
        let fresh = try Self.compile(directory, previous: snapshot)
        current.withLock { $0 = fresh }
        return fresh
    }

    private static let noLexicon = SentimentScorer(lexicon: SentimentLexicon(positive: [:], negative: [:]))

    /// Reads and compiles `directory`; the scorer of `previous` is reused when the lexicon files
    /// did not change (building it takes a noticeable moment for 14,000 words).
    private static func compile(_ directory: URL, previous: Snapshot? = nil) throws(ConfigErrors) -> Snapshot {
        guard FileManager.default.fileExists(atPath: directory.path) else {
            return Snapshot(compiled: CompiledRuleSet(RuleSet()), version: "none", sentiment: Self.noLexicon,
                            sentimentVersion: "none", loadedAt: Date())
        }
        // The version must describe exactly the files loaded: if an editor was still
        // saving while we read, read again.
        var attempts = 0
        while true {
            attempts += 1
            let before = (RuleLoader.fingerprint(directory: directory), SentimentLexiconLoader.fingerprint(rulesDirectory: directory))
            // Rules and lexicons are read before either is reported, so one reload shows every problem.
            let rules = Result { () throws(ConfigErrors) in try RuleLoader.load(directory: directory) }
            let lexicon = Result { () throws(ConfigErrors) in try SentimentLexiconLoader.load(rulesDirectory: directory) }
            var issues: [ConfigIssue] = []
            if case let .failure(error) = rules { issues += error.issues }
            if case let .failure(error) = lexicon { issues += error.issues }
            guard issues.isEmpty, case let .success(ruleSet) = rules, case let .success(words) = lexicon else {
                throw ConfigErrors(issues: issues)
            }
            let after = (RuleLoader.fingerprint(directory: directory), SentimentLexiconLoader.fingerprint(rulesDirectory: directory))
            if before == after || attempts == 3 {
                let scorer = previous.flatMap { $0.sentimentVersion == after.1 ? $0.sentiment : nil }
                    ?? words.map { SentimentScorer(lexicon: $0) } ?? Self.noLexicon
                return Snapshot(compiled: CompiledRuleSet(ruleSet), version: after.0, sentiment: scorer,
                                sentimentVersion: after.1, loadedAt: Date())
            }
        }
    }
}
