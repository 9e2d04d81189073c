import Foundation

extension CharsetSniffer {
    /// Decides the encoding of an HTML page. Unlike the feed mode, the answer always names an
    /// encoding: libxml2's HTML parser would otherwise assume ISO-8859-1.
    ///
    /// Order of authority:
    /// 1. the source's override (trusted blindly: it is how a person fixes a wrong guess);
    /// 2. a byte order mark;
    /// 3. the HTTP `Content-Type` charset, then `<meta charset>` /
    ///    `<meta http-equiv="Content-Type" content="…; charset=…">` anywhere in the head (after
    ///    `<title>`, past the first kilobyte), then an XHTML `<?xml encoding=?>` — each checked
    ///    against the bytes, because declarations are often wrong on Chinese sites:
    ///    - bytes that are entirely valid UTF-8 (and not plain ASCII) are UTF-8 whatever the
    ///      label says (CMS templates keep `gb2312` after a site moves to UTF-8);
    ///    - a UTF-8 label on bytes that are mostly not UTF-8 is skipped (a server-wide default
    ///      header on an old GBK page), and the next declaration is tried;
    /// 4. sniffing: valid UTF-8 → UTF-8; otherwise Big5 or GB18030 by byte statistics
    ///    (see `LegacyChineseSniffer`).
    ///
    /// GB labels decode as GB18030 and Big5 labels as Big5-HKSCS, as in the feed mode.
    public static func decideHTML(_ data: Data, httpCharset: String? = nil, override: String? = nil) -> Decision {
        if let decided = overrideOrByteOrderMark(data, override: override) { return decided }

        let utf8 = UTF8Validity(data)
        var declarations: [(label: String, origin: Origin)] = []
        if let httpCharset, let label = charsetLabel(fromHeader: httpCharset) { declarations.append((label, .httpHeader)) }
        if let label = MetaCharsetScanner.charset(in: data) { declarations.append((label, .metaTag)) }
        if let label = declaredEncoding(in: data) { declarations.append((label, .xmlDeclaration)) }

        for (label, origin) in declarations {
            guard var name = canonicalName(forLabel: label) else { continue }
            // A UTF-16 label inside bytes we could read as ASCII is wrong (the HTML standard
            // says the same): the page was re-encoded without updating its <meta>.
            if origin != .httpHeader, name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32") { name = "UTF-8" }
            if name == "UTF-8" {
                if utf8.mostlyInvalid { continue }
                return Decision(encoding: "UTF-8", origin: origin, label: label)
            }
            if utf8.validNonASCII {
                return Decision(encoding: "UTF-8", origin: .sniffed, label: label)
            }
            return Decision(encoding: name, origin: origin, label: label)
        }

        if utf8.isASCII { return Decision(encoding: "UTF-8", origin: .none) }
        if !utf8.mostlyInvalid { return Decision(encoding: "UTF-8", origin: .sniffed) }
        return Decision(encoding: LegacyChineseSniffer.guess(data), origin: .sniffed)
    }
}

/// How well a byte string reads as UTF-8.
struct UTF8Validity {
    /// Well-formed multi-byte sequences.
    private(set) var validSequences = 0
    /// Bytes that start no well-formed sequence (a sequence cut off by the end of the data,
    /// as a size-limited fetch leaves it, is not counted).
    private(set) var invalidBytes = 0

    /// Scans `data` against RFC 3629's table of well-formed sequences.
    init(_ data: Data) {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 { i += 1; continue }
                let length: Int
                var low: UInt8 = 0x80
                var high: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: invalidBytes += 1; i += 1; continue
                }
                var ok = true
                var j = 1
                while j < length {
                    guard i + j < n else { break }  // cut off at the end: neither valid nor invalid
                    let c = bytes[i + j]
                    let (lo, hi) = j == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                    if c < lo || c > hi { ok = false; break }
                    j += 1
                }
                if !ok { invalidBytes += 1; i += 1; continue }
                if i + length <= n { validSequences += 1 }
                i += length
            }
        }
    }

    /// Nothing but ASCII.
    var isASCII: Bool { validSequences == 0 && invalidBytes == 0 }

    /// Valid UTF-8 with at least one non-ASCII character: no legacy Chinese text reads like
    /// that, so the bytes are UTF-8 whatever their label says.
    var validNonASCII: Bool { invalidBytes == 0 && validSequences > 0 }

    /// More than one bad byte in twenty good sequences: not UTF-8 with a few broken
    /// characters, but another encoding. (GBK text happens to form valid two-byte sequences
    /// often enough that "any valid sequence" would not do.)
    var mostlyInvalid: Bool { invalidBytes * 20 > validSequences }
}
