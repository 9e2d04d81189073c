/// The signature of one post to a DingTalk or Feishu robot with "加签" on: the timestamp it was
/// computed for and the base64 HMAC-SHA256. `YuqingNotify` computes it; `WebhookPayload` places it.
public struct WebhookSignature: Sendable, Hashable {
    /// Milliseconds (DingTalk) or seconds (Feishu) since 1970, as text.
    public var timestamp: String
    /// The base64 HMAC-SHA256 (not yet URL-encoded).
    public var sign: String

    /// Creates a signature.
    public init(timestamp: String, sign: String) {
        self.timestamp = timestamp
        self.sign = sign
    }
}
