import Foundation

/// Finds the charset an HTML page declares in a `<meta>` tag, anywhere in its head.
///
/// libxml2 honours a `<meta>` only when it comes before any text, so pages with the meta
/// after `<title>` or past the first kilobyte come out as mojibake unless we find it first.
/// Works on the raw bytes: every encoding these pages use is ASCII-compatible, so tags and
/// attribute names read the same in all of them. Comments, scripts and styles are skipped;
/// the scan stops at `<body` (or after 256 KB).
enum MetaCharsetScanner {
    /// How far into the page a declaration is looked for.
    static let scanLimit = 256 * 1024

    /// The first declared charset label (as written), or nil.
    static func charset(in data: Data) -> String? {
        let bytes = [UInt8](data.prefix(scanLimit))
        var i = 0
        while let open = index(of: UInt8(ascii: "<"), in: bytes, from: i) {
            i = open + 1
            if matches(bytes, at: i, "!--") {
                i = find(Array("-->".utf8), in: bytes, from: i + 3).map { $0 + 3 } ?? bytes.count
                continue
            }
            if matches(bytes, at: i, "script") || matches(bytes, at: i, "style") {
                let name = matches(bytes, at: i, "script") ? "</script" : "</style"
                i = findCaseInsensitive(name, in: bytes, from: i) ?? bytes.count
                continue
            }
            if matches(bytes, at: i, "body"), isNameEnd(bytes, i + 4) { return nil }
            guard matches(bytes, at: i, "meta"), isNameEnd(bytes, i + 4) else { continue }
            let (attributes, end) = readAttributes(bytes, from: i + 4)
            i = end
            if let charset = attributes["charset"], !charset.isEmpty { return charset }
            if attributes["http-equiv"]?.lowercased() == "content-type", let content = attributes["content"],
               let label = CharsetSniffer.charsetLabel(fromHeader: content), content.lowercased().contains("charset") {
                return label
            }
        }
        return nil
    }

    /// Reads `name=value` pairs (quoted, unquoted or bare) up to the tag's `>`; names lowercased.
    private static func readAttributes(_ b: [UInt8], from start: Int) -> ([String: String], Int) {
        var attributes: [String: String] = [:]
        var i = start
        func skipSpace() { while i < b.count, isSpace(b[i]) || b[i] == UInt8(ascii: "/") { i += 1 } }
        while true {
            skipSpace()
            guard i < b.count, b[i] != UInt8(ascii: ">") else { return (attributes, i + 1) }
            let nameStart = i
            while i < b.count, !isSpace(b[i]), b[i] != UInt8(ascii: "="), b[i] != UInt8(ascii: ">") { i += 1 }
            let name = String(decoding: b[nameStart..<i], as: UTF8.self).lowercased()
            while i < b.count, isSpace(b[i]) { i += 1 }
            var value = ""
            if i < b.count, b[i] == UInt8(ascii: "=") {
                i += 1
                while i < b.count, isSpace(b[i]) { i += 1 }
                if i < b.count, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
                    let quote = b[i]
                    let valueStart = i + 1
                    i = index(of: quote, in: b, from: valueStart) ?? b.count
                    value = String(decoding: b[valueStart..<i], as: UTF8.self)
                    i += 1
                } else {
                    let valueStart = i
                    while i < b.count, !isSpace(b[i]), b[i] != UInt8(ascii: ">") { i += 1 }
                    value = String(decoding: b[valueStart..<i], as: UTF8.self)
                }
            }
            if !name.isEmpty, attributes[name] == nil {
                attributes[name] = value.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }

    private static func isNameEnd(_ b: [UInt8], _ i: Int) -> Bool {
        i >= b.count || isSpace(b[i]) || b[i] == UInt8(ascii: ">") || b[i] == UInt8(ascii: "/")
    }

    /// ASCII-case-insensitive match of `word` at `i`.
    private static func matches(_ b: [UInt8], at i: Int, _ word: String) -> Bool {
        let w = Array(word.utf8)
        guard i + w.count <= b.count else { return false }
        for k in 0..<w.count where b[i + k] | 0x20 != w[k] | 0x20 { return false }
        return true
    }

    private static func index(of byte: UInt8, in b: [UInt8], from start: Int) -> Int? {
        guard start < b.count else { return nil }
        return b[start...].firstIndex(of: byte)
    }

    private static func find(_ needle: [UInt8], in b: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + needle.count <= b.count {
            if b[i] == needle[0], Array(b[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    private static func findCaseInsensitive(_ word: String, in b: [UInt8], from start: Int) -> Int? {
        var i = start
        while let open = index(of: UInt8(ascii: "<"), in: b, from: i) {
            if matches(b, at: open, word) { return open }
            i = open + 1
        }
        return nil
    }
}
