/// Every problem found while loading a config directory; thrown by `ConfigLoader`.
public struct ConfigErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, grouped by file (yuqing.yml first) and ordered by line and column.
    public var issues: [ConfigIssue]

    /// Creates the error from a non-empty list of issues.
    public init(issues: [ConfigIssue]) {
        self.issues = issues
    }

    /// One issue a line, in the `file:line:column: error: message` form.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
