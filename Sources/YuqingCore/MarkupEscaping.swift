import Foundation

/// Escapes untrusted text (titles and snippets from crawled pages) so it arrives inert in
/// HTML and in the Markdown of chat robots.
public enum MarkupEscaping {
    /// `&`, `<`, `>`, `"` and `'` as entities: safe in element content and quoted attributes.
    public static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Backslash before every Markdown punctuation character, so `**[x](javascript:…)**` stays
    /// text; `<` and `>` become full-width (robots that render HTML tags get none), and line
    /// breaks become spaces (a title cannot start a heading or a list).
    public static func markdown(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": result += "＜"
            case ">": result += "＞"
            case "\n", "\r", "\r\n", "\u{2028}", "\u{2029}": result += " "
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|", "~", "&", "=", "$", "@", ":":
                result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    /// Plain text made one line: control characters dropped, line breaks as spaces
    /// (for subjects and chat titles, where a newline would inject headers or markup).
    public static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 }.filter { !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) })
            .trimmingCharacters(in: .whitespaces)
    }

    /// `url` when it is http or https; nil for `javascript:`, `data:` and the like.
    public static func safeLink(_ url: URL?) -> URL? {
        guard let url, let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
        return url
    }
}
