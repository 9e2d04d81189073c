import ArgumentParser
import Foundation
import YuqingCore

/// `yuqing check`: validates the configuration directory.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate yuqing.yml, Sources.yml and Rules/; print every error as file:line:col and exit 1 if any.",
        discussion: """
        Examples:
          yuqing check --config /etc/yuqing
          yuqing check            # the current directory
        """
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        // Both are checked before either is reported, so one run shows every problem.
        let configuration = Result { try options.loadConfiguration() }
        let rules = Result { try options.loadRules() }
        let (loaded, ruleSet) = (try configuration.get(), try rules.get())
        // Both are reported before failing, so one run shows every unknown name.
        let routed = checkRouting(ruleSet, settings: loaded.settings)
        let addressed = checkDigestRecipients(loaded.settings)
        guard routed, addressed else { throw ExitCode.failure }
        let enabled = loaded.sources.filter(\.enabled).count
        print("ok: \(loaded.sources.count) sources (\(enabled) enabled), \(ruleSet.rules.count) rules and \(ruleSet.volumeRules.count) volume rules, database \(loaded.settings.databasePath), time zone \(loaded.settings.timeZone)")
    }

    /// Rules name recipients (`notify:`) that `recipients:` in yuqing.yml must define. With no
    /// `recipients:` at all (a fresh install, the demo) that is a note, not an error.
    /// Returns false when an error was printed.
    private func checkRouting(_ rules: RuleSet, settings: ServiceSettings) -> Bool {
        let defined = Set(settings.recipients.map(\.name))
        var unknown: [(place: String, rule: String, name: String)] = []
        for rule in rules.rules {
            for name in rule.notify where !defined.contains(name) {
                unknown.append((rule.origin?.description ?? "Rules", rule.name, name))
            }
        }
        for rule in rules.volumeRules {
            for name in rule.notify where !defined.contains(name) {
                unknown.append((rule.origin?.description ?? "Rules", rule.name, name))
            }
        }
        guard !unknown.isEmpty else { return true }
        if defined.isEmpty {
            let names = Array(Set(unknown.map(\.name))).sorted().joined(separator: ", ")
            FileHandle.standardError.write(Data(
                "note: yuqing.yml defines no 'recipients:', so nobody hears of matches yet (rules notify: \(names))\n".utf8))
            return true
        }
        let candidates = settings.recipients.map(\.name)
        for entry in unknown {
            var line = "\(entry.place): error: rule '\(entry.rule)' notifies '\(entry.name)', which 'recipients:' in yuqing.yml does not define"
            if let suggestion = ClosestWord.find(entry.name, in: candidates) { line += " (did you mean '\(suggestion)'?)" }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        return false
    }

    /// Digests name recipients (`to:`) the digest sender looks up in `recipients:` when a report
    /// is due, days later: a name it does not define is an error here, a name with webhooks
    /// only (digests go by email) a warning. Returns false when an error was printed.
    private func checkDigestRecipients(_ settings: ServiceSettings) -> Bool {
        let recipients = DigestAddressing.byName(settings.recipients)
        let candidates = settings.recipients.map(\.name)
        var clean = true
        for schedule in settings.digests {
            let addressing = DigestAddressing(names: schedule.recipients, recipients: recipients)
            func place(_ name: String) -> String { schedule.recipientOrigins[name]?.description ?? "yuqing.yml" }
            for name in addressing.unknown {
                var line = "\(place(name)): error: digest '\(schedule.name)' is sent to '\(name)', which 'recipients:' in yuqing.yml does not define"
                if let suggestion = ClosestWord.find(name, in: candidates) {
                    line += " (did you mean '\(suggestion)'?)"
                } else {
                    line += candidates.isEmpty ? "; add it under 'recipients:' with an 'email:' address"
                        : "; defined: \(candidates.joined(separator: ", "))"
                }
                FileHandle.standardError.write(Data((line + "\n").utf8))
                clean = false
            }
            for name in addressing.withoutEmail {
                FileHandle.standardError.write(Data((
                    "\(place(name)): warning: digest '\(schedule.name)' is sent to '\(name)', which has no 'email:' under "
                        + "'recipients:'; digests go by email only, so '\(name)' will not receive it\n").utf8))
            }
        }
        return clean
    }
}
