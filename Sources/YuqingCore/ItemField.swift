/// The text fields of an item that rule terms are searched in.
public enum ItemField: String, Sendable, Hashable, Codable, CaseIterable {
    /// The headline.
    case title
    /// The summary or article text.
    case body
}
