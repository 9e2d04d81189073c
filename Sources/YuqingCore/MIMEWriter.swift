import Foundation

/// Turns a `MailMessage` into the RFC 5322 bytes an SMTP server receives: RFC 2047 encoded
/// headers, `multipart/alternative` text and HTML, `multipart/related` for `cid:` images,
/// `multipart/mixed` for other attachments, CRLF line endings, no line over 76 characters.
///
/// The output depends on the message only (boundaries derive from the Message-ID), so a re-send
/// after a crash is byte-for-byte the first send. Dot-stuffing is not done here: libcurl's SMTP
/// upload doubles a leading `.` itself.
public enum MIMEWriter {
    /// The message bytes; `timeZone` only sets the offset written in the Date header.
    public static func write(_ message: MailMessage, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) -> Data {
        var out = ""
        func header(_ name: String, _ value: String) { out += "\(name): \(value)\r\n" }
        header("From", address(message.from, prefixLength: 6))
        header("To", addressList(message.to, prefixLength: 4))
        header("Subject", encodedHeaderText(message.subject, prefixLength: 9))
        header("Date", rfc5322Date(message.date, timeZone: timeZone))
        header("Message-ID", "<\(singleLine(message.messageID))>")
        header("MIME-Version", "1.0")
        for extra in message.extraHeaders {
            let name = extra.name.filter { $0.isASCII && $0 != ":" && !$0.isWhitespace }
            guard !name.isEmpty else { continue }
            header(name, encodedHeaderText(extra.value, prefixLength: name.count + 2))
        }
        var boundaries = BoundarySource(seed: message.messageID)
        out += body(of: message, boundaries: &boundaries).text
        return Data(out.utf8)
    }

    // MARK: Structure

    /// One MIME entity: its headers (Content-Type …) and body, both CRLF-terminated text.
    private struct Part {
        var headers: [String]
        var body: String

        var text: String { headers.map { $0 + "\r\n" }.joined() + "\r\n" + body }
    }

    private static func body(of message: MailMessage, boundaries: inout BoundarySource) -> Part {
        let plain = textPart(message.text, subtype: "plain")
        var inline: [MailAttachment] = []
        var attached: [MailAttachment] = []
        for attachment in message.attachments {
            if attachment.contentID != nil, message.html != nil { inline.append(attachment) } else { attached.append(attachment) }
        }
        var main = plain
        if let html = message.html {
            var htmlPart = textPart(html, subtype: "html")
            if !inline.isEmpty {
                htmlPart = multipart("related", [htmlPart] + inline.map { attachmentPart($0, inline: true) }, boundaries: &boundaries)
            }
            main = multipart("alternative", [plain, htmlPart], boundaries: &boundaries)
        }
        if !attached.isEmpty {
            main = multipart("mixed", [main] + attached.map { attachmentPart($0, inline: false) }, boundaries: &boundaries)
        }
        return main
    }

    private static func multipart(_ subtype: String, _ parts: [Part], boundaries: inout BoundarySource) -> Part {
        let boundary = boundaries.next()
        var body = ""
        for part in parts {
            body += "--\(boundary)\r\n" + part.text
            if !body.hasSuffix("\r\n") { body += "\r\n" }
        }
        body += "--\(boundary)--\r\n"
        return Part(headers: ["Content-Type: multipart/\(subtype);\r\n boundary=\"\(boundary)\""], body: body)
    }

    /// Quoted-printable keeps mostly-ASCII text readable in a raw mailbox; base64 is a third
    /// smaller for Chinese (3 bytes a character become 4 instead of 9).
    private static func textPart(_ text: String, subtype: String) -> Part {
        let normalized = normalizeLineEnds(text)
        let bytes = Array(normalized.utf8)
        let nonASCII = bytes.lazy.filter { $0 >= 0x80 }.count
        let usesBase64 = nonASCII * 4 > bytes.count
        return Part(
            headers: [
                "Content-Type: text/\(subtype); charset=utf-8",
                "Content-Transfer-Encoding: \(usesBase64 ? "base64" : "quoted-printable")",
            ],
            body: usesBase64 ? base64Lines(bytes) : quotedPrintable(normalized)
        )
    }

    private static func attachmentPart(_ attachment: MailAttachment, inline: Bool) -> Part {
        let contentType = singleLine(attachment.contentType)
        let filename = singleLine(attachment.filename)
        var headers = [
            "Content-Type: \(contentType);\r\n name=\(parameterValue(filename))",
            "Content-Transfer-Encoding: base64",
            "Content-Disposition: \(inline ? "inline" : "attachment");\r\n \(filenameParameter(filename))",
        ]
        if inline, let id = attachment.contentID { headers.append("Content-ID: <\(singleLine(id))>") }
        return Part(headers: headers, body: base64Lines(Array(attachment.data)))
    }

    // MARK: Header encoding (RFC 2047)

    /// `text` as a header value: plain when it is printable ASCII, otherwise UTF-8 B-encoded
    /// words of at most 75 characters, split between characters (never inside one), one per
    /// folded line. `prefixLength` is what precedes the value on the first line (`Subject: `).
    public static func encodedHeaderText(_ text: String, prefixLength: Int) -> String {
        let value = singleLine(text)
        if value.allSatisfy({ $0.isASCII }), !value.contains("=?") {
            return foldASCII(value, prefixLength: prefixLength)
        }
        return encodedWords(value, prefixLength: prefixLength).joined(separator: "\r\n ")
    }

