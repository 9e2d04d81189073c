import Foundation
import YuqingCore

extension SettingsReader {
    static let httpKeys = ["enabled", "listen", "allow_remote"]

    /// Reads the `http:` block. The block's presence turns the endpoint on unless `enabled: false`.
    /// A non-loopback `listen` address is an error unless `allow_remote: true`: the endpoint has no
    /// authentication, and metrics name every source.
    mutating func readHTTP(_ fields: [String: Field]) -> HTTPSettings {
        var http = HTTPSettings(enabled: true)
        let owner = "in 'http'"
        if let field = fields["enabled"], let value = reader.bool(field, owner: owner) {
            http.enabled = value
        }
        if let field = fields["allow_remote"], let value = reader.bool(field, owner: owner) {
            http.allowRemote = value
        }
        if let field = fields["listen"], let text = reader.text(field, owner: owner) {
            if let (host, port) = Self.parseListen(text) {
                if AddressClass.ofConfiguredHost(host) != .loopback, !http.allowRemote {
                    reader.report(
                        "listen address '\(text)' \(owner) is not a loopback address; /healthz and /metrics have no "
                            + "authentication, so bind 127.0.0.1 (and put a proxy in front) or add 'allow_remote: true'",
                        at: field.value
                    )
                } else {
                    http.host = host
                    http.port = port
                }
            } else {
                reader.report(
                    "bad listen address '\(text)' \(owner): write HOST:PORT, e.g. 127.0.0.1:9464 or [::1]:9464",
                    at: field.value
                )
            }
        }
        return http
    }

    /// `HOST:PORT`, `[IPv6]:PORT`, or a bare `:PORT` (meaning 127.0.0.1).
    static func parseListen(_ text: String) -> (host: String, port: Int)? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex) ..< close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
            host = text[..<colon].isEmpty ? Substring(HTTPSettings.defaultHost) : text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0 ... 65_535).contains(port) else { return nil }
        return (String(host), port)
    }
}
