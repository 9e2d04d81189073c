// Headline keys: cut off the site suffix, compare by character bigrams, store as UTF-16.
extension StoryClusterer {
    /// The headline without a site suffix: the longest part between separators such as
    /// `_`, `|`, ` - `, `—`, keeping only content characters.
    static func headlineKey(_ scalars: [UInt32]) -> [UInt32] {
        var best: ArraySlice<UInt32> = []
        var start = 0
        func isSeparator(_ scalar: UInt32) -> Bool {
            scalar == 0x5F || scalar == 0x7C || scalar == 0x2D || scalar == 0x2014 || scalar == 0x2013
                || scalar == 0x2015 || scalar == 0xFF5C
        }
        for index in 0...scalars.count {
            if index == scalars.count || isSeparator(scalars[index]) {
                let part = scalars[start..<index]
                if part.count > best.count { best = part }
                start = index + 1
            }
        }
        return SimHash.contentScalars(Array(best))
    }

    /// The distinct character bigrams of a headline key, sorted (a one-character key gives itself).
    static func bigrams(_ scalars: [UInt32]) -> [UInt64] {
        var result: [UInt64]
        if scalars.count < 2 {
            result = scalars.map { UInt64($0) }
        } else {
            result = []
            result.reserveCapacity(scalars.count - 1)
            for index in 0..<(scalars.count - 1) { result.append(UInt64(scalars[index]) << 32 | UInt64(scalars[index + 1])) }
        }
        result.sort()
        var unique = 0
        for value in result where unique == 0 || result[unique - 1] != value {
            result[unique] = value
            unique += 1
        }
        result.removeLast(result.count - unique)
        return result
    }

    /// Jaccard similarity of two sorted sets of distinct values (0 when either is empty).
    static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        var i = 0, j = 0, common = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(common) / Double(a.count + b.count - common)
    }

    /// A headline key as UTF-16 (half the bytes of scalars for Chinese), cut at `maxHeadlineUnits`.
    static func utf16(_ scalars: [UInt32]) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(scalars.count)
        for scalar in scalars {
            let width = scalar > 0xFFFF ? 2 : 1
            if units.count + width > maxHeadlineUnits { break }
            if let value = Unicode.Scalar(scalar) { units.append(contentsOf: value.utf16) }
        }
        return units
    }

    /// The scalars of a stored headline key.
    static func scalars(_ units: ArraySlice<UInt16>) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        while case let .scalarValue(scalar) = decoder.decode(&iterator) { result.append(scalar.value) }
        return result
    }
}