    /// Encoded words for `text`; the first fits after `prefixLength` characters in a 76-column line.
    static func encodedWords(_ text: String, prefixLength: Int) -> [String] {
        let overhead = "=?UTF-8?B??=".count
        func capacity(_ used: Int) -> Int {
            // Base64 characters that fit, rounded down to whole 4-character groups, as bytes.
            let characters = max(min(76 - used, 75) - overhead, 8)
            return characters / 4 * 3
        }
        var words: [String] = []
        var chunk: [UInt8] = []
        var limit = capacity(prefixLength)
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty, chunk.count + bytes.count > limit {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
                limit = capacity(1)
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words
    }

    /// `name <address>`, the name quoted or encoded as it needs.
    public static func address(_ mailbox: MailAddress, prefixLength: Int = 0) -> String {
        let spec = "<\(singleLine(mailbox.address))>"
        guard let name = mailbox.displayName.map(singleLine), !name.isEmpty else { return spec }
        if name.allSatisfy({ $0.isASCII }), !name.contains("=?") {
            let atext = name.allSatisfy { $0.isLetter || $0.isNumber || " !#$%&'*+-/=?^_`{|}~".contains($0) }
            let shown = atext ? name : "\"" + name.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
            return "\(shown) \(spec)"
        }
        return encodedWords(name, prefixLength: prefixLength).joined(separator: "\r\n ") + "\r\n " + spec
    }

    private static func addressList(_ mailboxes: [MailAddress], prefixLength: Int) -> String {
        mailboxes.enumerated().map { index, mailbox in
            address(mailbox, prefixLength: index == 0 ? prefixLength : 1)
        }.joined(separator: ",\r\n ")
    }

    /// A header value must stay one line: a CR or LF in a page title would otherwise start a new header.
    private static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// Folds at spaces so no line passes 76 columns (a single longer word stays whole).
    private static func foldASCII(_ value: String, prefixLength: Int) -> String {
        var result = ""
        var column = prefixLength
        for (index, word) in value.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index == 0 {
                result = String(word)
                column += word.count
            } else if column + 1 + word.count > 76 {
                result += "\r\n " + word
                column = 1 + word.count
            } else {
                result += " " + word
                column += 1 + word.count
            }
        }
        return result
    }

    /// `filename="report.csv"`, or for a Chinese name RFC 2231 `filename*0*=UTF-8''%E8…;` continuations
    /// of at most 60 characters, so no header line passes 76 columns.
    private static func filenameParameter(_ filename: String) -> String {
        if filename.allSatisfy({ $0.isASCII }) { return "filename=\(parameterValue(filename))" }
        let safe = Set("!#$&+-.^_`|~".utf8)
        var pieces: [String] = []
        var piece = ""
        for byte in filename.utf8 {
            let isPlain = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || safe.contains(byte)
            let token = isPlain ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
            // The first line also carries `filename*0*=UTF-8''`.
            if piece.count + token.count > (pieces.isEmpty ? 50 : 60) {
                pieces.append(piece)
                piece = ""
            }
            piece += token
        }
        pieces.append(piece)
        return pieces.enumerated().map { index, text in
            "filename*\(index)*=\(index == 0 ? "UTF-8''" : "")\(text)"
        }.joined(separator: ";\r\n ")
    }

    /// A quoted parameter value; a non-ASCII one as encoded words (which mail clients accept for
    /// `name=`), folded inside the quotes.
    private static func parameterValue(_ value: String) -> String {
        if value.allSatisfy({ $0.isASCII }) {
            return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "\"" + encodedWords(value, prefixLength: 10).joined(separator: "\r\n ") + "\""
    }

    // MARK: Body encoding

    private static func normalizeLineEnds(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
    }

    private static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = Data(bytes).base64EncodedString()
        var out = ""
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            out += encoded[index..<end] + "\r\n"
            index = end
        }
        return out
    }

    /// RFC 2045 quoted-printable of CRLF-separated UTF-8 text, soft line breaks at 76 columns.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        let lines = text.components(separatedBy: "\r\n")
        for (lineIndex, line) in lines.enumerated() {
            let bytes = Array(line.utf8)
            var column = 0
            for (i, byte) in bytes.enumerated() {
                let isLast = i == bytes.count - 1
                var token: [UInt8]
                if byte == UInt8(ascii: "=") || byte >= 0x7F || (byte < 0x20 && byte != 0x09)
                    || (isLast && (byte == 0x20 || byte == 0x09)) {
                    token = [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                } else {
                    token = [byte]
                }
                // Keep room for the "=" of a soft break; a token never straddles two lines.
                if column + token.count > (isLast ? 76 : 75) {
                    out += Array("=\r\n".utf8)
                    column = 0
                }
                out += token
                column += token.count
            }
            if lineIndex < lines.count - 1 || !line.isEmpty { out += [0x0D, 0x0A] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Date and boundaries

    /// `Mon, 23 Nov 2026 12:02:00 +0800`.
    public static func rfc5322Date(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let offset = timeZone.secondsFromGMT(for: date) / 60
        let sign = offset < 0 ? "-" : "+"
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[(c.weekday ?? 1) - 1]), \(c.day ?? 1) \(months[(c.month ?? 1) - 1]) \(c.year ?? 1970) "
            + "\(two(c.hour ?? 0)):\(two(c.minute ?? 0)):\(two(c.second ?? 0)) "
            + "\(sign)\(two(abs(offset) / 60))\(two(abs(offset) % 60))"
    }

    /// Boundaries start with `=_`, which neither base64 nor quoted-printable can produce, so they
    /// never collide with a body; they derive from the Message-ID so the output is reproducible.
    private struct BoundarySource {
        var hash: UInt64
        var count = 0

        init(seed: String) {
            hash = 0xCBF2_9CE4_8422_2325
            for byte in seed.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }

        mutating func next() -> String {
            count += 1
            return "=_yuqing_\(String(hash, radix: 16))_\(count)"
        }
    }
}
