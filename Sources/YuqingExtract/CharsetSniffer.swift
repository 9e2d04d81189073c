import Foundation

/// Decides which character encoding to hand to libxml2 for a fetched document.
///
/// Order of authority: the source's own override, then a byte order mark, then the HTTP
/// `Content-Type` charset, then the XML declaration's `encoding=`. Chinese labels are widened
/// to the encoding that real servers actually send under them: a page labelled gb2312 almost
/// always contains GBK-only characters (镕, 喆, 堃) and libxml2 stops at the first one, so every
/// GB label is decoded as GB18030, a strict superset.
///
/// `decide(_:httpCharset:override:)` is the feed (XML) mode; `decideHTML(_:httpCharset:override:)`
/// in `CharsetSniffer+HTML.swift` is the HTML mode, which also reads `<meta>` and checks
/// declarations against the bytes.
public enum CharsetSniffer {
    /// Where a decision came from, for diagnostics.
    public enum Origin: String, Sendable, Equatable {
        /// The source's configured encoding override.
        case override
        /// A byte order mark, or the byte layout of `<?` in UTF-16.
        case byteOrderMark
        /// The `charset` parameter of the HTTP `Content-Type` header.
        case httpHeader
        /// The `encoding` pseudo-attribute of the XML declaration.
        case xmlDeclaration
        /// An HTML `<meta charset>` or `<meta http-equiv="Content-Type">` (HTML mode only).
        case metaTag
        /// Read from the bytes themselves, because nothing was declared or the declaration
        /// contradicts the bytes (HTML mode only): valid UTF-8, or Big5 / GB18030 by statistics.
        case sniffed
        /// Nothing declared and the bytes are not UTF-8: assumed GB18030 (Chinese sites).
        case fallback
        /// Nothing declared: the parser's default (UTF-8) applies.
        case none
    }

    /// The encoding to decode a document with.
    public struct Decision: Sendable, Equatable {
        /// The encoding name to pass to libxml2 (`GB18030`, `UTF-8`, …), or nil for its default.
        public var encoding: String?
        /// Where the decision came from.
        public var origin: Origin
        /// The label as it was written (before mapping), for error messages.
        public var label: String?
        /// Length of a byte order mark at the start of the data, to be skipped before parsing.
        public var byteOrderMarkLength: Int

        /// Creates a decision.
        public init(encoding: String?, origin: Origin, label: String? = nil, byteOrderMarkLength: Int = 0) {
            self.encoding = encoding
            self.origin = origin
            self.label = label
            self.byteOrderMarkLength = byteOrderMarkLength
        }
    }

    /// The decision both modes start with: a usable per-source override wins, then a BOM.
    static func overrideOrByteOrderMark(_ data: Data, override: String?) -> Decision? {
        let bom = byteOrderMark(in: data)
        if let override, let name = canonicalName(forLabel: override) {
            return Decision(encoding: name, origin: .override, label: override, byteOrderMarkLength: bom?.length ?? 0)
        }
        if let bom {
            return Decision(encoding: bom.encoding, origin: .byteOrderMark, label: bom.encoding,
                            byteOrderMarkLength: bom.length)
        }
        return nil
    }

    /// Decides the encoding of `data`.
    ///
    /// - Parameters:
    ///   - data: the document's bytes as fetched.
    ///   - httpCharset: the `charset` parameter of the HTTP `Content-Type` (a whole
    ///     `Content-Type` value is accepted too).
    ///   - override: the source's configured encoding, which beats everything else.
    public static func decide(_ data: Data, httpCharset: String? = nil, override: String? = nil) -> Decision {
        if let decided = overrideOrByteOrderMark(data, override: override) { return decided }
        if let httpCharset, let label = charsetLabel(fromHeader: httpCharset),
           let name = canonicalName(forLabel: label) {
            return Decision(encoding: name, origin: .httpHeader, label: label)
        }
        if let label = declaredEncoding(in: data), var name = canonicalName(forLabel: label) {
            // A UTF-16 label on bytes that read as ASCII (we found it, so they do) is wrong:
            // the document was re-encoded without updating its declaration.
            if name.hasPrefix("UTF-16") { name = "UTF-8" }
            return Decision(encoding: name, origin: .xmlDeclaration, label: label)
        }
        if String(data: data, encoding: .utf8) == nil {
            return Decision(encoding: "GB18030", origin: .fallback)
        }
        return Decision(encoding: nil, origin: .none)
    }

    /// Maps a charset label as found in the wild to the name libxml2 (through iconv) should
    /// use; nil for an empty label.
    public static func canonicalName(forLabel label: String) -> String? {
        let trimmed = label.trimmingCharacters(in: CharacterSet(charactersIn: "\"' \t\r\n"))
        guard !trimmed.isEmpty else { return nil }
        switch trimmed.lowercased() {
        case "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb_2312-80", "gb_2312",
             "csgb2312", "csgb231280", "csiso58gb231280", "iso-ir-58", "chinese", "euc-cn", "x-euc-cn",
             "gb18030", "gb-18030":
            return "GB18030"
        case "big5", "big-5", "cn-big5", "csbig5", "x-x-big5", "big5-hkscs", "big5hkscs", "cp950", "windows-950":
            // Big5-HKSCS is a superset of Big5 that also has the Hong Kong characters.
            return "BIG5-HKSCS"
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            return "UTF-8"
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252":
            // What servers label Latin-1 is in practice Windows-1252 (curly quotes in 0x80–0x9F).
            return "WINDOWS-1252"
        case "utf-16", "utf16":
            return "UTF-16"
        default:
            return trimmed.uppercased()
        }
    }

    /// The encoding named by a byte order mark (or by UTF-16's layout of `<?`), with the
    /// number of bytes to skip.
    public static func byteOrderMark(in data: Data) -> (encoding: String, length: Int)? {
        let head = [UInt8](data.prefix(4))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return ("UTF-8", 3) }
        if head.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", 2) }
        if head.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", 2) }
        if head.starts(with: [0x3C, 0x00, 0x3F, 0x00]) { return ("UTF-16LE", 0) }
        if head.starts(with: [0x00, 0x3C, 0x00, 0x3F]) { return ("UTF-16BE", 0) }
        return nil
    }

    /// The `encoding` value of an XML declaration at the start of `data`, if any.
    public static func declaredEncoding(in data: Data) -> String? {
        var bytes = [UInt8](data.prefix(512))
        while let first = bytes.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D {
            bytes.removeFirst()
        }
        guard bytes.starts(with: Array("<?xml".utf8)),
              let end = find(Array("?>".utf8), in: bytes) else { return nil }
        let declaration = String(decoding: bytes[..<end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }

    /// The charset label from a header value: either a bare label (`gb2312`) or a whole
    /// `Content-Type` (`text/xml; charset="gb2312"`).
    public static func charsetLabel(fromHeader header: String) -> String? {
        guard header.contains(";") || header.contains("=") || header.contains("/") else {
            let bare = header.trimmingCharacters(in: .whitespaces)
            return bare.isEmpty ? nil : bare
        }
        for parameter in header.split(separator: ";") {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2,
                  parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"' \t"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}
