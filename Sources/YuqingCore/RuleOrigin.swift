/// Where a rule was written, so alerts and `yuqing rules test` can say which file to edit.
public struct RuleOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user knows it (`Rules/环保.yml`).
    public var file: String
    /// 1-based line where the rule starts.
    public var line: Int

    /// Creates an origin.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `Rules/环保.yml:12`.
    public var description: String { "\(file):\(line)" }
}
