import Foundation

/// Shapes a `WebhookMessage` into the JSON body each kind of webhook expects, within that
/// channel's size limit: the markdown is cut at a character boundary and a link to the full
/// item appended, so a long alert still arrives (robots reject an oversized message outright).
public enum WebhookPayload {
    /// Version tag of the generic JSON document (`"schema"`), documented in docs/alerts.md.
    public static let jsonSchema = "yuqing.webhook/1"

    /// Largest markdown content, in UTF-8 bytes, each robot accepts; nil for no limit (json).
    /// WeCom documents 4096 bytes, DingTalk about 20000; Feishu limits the whole request to
    /// 20 KB, so its content gets 18000 to leave room for the card around it.
    public static func contentLimit(for kind: WebhookSettings.Kind) -> Int? {
        switch kind {
        case .json: nil
        case .wecom: 4096
        case .dingtalk: 20000
        case .feishu: 18000
        }
    }

    /// The request body for `kind`; `signature` goes into the body for Feishu (DingTalk's goes in the URL).
    public static func body(
        for message: WebhookMessage, kind: WebhookSettings.Kind, signature: WebhookSignature? = nil,
        timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!
    ) -> Data {
        var object: [String: Any]
        switch kind {
        case .json:
            object = [
                "schema": jsonSchema, "id": message.id, "kind": message.kind, "title": message.title,
                "text": message.text, "markdown": message.markdown, "fields": message.fields,
                "date": iso8601(message.date, timeZone: timeZone),
            ]
            if let link = message.link { object["link"] = link.absoluteString }
            if let severity = message.severity {
                object["severity"] = severity.englishName
                object["severity_zh"] = severity.chineseName
            }
        case .wecom:
            object = ["msgtype": "markdown", "markdown": ["content": content(message, kind: kind)]]
        case .dingtalk:
            // `title` is only the notification preview; the heading inside `text` is what readers see.
            object = ["msgtype": "markdown", "markdown": ["title": message.title, "text": content(message, kind: kind)]]
        case .feishu:
            object = [
                "msg_type": "interactive",
                "card": [
                    "config": ["wide_screen_mode": true],
                    "header": [
                        "title": ["tag": "plain_text", "content": message.title],
                        "template": feishuColour(message.severity),
                    ],
                    "elements": [["tag": "markdown", "content": fit(message.markdown, limit: contentLimit(for: kind)!, link: message.link)]],
                ] as [String: Any],
            ]
            if let signature {
                object["timestamp"] = signature.timestamp
                object["sign"] = signature.sign
            }
        }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }

    /// The markdown a WeCom or DingTalk robot shows: the escaped title as a heading, then the body.
    static func content(_ message: WebhookMessage, kind: WebhookSettings.Kind) -> String {
        let limit = contentLimit(for: kind) ?? Int.max
        return fit("### \(escapeMarkdown(message.title))\n\n\(message.markdown)", limit: limit, link: message.link)
    }

    /// `markdown` if it fits in `limit` UTF-8 bytes; otherwise its longest prefix (whole
    /// characters) that fits together with a note and the link to the full text.
    public static func fit(_ markdown: String, limit: Int, link: URL?) -> String {
        guard markdown.utf8.count > limit else { return markdown }
        let note = "\n\n……（内容过长，已截断）" + (link.map { "[查看全文](\($0.absoluteString))" } ?? "")
        let budget = max(0, limit - note.utf8.count)
        var kept = ""
        var used = 0
        for character in markdown {
            let size = String(character).utf8.count
            guard used + size <= budget else { break }
            kept.append(character)
            used += size
        }
        return kept + note
    }

    /// Plain text made inert in robot markdown: markdown punctuation backslash-escaped, and `<` `>`
    /// (WeCom and DingTalk render some HTML tags) replaced by their full-width forms.
    public static func escapeMarkdown(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "＜"
            case ">": out += "＞"
            case "\n", "\r": out += " "
            case "\\", "`", "*", "_", "[", "]", "(", ")", "#", "!", "|", "~": out += "\\\(character)"
            default: out.append(character)
            }
        }
        return out
    }

    private static func feishuColour(_ severity: RuleSeverity?) -> String {
        switch severity {
        case .critical?, .high?: "red"
        case .medium?: "orange"
        default: "blue"
        }
    }

    private static func iso8601(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
