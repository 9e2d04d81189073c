/// How long stored data is kept (the `retention:` block of `yuqing.yml`).
public struct RetentionSettings: Sendable, Hashable {
    /// Items first seen longer ago than this are pruned; nil keeps every item (the default:
    /// deleting an office's record is the operator's decision, not ours).
    public var items: Duration?
    /// Fetch-log rows older than this are pruned; nil keeps them all.
    public var fetchLog: Duration?

    /// The default fetch-log retention, 30 days: enough to see how a source behaved last month.
    public static let defaultFetchLog: Duration = .seconds(30 * 86_400)

    /// Creates settings; by default items are kept and the fetch log is kept for 30 days.
    public init(items: Duration? = nil, fetchLog: Duration? = Self.defaultFetchLog) {
        self.items = items
        self.fetchLog = fetchLog
    }
}
