import COpenSSL
import Foundation
import YuqingCore

/// The request signatures of DingTalk and Feishu robots with "加签" (signature check) on.
/// HMAC-SHA256 comes from OpenSSL's libcrypto, already on every machine that has libcurl.
public enum WebhookSigner {
    /// HMAC-SHA256 of `data` under `key`.
    public static func hmacSHA256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        // Array-to-pointer conversion gives a valid pointer even for an empty array (Feishu signs an empty message).
        let status = yq_hmac_sha256(key, Int32(key.count), data, data.count, &out)
        precondition(status == 0, "OpenSSL HMAC-SHA256 failed")
        return out
    }

    /// DingTalk: `timestamp` in milliseconds, sign = base64(HMAC-SHA256(key: secret, "timestamp\nsecret")),
    /// sent URL-encoded as `&timestamp=…&sign=…`.
    public static func dingTalk(secret: String, date: Date) -> WebhookSignature {
        let timestamp = String(Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
        let mac = hmacSHA256(key: Array(secret.utf8), data: Array("\(timestamp)\n\(secret)".utf8))
        return WebhookSignature(timestamp: timestamp, sign: Data(mac).base64EncodedString())
    }

    /// Feishu: `timestamp` in seconds, sign = base64(HMAC-SHA256(key: "timestamp\nsecret", empty message)),
    /// sent in the JSON body.
    public static func feishu(secret: String, date: Date) -> WebhookSignature {
        let timestamp = String(Int64(date.timeIntervalSince1970.rounded(.down)))
        let mac = hmacSHA256(key: Array("\(timestamp)\n\(secret)".utf8), data: [])
        return WebhookSignature(timestamp: timestamp, sign: Data(mac).base64EncodedString())
    }

    /// `url` with DingTalk's `timestamp` and URL-encoded `sign` appended to its query.
    public static func dingTalkURL(_ url: String, signature: WebhookSignature) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        let sign = signature.sign.addingPercentEncoding(withAllowedCharacters: allowed) ?? signature.sign
        return url + (url.contains("?") ? "&" : "?") + "timestamp=\(signature.timestamp)&sign=\(sign)"
    }
}
