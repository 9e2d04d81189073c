/// 64-bit SimHash fingerprints of normalised text, for near-duplicate detection.
///
/// Features are character n-grams (default 3) of the *content* scalars only (letters, digits,
/// CJK; punctuation and spaces dropped so re-punctuated copies agree), weighted by their count
/// in the text. Two texts that share most n-grams get fingerprints a few bits apart.
public enum SimHash {
    /// The fingerprint of already normalised scalars.
    public static func fingerprint(_ scalars: [UInt32], shingle: Int = 3) -> UInt64 {
        let content = contentScalars(scalars)
        guard !content.isEmpty else { return 0 }
        var features: [UInt64] = []
        if content.count < shingle {
            features.append(featureHash(content[...]))
        } else {
            features.reserveCapacity(content.count - shingle + 1)
            for start in 0...(content.count - shingle) { features.append(featureHash(content[start..<start + shingle])) }
        }
        // Count by sorting (cheaper than a dictionary for a few thousand features).
        features.sort()
        var counters = [Int](repeating: 0, count: 64)
        var index = 0
        while index < features.count {
            let feature = features[index]
            var count = 0
            while index < features.count, features[index] == feature { count += 1; index += 1 }
            let weight = count  // term frequency
            for bit in 0..<64 { counters[bit] += (feature >> UInt64(bit)) & 1 == 1 ? weight : -weight }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where counters[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    /// Number of differing bits.
    @inline(__always)
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    /// Letters, digits and CJK of a normalised text (everything below U+0080 that is not
    /// alphanumeric, and general punctuation/symbol blocks, are dropped).
    static func contentScalars(_ scalars: [UInt32]) -> [UInt32] {
        scalars.filter { scalar in
            if scalar < 0x80 {
                return (scalar >= 0x30 && scalar <= 0x39) || (scalar >= 0x61 && scalar <= 0x7A) || (scalar >= 0x41 && scalar <= 0x5A)
            }
            if scalar >= 0x2000 && scalar <= 0x303F { return false }  // general punctuation … CJK symbols
            if scalar >= 0xFE30 && scalar <= 0xFE4F { return false }  // CJK compatibility forms
            if scalar >= 0xFF00 && scalar <= 0xFF65 { return false }  // full-width forms left after folding
            return true
        }
    }

    /// SplitMix64 finaliser over the n-gram's scalars (21 bits each).
    @inline(__always)
    static func featureHash(_ gram: ArraySlice<UInt32>) -> UInt64 {
        var z: UInt64 = 0x9E37_79B9_7F4A_7C15
        for scalar in gram { z = (z ^ UInt64(scalar)) &* 0xBF58_476D_1CE4_E5B9; z ^= z >> 29 }
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
