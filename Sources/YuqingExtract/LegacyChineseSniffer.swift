import Foundation

/// Tells Big5 from GB18030 (GBK, GB2312) for Chinese bytes that declare nothing and are not
/// UTF-8. Both are double-byte encodings with lead bytes 0x81–0xFE, so no byte is decisive;
/// two statistics are:
///
/// 1. **Frequent characters.** The 43 most common characters of news text (的 是 一 不 在 人
///    有 了 中 国/國 …) have fixed codes in each encoding (的 is B5C4 in GBK, AABA in Big5).
///    Real text hits its own table constantly (的 alone is ~4% of Chinese prose) and the other
///    table only by accident. When one side has at least twice the hits of the other (and at
///    least two), it wins.
/// 2. **Trail-byte ranges**, when the characters are inconclusive. Big5 trail bytes are
///    0x40–0x7E or 0xA1–0xFE, and the common Big5 characters (A440–C67E) are split about
///    evenly between the two, so ~40% of Big5 pairs have a trail below 0x7F; GB2312 text has
///    trails only in 0xA1–0xFE (GBK's rarer extension characters use the low range, a few
///    percent at most). Trails 0x80–0xA0 exist only in GBK, and a four-byte sequence with
///    digits in second and fourth place only in GB18030. Big5 when more than a quarter of
///    the pairs have low trails and almost none (<5%) have GBK-only trails.
///
/// Anything else is GB18030: mainland sites far outnumber the rest in what the service reads.
enum LegacyChineseSniffer {
    /// GBK codes of frequent simplified characters (的是一不在人有了中国大年我这为和说们他上个到时会地以来也就要出对可发新政府市区日月工作).
    static let frequentGBK: Set<UInt16> = [
        0xB5C4, 0xCAC7, 0xD2BB, 0xB2BB, 0xD4DA, 0xC8CB, 0xD3D0, 0xC1CB, 0xD6D0, 0xB9FA, 0xB4F3, 0xC4EA,
        0xCED2, 0xD5E2, 0xCEAA, 0xBACD, 0xCBB5, 0xC3C7, 0xCBFB, 0xC9CF, 0xB8F6, 0xB5BD, 0xCAB1, 0xBBE1,
        0xB5D8, 0xD2D4, 0xC0B4, 0xD2B2, 0xBECD, 0xD2AA, 0xB3F6, 0xB6D4, 0xBFC9, 0xB7A2, 0xD0C2, 0xD5FE,
        0xB8AE, 0xCAD0, 0xC7F8, 0xC8D5, 0xD4C2, 0xB9A4, 0xD7F7,
    ]

    /// Big5 codes of the same characters in traditional form (的是一不在人有了中國大年我這為和說們…).
    static let frequentBig5: Set<UInt16> = [
        0xAABA, 0xAC4F, 0xA440, 0xA4A3, 0xA662, 0xA448, 0xA6B3, 0xA446, 0xA4A4, 0xB0EA, 0xA46A, 0xA67E,
        0xA7DA, 0xB36F, 0xACB0, 0xA94D, 0xBBA1, 0xADCC, 0xA54C, 0xA457, 0xADD3, 0xA8EC, 0xAEC9, 0xB77C,
        0xA661, 0xA548, 0xA8D3, 0xA45D, 0xB44E, 0xAD6E, 0xA558, 0xB9EF, 0xA569, 0xB56F, 0xB773, 0xAC46,
        0xA9B2, 0xA5AB, 0xB0CF, 0xA4E9, 0xA4EB, 0xA475, 0xA740,
    ]

    /// Counts gathered from the bytes.
    struct Statistics: Equatable {
        var pairs = 0
        var lowTrails = 0
        var gbkOnlyTrails = 0
        var fourByte = 0
        var gbkHits = 0
        var big5Hits = 0
    }

    /// `BIG5-HKSCS` or `GB18030`.
    static func guess(_ data: Data) -> String {
        let s = statistics(data)
        if s.fourByte == 0 {
            if s.big5Hits >= 2, s.big5Hits >= 2 * s.gbkHits { return "BIG5-HKSCS" }
            if s.gbkHits >= 2, s.gbkHits >= 2 * s.big5Hits { return "GB18030" }
            if s.pairs > 0, s.lowTrails * 4 > s.pairs, s.gbkOnlyTrails * 20 < s.pairs { return "BIG5-HKSCS" }
        }
        return "GB18030"
    }

    /// Walks the bytes as double-byte text and counts what `guess` decides on.
    static func statistics(_ data: Data) -> Statistics {
        var s = Statistics()
        let b = [UInt8](data)
        var i = 0
        while i + 1 < b.count {
            let lead = b[i]
            guard lead >= 0x81, lead <= 0xFE else { i += 1; continue }
            let trail = b[i + 1]
            if trail >= 0x30, trail <= 0x39, i + 3 < b.count, b[i + 2] >= 0x81, b[i + 3] >= 0x30, b[i + 3] <= 0x39 {
                s.fourByte += 1
                i += 4
                continue
            }
            guard (0x40...0x7E).contains(trail) || (0x80...0xFE).contains(trail) else { i += 1; continue }
            s.pairs += 1
            if trail <= 0x7E { s.lowTrails += 1 }
            if trail >= 0x80, trail <= 0xA0 { s.gbkOnlyTrails += 1 }
            let code = UInt16(lead) << 8 | UInt16(trail)
            if frequentGBK.contains(code) { s.gbkHits += 1 }
            if frequentBig5.contains(code) { s.big5Hits += 1 }
            i += 2
        }
        return s
    }
}
