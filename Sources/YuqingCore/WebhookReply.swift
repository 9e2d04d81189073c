import Foundation

/// Reads a webhook's answer. Chat robots answer HTTP 200 even when they drop the message and
/// put the verdict in the body (`errcode` for WeCom and DingTalk, `code` for Feishu), so a 200
/// alone is not delivery.
public enum WebhookReply {
    /// Robot error codes that mean "too many messages, try later"; every other non-zero code
    /// (bad signature, missing keyword, IP not allowed, invalid token) needs a config change.
    static let rateLimited: [WebhookSettings.Kind: Set<Int>] = [
        .wecom: [45009, 45033],
        .dingtalk: [130101, 130102, 410100],
        .feishu: [11232, 11233, 9499],
    ]

    /// nil when the post was delivered; otherwise why not, naming the webhook and its host only.
    public static func failure(
        kind: WebhookSettings.Kind, status: Int, body: Data, retryAfter: Duration? = nil, webhook: String, host: String
    ) -> DeliveryFailure? {
        let name = "webhook '\(webhook)' (\(host))"
        switch status {
        case 200..<300:
            break
        case 408, 425, 429, 500...:
            return DeliveryFailure(reason: "\(name) answered HTTP \(status); will retry", isPermanent: false, code: status, retryAfter: retryAfter)
        default:
            return DeliveryFailure(
                reason: "\(name) refused the post with HTTP \(status)\(snippet(body))", isPermanent: true, code: status)
        }
        guard kind != .json else { return nil }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            return DeliveryFailure(
                reason: "\(name) answered HTTP \(status) without the JSON a \(kind.rawValue) robot sends\(snippet(body)); check the URL",
                isPermanent: true, code: status)
        }
        let code = (object["errcode"] ?? object["code"] ?? object["StatusCode"]).flatMap(integer) ?? 0
        guard code != 0 else { return nil }
        let message = (object["errmsg"] ?? object["msg"] ?? object["StatusMessage"]) as? String ?? ""
        let retry = rateLimited[kind, default: []].contains(code)
        return DeliveryFailure(
            reason: "\(name) rejected the message: \(kind.rawValue) error \(code) \(message)"
                + (retry ? "; rate limited, will retry" : "; check the robot's URL, signing secret and keyword settings"),
            isPermanent: !retry, code: code)
    }

    private static func integer(_ value: Any) -> Int? {
        if let number = value as? NSNumber { return number.intValue }
        if let text = value as? String { return Int(text) }
        return nil
    }

    private static func snippet(_ body: Data) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : ": \(text)"
    }
}
