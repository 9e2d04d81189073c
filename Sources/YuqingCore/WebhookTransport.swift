/// Posts to the webhooks named in `yuqing.yml`; implemented by `YuqingNotify` over libcurl.
public protocol WebhookTransport: Sendable {
    /// Posts `message` to the webhook called `webhook`; returns once the endpoint accepted it.
    func post(_ message: WebhookMessage, to webhook: String) async throws(DeliveryFailure)
}
