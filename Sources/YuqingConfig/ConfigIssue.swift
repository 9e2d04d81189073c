/// One problem found in a config file, with the place to fix it.
public struct ConfigIssue: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user knows it, relative to the config directory (`Sources.yml`).
    public var file: String
    /// The full path of the file; equals `file` when the text did not come from disk.
    public var path: String
    /// 1-based line of the offending node (1 for problems with the whole file).
    public var line: Int
    /// 1-based column of the offending node, counted in Unicode scalars as libyaml does.
    public var column: Int
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an issue.
    public init(file: String, path: String? = nil, line: Int, column: Int, message: String) {
        self.file = file
        self.path = path ?? file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Compiler-style text editors and terminals understand: `Sources.yml:12:5: error: …`.
    public var description: String {
        "\(file):\(line):\(column): error: \(message)"
    }
}
