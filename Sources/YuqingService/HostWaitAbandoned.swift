/// A request given up while it waited for its host's turn, because the daemon is stopping.
public struct HostWaitAbandoned: Error, Sendable, Hashable, CustomStringConvertible {
    /// The page that was not fetched.
    public var url: String

    /// Creates the error.
    public init(url: String) {
        self.url = url
    }

    /// One line naming the page.
    public var description: String {
        "\(url): not fetched: the crawler stopped while the request waited for its turn at this host"
    }
}
