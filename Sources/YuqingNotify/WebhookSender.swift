import CCurl
import Foundation
import YuqingCore

/// Posts messages to the webhooks of `yuqing.yml` with libcurl: Yuqing's JSON document, or the
/// markdown of WeCom, DingTalk and Feishu robots, signed when a secret is set. Errors and logs
/// name the webhook and its host only: a robot's URL carries its access token.
public struct WebhookSender: WebhookTransport {
    /// The webhooks, by name.
    public let webhooks: [String: WebhookSettings]
    /// The zone of the JSON document's dates.
    public let timeZone: TimeZone
    /// The User-Agent header.
    public let userAgent: String
    /// The clock signatures are computed with (robots reject a timestamp more than an hour off).
    let now: @Sendable () -> Date

    /// A sender for `webhooks` (later entries with a duplicate name are ignored; the loader rejects them).
    public init(
        webhooks: [WebhookSettings], timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
        userAgent: String = "Yuqing/0.1 (+public-sentiment monitor)"
    ) {
        self.init(webhooks: webhooks, timeZone: timeZone, userAgent: userAgent, now: { Date() })
    }

    init(webhooks: [WebhookSettings], timeZone: TimeZone, userAgent: String, now: @escaping @Sendable () -> Date) {
        var byName: [String: WebhookSettings] = [:]
        for webhook in webhooks where byName[webhook.name] == nil { byName[webhook.name] = webhook }
        self.webhooks = byName
        self.timeZone = timeZone
        self.userAgent = userAgent
        self.now = now
    }

    /// Posts `message` to the webhook called `webhook`. Throws a `DeliveryFailure`: retryable for
    /// an unreachable host, HTTP 408/429/5xx or a robot's rate limit; permanent for other HTTP
    /// errors and for a robot's error code (bad signature, missing keyword, invalid token).
    public func post(_ message: WebhookMessage, to webhook: String) async throws(DeliveryFailure) {
        guard let settings = webhooks[webhook] else {
            let known = webhooks.keys.sorted().joined(separator: ", ")
            throw DeliveryFailure(reason: "no webhook named '\(webhook)' in yuqing.yml (known: \(known))", isPermanent: true)
        }
        let date = now()
        var url = settings.url.value
        var signature: WebhookSignature?
        if let secret = settings.secret?.value {
            switch settings.kind {
            case .dingtalk:
                let dingTalk = WebhookSigner.dingTalk(secret: secret, date: date)
                url = WebhookSigner.dingTalkURL(url, signature: dingTalk)
            case .feishu:
                signature = WebhookSigner.feishu(secret: secret, date: date)
            case .json, .wecom:
                break // The loader rejects a secret for these kinds.
            }
        }
        let body = WebhookPayload.body(for: message, kind: settings.kind, signature: signature, timeZone: timeZone)
        let userAgent = userAgent
        let failure = await BlockingWork.run { [url] in
            Self.transfer(body, url: url, settings: settings, userAgent: userAgent, date: date)
        }
        if let failure { throw failure }
    }

    private static func transfer(_ body: Data, url: String, settings: WebhookSettings, userAgent: String, date: Date) -> DeliveryFailure? {
        let name = "webhook '\(settings.name)' (\(settings.host))"
        guard let easy = CurlEasy() else { return DeliveryFailure(reason: "libcurl could not start a transfer", isPermanent: false) }
        let setup = [
            easy.set(CURLOPT_URL, url),
            easy.set(CURLOPT_PROTOCOLS_STR, "http,https"),
            easy.set(CURLOPT_POST, 1),
            easy.set(CURLOPT_POSTFIELDSIZE_LARGE, body.count),
            easy.set(CURLOPT_HTTPHEADER, list: ["Content-Type: application/json; charset=utf-8", "Expect:"]),
            easy.set(CURLOPT_USERAGENT, userAgent),
            easy.set(CURLOPT_TIMEOUT_MS, Int(settings.timeout.milliseconds)),
            easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int(min(settings.timeout, .seconds(10)).milliseconds)),
            settings.caFile.flatMap { easy.set(CURLOPT_CAINFO, $0) },
            easy.setUpload(body),
        ].compactMap { $0 }
        if let problem = setup.first {
            return DeliveryFailure(reason: "cannot set up the post to \(name): \(problem)", isPermanent: true)
        }
        let outcome = easy.perform()
        guard outcome.code == CURLE_OK else {
            // The error text may quote the URL (and with it the token): say what failed, not where.
            let code = outcome.code
            let what = code == CURLE_OPERATION_TIMEDOUT ? "timed out" : String(cString: curl_easy_strerror(code))
            return DeliveryFailure(reason: "cannot reach \(name): \(what)", isPermanent: false)
        }
        let retryAfter = outcome.headers["retry-after"].flatMap { RetryAfter.parse($0, now: date) }
        return WebhookReply.failure(
            kind: settings.kind, status: outcome.responseCode, body: outcome.body, retryAfter: retryAfter,
            webhook: settings.name, host: settings.host)
    }
}
