import CLibXML2
import Foundation

/// Rewrites HTML entity references that XML does not know (`&nbsp;`, `&mdash;`, `&ldquo;`)
/// into numeric character references before parsing.
///
/// CMSs that build RSS by string concatenation leave such references in titles. libxml2 in
/// recovery mode drops an undeclared reference without a trace ("甲&nbsp;乙" → "甲乙"), so
/// they are fixed up first. CDATA sections and comments are left as they are, and a
/// document with its own entity declarations is not touched at all.
///
/// Works on the raw bytes of any ASCII-compatible encoding: `&` never occurs inside a
/// GB18030, Big5 or UTF-8 multi-byte character, and an entity name is plain ASCII.
enum EntityRepair {
    private static let predefined: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// `data` with undeclared HTML entity references replaced, or `data` itself when there
    /// is nothing to replace.
    static func repair(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        guard bytes.contains(UInt8(ascii: "&")), find(Array("<!ENTITY".utf8), in: bytes, from: 0) == nil else {
            return data
        }
        var output: [UInt8] = []
        var changed = false
        var i = 0
        var copied = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "<") {
                // Skip CDATA sections and comments: their '&' is literal text.
                if let end = skipLiteral(bytes, at: i, open: "<![CDATA[", close: "]]>")
                    ?? skipLiteral(bytes, at: i, open: "<!--", close: "-->") {
                    i = end
                    continue
                }
            } else if b == UInt8(ascii: "&"), let (name, end) = entityName(bytes, at: i),
                      !predefined.contains(name), let value = htmlValue(name) {
                output.append(contentsOf: bytes[copied..<i])
                output.append(contentsOf: Array("&#\(value);".utf8))
                copied = end
                changed = true
                i = end
                continue
            }
            i += 1
        }
        guard changed else { return data }
        output.append(contentsOf: bytes[copied...])
        return Data(output)
    }

    /// The name of a `&name;` reference starting at `start`, and the index after its `;`.
    private static func entityName(_ bytes: [UInt8], at start: Int) -> (String, Int)? {
        var j = start + 1
        while j < bytes.count, j - start <= 32 {
            let c = bytes[j]
            let isAlnum = (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
            if c == UInt8(ascii: ";") {
                guard j > start + 1, !(bytes[start + 1] >= 0x30 && bytes[start + 1] <= 0x39) else { return nil }
                return (String(decoding: bytes[(start + 1)..<j], as: UTF8.self), j + 1)
            }
            guard isAlnum else { return nil }
            j += 1
        }
        return nil
    }

    private static func htmlValue(_ name: String) -> UInt32? {
        htmlEntityLookup(name).map { $0.pointee.value }
    }

    private static func skipLiteral(_ bytes: [UInt8], at i: Int, open: String, close: String) -> Int? {
        let openBytes = Array(open.utf8)
        guard bytes.count - i >= openBytes.count, Array(bytes[i..<(i + openBytes.count)]) == openBytes else { return nil }
        let closeBytes = Array(close.utf8)
        guard let end = find(closeBytes, in: bytes, from: i + openBytes.count) else { return bytes.count }
        return end + closeBytes.count
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count - start >= needle.count, let first = needle.first else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
