import Foundation
import Yams
import YuqingCore

/// The delivery blocks of `yuqing.yml`: `smtp:`, `webhooks:` and `recipients:`. Secrets (the SMTP
/// password, robot URLs with their tokens, signing keys) are read from the environment or from
/// systemd credentials (`$CREDENTIALS_DIRECTORY/<name>`), never from the file itself.
extension SettingsReader {
    static let smtpKeys = [
        "url", "security", "username", "password", "password_env", "password_credential", "from", "timeout", "ca_file",
    ]
    static let webhookKeys = [
        "name", "kind", "url", "url_env", "url_credential", "secret", "secret_env", "secret_credential", "timeout", "ca_file",
    ]
    static let recipientKeys = ["email", "webhooks"]

    // MARK: smtp

    mutating func readSMTP(_ field: Field) -> SMTPSettings? {
        let owner = "in 'smtp'"
        guard case let .mapping(mapping) = field.value else {
            reader.report(
                "expected a map for 'smtp', found \(NodeReader.describe(field.value)); indent its keys "
                    + "(url, username, password_env, from) under 'smtp:'",
                at: field.value)
            return nil
        }
        let fields = reader.fields(of: mapping, accepted: Self.smtpKeys, owner: owner)
        if let literal = fields["password"] {
            reader.report(
                "'password' \(owner): passwords never go in yuqing.yml; put it in an environment variable and write "
                    + "'password_env: NAME', or in a systemd credential and write 'password_credential: NAME'",
                at: literal.key)
        }
        var url: URL?
        if let urlField = fields["url"], let text = reader.text(urlField, owner: owner) {
            if let parsed = URL(string: text), ["smtp", "smtps"].contains(parsed.scheme?.lowercased() ?? ""),
                let host = parsed.host, !host.isEmpty {
                if parsed.user != nil || parsed.password != nil {
                    reader.report("'url' \(owner) must not hold a user or password; use 'username' and 'password_env'", at: urlField.value)
                } else {
                    url = parsed
                }
            } else {
                reader.report("bad url '\(text)' \(owner): write smtp://host:587 (STARTTLS) or smtps://host:465 (TLS)", at: urlField.value)
            }
        } else if fields["url"] == nil {
            reader.report("'smtp' needs a 'url', e.g. url: smtp://mail.example.gov.cn:587", at: field.key)
        }
        var from: MailAddress?
        if let fromField = fields["from"], let text = reader.text(fromField, owner: owner) {
            from = MailAddress(parsing: text)
            if from == nil {
                reader.report("bad 'from' address '\(text)' \(owner): write \"舆情监测 <yuqing@example.gov.cn>\" or a bare address", at: fromField.value)
            }
        } else if fields["from"] == nil {
            reader.report("'smtp' needs a 'from' address, e.g. from: \"舆情监测 <yuqing@example.gov.cn>\"", at: field.key)
        }
        let implicitTLS = url?.scheme?.lowercased() == "smtps"
        var security: SMTPSettings.Security = implicitTLS ? .tls : .starttls
        if let securityField = fields["security"], let text = reader.text(securityField, owner: owner) {
            if let value = SMTPSettings.Security(rawValue: text.lowercased()) {
                security = value
                if url != nil, implicitTLS != (value == .tls) {
                    let fix = implicitTLS ? "smtps:// always speaks TLS; drop 'security' or use smtp://" : "use an smtps:// url for implicit TLS"
                    reader.report("'security: \(text)' \(owner) does not fit the url's scheme; \(fix)", at: securityField.value)
                }
                if value == .none, let host = url?.host, AddressClass.ofConfiguredHost(host) != .loopback {
                    reader.report(
                        "'security: none' \(owner) is allowed for a server on this machine only (127.0.0.1, ::1, localhost), "
                            + "not \(host): the password and every alert would cross the network in clear text",
                        at: securityField.value)
                }
            } else {
                reader.report(
                    "unknown security '\(text)' \(owner); use starttls, tls or none"
                        + (KeySuggestion.closest(to: text, in: SMTPSettings.Security.allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""),
                    at: securityField.value)
            }
        }
        var username: String?
        if let field = fields["username"] { username = reader.text(field, owner: owner) }
        let password = secret(
            fields, envKey: "password_env", credentialKey: "password_credential", owner: owner, what: "the SMTP password")
        if username != nil, password == nil, fields["password_env"] == nil, fields["password_credential"] == nil {
            reader.report("'username' \(owner) needs 'password_env' or 'password_credential' for the password", at: fields["username"]!.key)
        }
        if username == nil, fields["username"] == nil, let key = fields["password_env"] ?? fields["password_credential"] {
            reader.report("'\(key.name)' \(owner) needs a 'username' to log in with", at: key.key)
        }
        var timeout = Duration.seconds(30)
        if let timeoutField = fields["timeout"], let value = reader.duration(timeoutField, owner: owner) { timeout = value }
        var caFile: String?
        if let field = fields["ca_file"] { caFile = readCAFile(field, owner: owner) }
        guard let url, let from else { return nil }
        return SMTPSettings(
            url: url, security: security, username: username, password: password, from: from, timeout: timeout, caFile: caFile)
    }

    // MARK: webhooks

    /// The webhooks that loaded, and the names of all declared (recipients may name a broken one
    /// without a second, misleading error).
    mutating func readWebhooks(_ field: Field) -> (webhooks: [WebhookSettings], names: [String]) {
        guard case let .sequence(sequence) = field.value else {
            reader.report(
                "expected a list for 'webhooks', found \(NodeReader.describe(field.value)); write one '- name: …' entry a webhook",
                at: field.value)
            return ([], [])
        }
        var webhooks: [WebhookSettings] = []
        var seen: Set<String> = []
        var names: [String] = []
        for (index, item) in sequence.enumerated() {
            guard case let .mapping(mapping) = item else {
                reader.report("webhook \(index + 1) must be a map (name:, kind:, url_env:), found \(NodeReader.describe(item))", at: item)
                continue
            }
            let fields = reader.fields(of: mapping, accepted: Self.webhookKeys, owner: "in webhook \(index + 1)")
            guard let nameField = fields["name"] else {
                reader.report("webhook \(index + 1) needs a 'name' that recipients use, e.g. 'name: 值班群'", at: item)
                continue
            }
            guard let name = reader.text(nameField, owner: "in webhook \(index + 1)") else { continue }
            let owner = "in webhook '\(name)'"
            if seen.insert(name).inserted {
                names.append(name)
            } else {
                reader.report("duplicate webhook name '\(name)'; each webhook needs its own name", at: nameField.value)
            }
            if let webhook = readWebhook(name: name, fields: fields, owner: owner, at: nameField) { webhooks.append(webhook) }
        }
        return (webhooks, names)
    }

    private mutating func readWebhook(name: String, fields: [String: Field], owner: String, at nameField: Field) -> WebhookSettings? {
        var kind: WebhookSettings.Kind?
        let kinds = WebhookSettings.Kind.allCases.map(\.rawValue)
        if let kindField = fields["kind"], let text = reader.text(kindField, owner: owner) {
            kind = WebhookSettings.Kind(rawValue: text.lowercased())
            if kind == nil {
                reader.report(
                    "unknown kind '\(text)' \(owner); use \(kinds.joined(separator: ", "))"
                        + (KeySuggestion.closest(to: text, in: kinds).map { " (did you mean '\($0)'?)" } ?? ""),
                    at: kindField.value)
            }
        } else if fields["kind"] == nil {
            reader.report(
                "webhook '\(name)' needs a 'kind': \(kinds.joined(separator: ", ")), e.g. 'kind: dingtalk'", at: nameField.key)
        }
        if let literal = fields["secret"] {
            reader.report(
                "'secret' \(owner): signing secrets never go in yuqing.yml; use 'secret_env: NAME' or 'secret_credential: NAME'",
                at: literal.key)
        }
        let urlKeys = ["url", "url_env", "url_credential"].filter { fields[$0] != nil }
        var url: SecretText?
        if urlKeys.count > 1, let second = fields[urlKeys[1]] {
            reader.report("both '\(urlKeys[0])' and '\(urlKeys[1])' are set \(owner); keep one", at: second.key)
        } else if urlKeys.isEmpty {
            reader.report(
                "webhook '\(name)' needs 'url_env' (an environment variable holding the URL), 'url_credential' or, for a URL "
                    + "without a token in it, 'url'",
                at: nameField.key)
        } else if let literal = fields["url"] {
            url = reader.text(literal, owner: owner).map(SecretText.init)
        } else {
            url = secret(fields, envKey: "url_env", credentialKey: "url_credential", owner: owner, what: "the webhook URL")
        }
        if let value = url?.value, let urlField = fields[urlKeys.first ?? "url"] {
            let parsed = URLComponents(string: value.trimmingCharacters(in: .whitespaces))
            if parsed == nil || !["http", "https"].contains(parsed?.scheme?.lowercased() ?? "") || (parsed?.host ?? "").isEmpty {
                // The URL came from a secret: say which key, never the value.
                let shown = urlField.name == "url" ? " '\(value)'" : " read through '\(urlField.name)'"
                reader.report(
                    "the URL\(shown) \(owner) is not an http:// or https:// URL; give the robot's full address, "
                        + "as the chat app shows it",
                    at: urlField.value)
                url = nil
            }
        }
        let secretKeys = ["secret_env", "secret_credential"].filter { fields[$0] != nil }
        var signingSecret: SecretText?
        if let first = secretKeys.first, let kind, kind == .json || kind == .wecom {
            reader.report("'\(first)' \(owner): \(kind.rawValue) webhooks are not signed; delete it", at: fields[first]!.key)
        } else {
            signingSecret = secret(fields, envKey: "secret_env", credentialKey: "secret_credential", owner: owner, what: "the signing secret")
        }
        var timeout = Duration.seconds(15)
        if let timeoutField = fields["timeout"], let value = reader.duration(timeoutField, owner: owner) { timeout = value }
        var caFile: String?
        if let field = fields["ca_file"] { caFile = readCAFile(field, owner: owner) }
        guard let kind, let url else { return nil }
        return WebhookSettings(
            name: name, kind: kind, url: SecretText(url.value.trimmingCharacters(in: .whitespaces)), secret: signingSecret,
            timeout: timeout, caFile: caFile)
    }

    // MARK: recipients

    mutating func readRecipients(_ field: Field, webhookNames: [String]) -> [Recipient] {
        guard case let .mapping(mapping) = field.value else {
            reader.report(
                "expected a map for 'recipients', found \(NodeReader.describe(field.value)); write one "
                    + "'名称: { email: [...], webhooks: [...] }' a line, indented under 'recipients:'",
                at: field.value)
            return []
        }
        var recipients: [Recipient] = []
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key, !NodeReader.isNull(key) else {
                reader.report(
                    "a recipient name must be plain text, found \(NodeReader.describe(key)); "
                        + "write the name before the colon, e.g. 值班室: { email: [...] }",
                    at: key)
                continue
            }
            let name = scalar.string
            let owner = "in recipient '\(name)'"
            guard case let .mapping(entry) = value else {
                reader.report(
                    "expected a map for recipient '\(name)', found \(NodeReader.describe(value)); "
                        + "write \(name): { email: [\"张三 <duty@example.gov.cn>\"], webhooks: [值班群] }",
                    at: value)
                continue
            }
            let fields = reader.fields(of: entry, accepted: Self.recipientKeys, owner: owner)
            var recipient = Recipient(name: name)
            if let emailField = fields["email"] {
                for (node, text) in listOrOne(emailField, owner: owner) {
                    if let address = MailAddress(parsing: text) {
                        recipient.emails.append(address)
                    } else {
                        reader.report("bad email address '\(text)' \(owner); write \"张三 <duty@example.gov.cn>\" or a bare address", at: node)
                    }
                }
            }
            if let webhooksField = fields["webhooks"] {
                for (node, webhook) in listOrOne(webhooksField, owner: owner) {
                    if webhookNames.contains(webhook) {
                        recipient.webhooks.append(webhook)
                    } else {
                        var message = "recipient '\(name)' names webhook '\(webhook)', which 'webhooks:' does not define"
                        if let suggestion = KeySuggestion.closest(to: webhook, in: webhookNames) {
                            message += " (did you mean '\(suggestion)'?)"
                        } else if !webhookNames.isEmpty {
                            message += "; defined: \(webhookNames.joined(separator: ", "))"
                        }
                        reader.report(message, at: node)
                    }
                }
            }
            if fields["email"] == nil, fields["webhooks"] == nil {
                reader.report("recipient '\(name)' has neither 'email' nor 'webhooks'; give it at least one", at: key)
            }
            recipients.append(recipient)
        }
        return recipients
    }

