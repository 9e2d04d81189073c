import Foundation

/// One mailbox: an address and an optional display name (`舆情值班室 <duty@example.gov.cn>`).
public struct MailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The display name, when there is one; may be Chinese (it is RFC 2047-encoded on the wire).
    public var displayName: String?
    /// The addr-spec, `local@domain`.
    public var address: String

    /// Creates a mailbox.
    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// Reads `name <local@domain>` or a bare `local@domain`; nil when there is no plausible address.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var name: String?
        var spec = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            spec = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let rawName = trimmed[..<open].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            name = rawName.isEmpty ? nil : rawName
        }
        let parts = spec.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."),
            !spec.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" })
        else { return nil }
        self.init(spec, displayName: name)
    }

    /// The domain part, used to build Message-IDs.
    public var domain: String { String(address.split(separator: "@").last ?? "") }

    /// `name <address>` or the bare address, unencoded (for logs and CLI output).
    public var description: String {
        displayName.map { "\($0) <\(address)>" } ?? address
    }
}
