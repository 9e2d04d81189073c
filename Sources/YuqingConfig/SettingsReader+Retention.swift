import Yams
import YuqingCore

extension SettingsReader {
    static let retentionKeys = ["items", "fetch_log"]

    /// Reads the `retention:` block: a duration per kind of data, or `forever`.
    mutating func readRetention(_ fields: [String: Field]) -> RetentionSettings {
        var retention = RetentionSettings()
        if let field = fields["items"] {
            if let value = retentionDuration(field) { retention.items = value }
        }
        if let field = fields["fetch_log"] {
            if let value = retentionDuration(field) { retention.fetchLog = value }
        }
        return retention
    }

    /// A duration of at least one day, or `forever` (nil). Nil-of-nil means "reported, keep the default".
    private mutating func retentionDuration(_ field: Field) -> Duration?? {
        let owner = "in 'retention'"
        if case let .scalar(scalar) = field.value, scalar.string.lowercased() == "forever" { return .some(nil) }
        guard let value = reader.duration(field, owner: owner) else { return nil }
        // Shorter than a day is almost certainly a unit mistake (10m for ten months) and would delete data.
        guard value >= .seconds(86_400) else {
            reader.report(
                "'\(field.name)' \(owner) is \(DurationText.format(value)); keep data at least 1d "
                    + "(e.g. 180d), or write 'forever'",
                at: field.value
            )
            return nil
        }
        return .some(value)
    }
}
