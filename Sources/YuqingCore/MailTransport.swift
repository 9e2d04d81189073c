/// Sends email; implemented by `YuqingNotify`'s SMTP client over libcurl.
public protocol MailTransport: Sendable {
    /// Sends `message` to its recipients; returns once the server has accepted it.
    func send(_ message: MailMessage) async throws(DeliveryFailure)
}