    // MARK: Helpers

    /// A list of text, or one text value written without brackets; each with its node for errors.
    private mutating func listOrOne(_ field: Field, owner: String) -> [(node: Node, text: String)] {
        let nodes: [Node]
        switch field.value {
        case .scalar: nodes = [field.value]
        case let .sequence(sequence): nodes = Array(sequence)
        default:
            reader.report(
                "expected a list for '\(field.name)' \(owner), found \(NodeReader.describe(field.value)); write \(field.name): [a, b]",
                at: field.value)
            return []
        }
        var values: [(node: Node, text: String)] = []
        for node in nodes {
            if let text = reader.text(Field(name: field.name, key: field.key, value: node), owner: owner),
                !values.contains(where: { $0.text == text }) {
                values.append((node, text))
            }
        }
        return values
    }

    /// A secret named by `envKey` (an environment variable) or `credentialKey` (a systemd credential);
    /// nil, reported, when both are given or the named one cannot be read.
    private mutating func secret(
        _ fields: [String: Field], envKey: String, credentialKey: String, owner: String, what: String
    ) -> SecretText? {
        if let env = fields[envKey], let credential = fields[credentialKey] {
            reader.report("both '\(envKey)' and '\(credentialKey)' are set \(owner); keep one", at: credential.key)
            _ = env
            return nil
        }
        if let field = fields[envKey], let variable = reader.text(field, owner: owner) {
            guard let value = environment[variable]?.trimmingCharacters(in: .newlines), !value.isEmpty else {
                reader.report(
                    "'\(envKey): \(variable)' \(owner): the environment variable \(variable) is not set (or empty), "
                        + "so \(what) is unknown; set it in the service's environment (systemd: Environment= or EnvironmentFile=)",
                    at: field.value)
                return nil
            }
            return SecretText(value)
        }
        if let field = fields[credentialKey], let credential = reader.text(field, owner: owner) {
            guard let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty else {
                reader.report(
                    "'\(credentialKey): \(credential)' \(owner): CREDENTIALS_DIRECTORY is not set, so the systemd credential "
                        + "'\(credential)' cannot be read; add 'LoadCredential=\(credential):/path/to/file' to the unit, "
                        + "or use '\(envKey)' outside systemd",
                    at: field.value)
                return nil
            }
            let path = URL(fileURLWithPath: directory).appendingPathComponent(credential).path
            guard !credential.contains("/"), let data = FileManager.default.contents(atPath: path),
                let value = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .newlines), !value.isEmpty
            else {
                reader.report(
                    "'\(credentialKey): \(credential)' \(owner): cannot read \(what) from the credential file \(path) "
                        + "(missing, unreadable or empty); check LoadCredential= in the unit",
                    at: field.value)
                return nil
            }
            return SecretText(value)
        }
        return nil
    }

    private mutating func readCAFile(_ field: Field, owner: String) -> String? {
        guard let text = reader.text(field, owner: owner) else { return nil }
        let path = text.hasPrefix("/") ? text : directory.appendingPathComponent(text).standardizedFileURL.path
        guard FileManager.default.isReadableFile(atPath: path) else {
            reader.report("'ca_file' \(owner): cannot read \(path); give a PEM file of CA certificates", at: field.value)
            return nil
        }
        return path
    }
}
