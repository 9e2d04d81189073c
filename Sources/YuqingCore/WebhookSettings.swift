import Foundation

/// One webhook alerts and digests can post to (an entry of `webhooks:` in `yuqing.yml`).
public struct WebhookSettings: Sendable, Hashable {
    /// The body format the endpoint expects.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Yuqing's own JSON document (see docs/alerts.md), for SMS gateways and scripts.
        case json
        /// 企业微信 (WeCom) group robot, markdown message.
        case wecom
        /// 钉钉 (DingTalk) robot, markdown message, optionally signed.
        case dingtalk
        /// 飞书 (Feishu / Lark) robot, interactive card, optionally signed.
        case feishu
    }

    /// The name recipients use (`值班群`).
    public var name: String
    /// The body format.
    public var kind: Kind
    /// The full URL; a robot's URL carries its access token, so it is a secret.
    public var url: SecretText
    /// The signing secret of a DingTalk or Feishu robot with signature checks on.
    public var secret: SecretText?
    /// Time allowed for one post.
    public var timeout: Duration
    /// A PEM file of CA certificates to trust instead of the system's.
    public var caFile: String?

    /// Creates webhook settings.
    public init(
        name: String, kind: Kind, url: SecretText, secret: SecretText? = nil,
        timeout: Duration = .seconds(15), caFile: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.url = url
        self.secret = secret
        self.timeout = timeout
        self.caFile = caFile
    }

    /// The URL's host (and port), the only part of it that may appear in logs and errors.
    public var host: String {
        guard let components = URLComponents(string: url.value), let host = components.host else { return "?" }
        return components.port.map { "\(host):\($0)" } ?? host
    }
}
