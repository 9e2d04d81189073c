import Yams
import YuqingCore

/// The per-source safety switches: `robots` and `allow_private_addresses`.
extension SourcesReader {
    /// What the safety keys of one source say; both default to the safe side.
    struct SafetyKeys {
        var obeysRobots = true
        var allowsPrivateAddresses = false
    }

    /// Reads `robots: obey | ignore` and `allow_private_addresses: true | false`.
    mutating func readSafetyKeys(_ fields: [String: Field], owner: String) -> SafetyKeys {
        var keys = SafetyKeys()
        if let field = fields["robots"], let text = reader.text(field, owner: owner) {
            switch text.lowercased() {
            case "obey": keys.obeysRobots = true
            case "ignore": keys.obeysRobots = false
            default:
                reader.report(
                    "bad robots '\(text)' \(owner): use 'obey' (the default) or 'ignore' "
                        + "('ignore' is only for sites your office runs itself)",
                    at: field.value
                )
            }
        }
        if let field = fields["allow_private_addresses"], let allowed = reader.bool(field, owner: owner) {
            keys.allowsPrivateAddresses = allowed
        }
        return keys
    }
}
