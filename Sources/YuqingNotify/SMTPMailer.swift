import CCurl
import Foundation
import YuqingCore

/// Sends mail through one SMTP server with libcurl: STARTTLS or implicit TLS, AUTH, several
/// recipients. The message bytes are `MIMEWriter`'s, uploaded as they are, so the Message-ID
/// and encodings are ours and a re-send is identical.
public struct SMTPMailer: MailTransport {
    /// The server and account.
    public let settings: SMTPSettings
    /// The zone of the Date header's offset (the office's zone, `timezone:` in yuqing.yml).
    public let timeZone: TimeZone

    /// A mailer for `settings`. It holds no connection: each message is one SMTP session.
    public init(settings: SMTPSettings, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) {
        self.settings = settings
        self.timeZone = timeZone
    }

    /// Sends `message` (its `from` is used as given; callers normally put `settings.from` there).
    /// Throws a `DeliveryFailure`: permanent for a 5xx reply or a refused login, retryable for a 4xx
    /// reply, an unreachable server or a timeout.
    public func send(_ message: MailMessage) async throws(DeliveryFailure) {
        let settings = settings
        let bytes = MIMEWriter.write(message, timeZone: timeZone)
        let failure = await BlockingWork.run { Self.transfer(bytes, from: message.from, to: message.to, settings: settings) }
        if let failure { throw failure }
    }

    private static func transfer(_ bytes: Data, from: MailAddress, to: [MailAddress], settings: SMTPSettings) -> DeliveryFailure? {
        let server = "SMTP server \(settings.serverName)"
        guard !to.isEmpty else { return DeliveryFailure(reason: "message has no recipients", isPermanent: true) }
        guard let easy = CurlEasy() else { return DeliveryFailure(reason: "libcurl could not start a transfer", isPermanent: false) }
        var url = settings.url.absoluteString
        if settings.security == .tls, url.hasPrefix("smtp://") { url = "smtps://" + url.dropFirst("smtp://".count) }
        let setup = [
            easy.set(CURLOPT_URL, url),
            easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps"),
            // starttls: the session must be upgraded or nothing is sent (never a plaintext fallback).
            easy.set(CURLOPT_USE_SSL, Int(settings.security == .starttls ? CURLUSESSL_ALL.rawValue : CURLUSESSL_NONE.rawValue)),
            easy.set(CURLOPT_MAIL_FROM, "<\(from.address)>"),
            easy.set(CURLOPT_MAIL_RCPT, list: to.map { "<\($0.address)>" }),
            easy.set(CURLOPT_UPLOAD, 1),
            easy.set(CURLOPT_INFILESIZE_LARGE, bytes.count),
            easy.set(CURLOPT_TIMEOUT_MS, Int(settings.timeout.milliseconds)),
            easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int(min(settings.timeout, .seconds(15)).milliseconds)),
            settings.username.flatMap { easy.set(CURLOPT_USERNAME, $0) },
            settings.password.flatMap { easy.set(CURLOPT_PASSWORD, $0.value) },
            settings.caFile.flatMap { easy.set(CURLOPT_CAINFO, $0) },
            easy.setUpload(bytes),
        ].compactMap { $0 }
        if let problem = setup.first {
            return DeliveryFailure(reason: "cannot set up the transfer to \(server): \(problem)", isPermanent: true)
        }
        let outcome = easy.perform()
        return failure(outcome, server: server, username: settings.username)
    }

    /// The outbox's view of a finished session: nil when the server accepted the message.
    static func failure(_ outcome: CurlEasy.Outcome, server: String, username: String?) -> DeliveryFailure? {
        let reply = outcome.responseCode
        if outcome.code == CURLE_OK, reply == 0 || (200..<400).contains(reply) { return nil }
        let said = outcome.serverLines.last(where: { $0.hasPrefix(String(reply)) }) ?? outcome.serverLines.last
        let saidText = said.map { ": \"\($0)\"" } ?? ""
        switch outcome.code {
        case CURLE_LOGIN_DENIED:
            let user = username.map { " for user \($0)" } ?? ""
            return DeliveryFailure(
                reason: "\(server) refused the login\(user)\(saidText); check username and the password secret",
                isPermanent: reply == 0 || reply >= 500, code: reply == 0 ? nil : reply)
        case CURLE_USE_SSL_FAILED:
            return DeliveryFailure(
                reason: "\(server) does not offer STARTTLS; use security: tls with smtps://, or a server that does",
                isPermanent: true, code: reply == 0 ? nil : reply)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            // Retryable: a renewed certificate on the server fixes it without a change here.
            return DeliveryFailure(
                reason: "\(server): TLS certificate not trusted (\(outcome.error)); set smtp.ca_file for a private CA",
                isPermanent: false)
        default:
            break
        }
        if reply >= 500 {
            return DeliveryFailure(reason: "\(server) rejected the message\(saidText)", isPermanent: true, code: reply)
        }
        if reply >= 400 {
            return DeliveryFailure(reason: "\(server) deferred the message\(saidText)", isPermanent: false, code: reply)
        }
        return DeliveryFailure(reason: "cannot deliver to \(server): \(outcome.error)", isPermanent: false)
    }
}

extension Duration {
    /// Whole milliseconds, for libcurl's *_MS options.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
