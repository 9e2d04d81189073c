/// One gauge value a `DaemonMetrics` gauge provider reports at scrape time.
///
/// The alert work reports its outbox depth and alerts by group and state this way, e.g.
/// `GaugeSample(name: "yuqing_outbox_depth", help: "…", labels: [("channel", "email")], value: 3)`.
public struct GaugeSample: Sendable {
    /// The metric name, `yuqing_…` in Prometheus style (`[a-zA-Z_:][a-zA-Z0-9_:]*`).
    public var name: String
    /// The `# HELP` text; samples of one name should carry the same text.
    public var help: String
    /// Label names and values.
    public var labels: [(String, String)]
    /// The value.
    public var value: Double

    /// Creates a sample.
    public init(name: String, help: String, labels: [(String, String)] = [], value: Double) {
        self.name = name
        self.help = help
        self.labels = labels
        self.value = value
    }
}
