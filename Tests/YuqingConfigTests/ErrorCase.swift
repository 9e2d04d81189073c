import Foundation
import Testing
import YuqingConfig

/// One user mistake and what the loader must say about it: the bad input, the place
/// (`file:line:column`) the message must point at, and words the message must contain.
/// The error-message tables (`SourcesErrorMessageTests` …) are lists of these.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    /// `Sources.yml:3:9`.
    let place: String
    /// Fragments the message must contain: the subject and the fix, not the whole sentence.
    let fragments: [String]
    /// The file's text (for file-level cases, the bytes are written by the test).
    let text: String
    /// How many issues the input must produce in all; 1 unless a mistake honestly causes more.
    let count: Int

    init(_ place: String, _ fragments: [String], count: Int = 1, _ text: String) {
        self.place = place
        self.fragments = fragments
        self.text = text
        self.count = count
    }

    var testDescription: String { "\(place) \(fragments.first ?? "")" }

    /// Checks `issues` against the case: one of them is at `place` and says every fragment,
    /// and there are `count` in all.
    func check(_ issues: [ConfigIssue], sourceLocation: SourceLocation = #_sourceLocation) {
        let listing = issues.map(\.description).joined(separator: "\n")
        let hit = issues.contains { issue in
            "\(issue.file):\(issue.line):\(issue.column)" == place
                && fragments.allSatisfy { issue.message.contains($0) }
        }
        #expect(hit, "no issue at \(place) saying \(fragments); got:\n\(listing)", sourceLocation: sourceLocation)
        #expect(issues.count == count, "expected \(count) issue(s), got:\n\(listing)", sourceLocation: sourceLocation)
    }
}
