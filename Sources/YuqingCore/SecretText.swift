/// A secret read from the environment or a systemd credential (an SMTP password, a robot's
/// signing key, a webhook URL that embeds its access token). Its description never shows it,
/// so settings can be logged or printed without leaking it.
public struct SecretText: Sendable, Hashable, CustomStringConvertible {
    /// The secret itself; hand it to libcurl or the signer, never to a log.
    public var value: String

    /// Wraps a secret.
    public init(_ value: String) {
        self.value = value
    }

    /// Always `<secret>`.
    public var description: String { "<secret>" }
}
