/// A place inside a rule expression, so errors can point at it and the loader can map it into the file.
public struct RuleSourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 0-based index into the expression's Unicode scalars.
    public var offset: Int
    /// 1-based line inside the expression (expressions written as YAML block scalars span lines).
    public var line: Int
    /// 1-based column inside that line, counted in Unicode scalars as libyaml counts them.
    public var column: Int

    /// Creates a position.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The start of an expression.
    public static let start = RuleSourcePosition(offset: 0, line: 1, column: 1)

    /// `line:column`.
    public var description: String { "\(line):\(column)" }

    /// Orders by offset.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.offset < rhs.offset }
}
