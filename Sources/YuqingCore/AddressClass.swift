import Foundation

/// Which part of the network an IP address belongs to, for the redirect guard: a fetch that
/// starts at a public site must not be bounced into the machine itself or the office LAN (SSRF).
public enum AddressClass: String, Sendable, Hashable, CaseIterable {
    /// Routable on the internet.
    case `public`
    /// 127.0.0.0/8, ::1: this machine.
    case loopback
    /// 10/8, 172.16/12, 192.168/16, fc00::/7: a local network.
    case `private`
    /// 169.254/16, fe80::/10: link-local (cloud metadata services live at 169.254.169.254).
    case linkLocal = "link-local"
    /// 0.0.0.0/8, ::: reaches this machine on most systems.
    case unspecified

    /// The class of an IP address literal (`127.0.0.1`, `::1`, `[fe80::1]`); nil when `text` is
    /// not an IP address. IPv4-mapped IPv6 addresses are classified by their IPv4 part.
    public static func of(ipLiteral text: String) -> AddressClass? {
        var literal = text
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        // A zone index (fe80::1%eth0) does not change the class.
        if let percent = literal.firstIndex(of: "%") { literal = String(literal[..<percent]) }
        if let v4 = IPv4Bytes(literal) { return classify(v4: v4) }
        guard let v6 = IPv6Bytes(literal) else { return nil }
        return classify(v6: v6)
    }

    /// The class the configured URL's host stands for: an IP literal's own class, loopback for
    /// `localhost`, and public for any other name, because a name's address can change under us
    /// (DNS rebinding); a source on an intranet name must set `allow_private_addresses`.
    public static func ofConfiguredHost(_ host: String) -> AddressClass {
        if let literal = of(ipLiteral: host) { return literal }
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        if name == "localhost" || name.hasSuffix(".localhost") { return .loopback }
        return .public
    }

    private static func classify(v4 bytes: [UInt8]) -> AddressClass {
        switch (bytes[0], bytes[1]) {
        case (0, _): .unspecified
        case (127, _): .loopback
        case (10, _), (172, 16 ... 31), (192, 168): .private
        case (169, 254): .linkLocal
        default: .public
        }
    }

    private static func classify(v6 bytes: [UInt8]) -> AddressClass {
        if bytes[0 ..< 10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return classify(v4: Array(bytes[12 ..< 16]))
        }
        if bytes[0 ..< 15].allSatisfy({ $0 == 0 }) {
            return bytes[15] == 1 ? .loopback : (bytes[15] == 0 ? .unspecified : .public)
        }
        if bytes[0] & 0xFE == 0xFC { return .private }
        if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0x80 { return .linkLocal }
        return .public
    }
}

/// Parses dotted-quad IPv4 (exactly four decimal parts), the only form libcurl reports.
private func IPv4Bytes(_ text: String) -> [UInt8]? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var bytes: [UInt8] = []
    for part in parts {
        guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let value = UInt8(part) else { return nil }
        bytes.append(value)
    }
    return bytes
}

/// Parses IPv6 text (with `::` and an optional trailing dotted IPv4) into 16 bytes.
private func IPv6Bytes(_ text: String) -> [UInt8]? {
    guard text.contains(":") else { return nil }
    let halves = text.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    func groups(_ part: String) -> [UInt8]? {
        guard !part.isEmpty else { return [] }
        var bytes: [UInt8] = []
        let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            if index == pieces.count - 1, piece.contains("."), let v4 = IPv4Bytes(String(piece)) {
                bytes += v4
                continue
            }
            guard (1 ... 4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
            bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        return bytes
    }
    guard let head = groups(halves[0]) else { return nil }
    if halves.count == 1 { return head.count == 16 ? head : nil }
    guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
    return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
}
