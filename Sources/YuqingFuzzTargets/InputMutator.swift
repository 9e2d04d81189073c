import Foundation

/// Derives new inputs from seed inputs by small random edits (bit flips, inserted syntax,
/// deleted and duplicated ranges, splices of two seeds), from a fixed seed so that a run is
/// reproducible: the short fuzz run in the test suite uses it where libFuzzer's instrumented
/// build would take too long to build in CI.
public struct InputMutator: Sendable {
    private var state: UInt64
    private let dictionary: [[UInt8]]

    /// A mutator whose choices follow `seed`, inserting fragments from `dictionary`.
    public init(seed: UInt64, dictionary: [String]) {
        state = seed
        self.dictionary = dictionary.map { Array($0.utf8) }
    }

    /// One new input made from `base` (and, for a splice, from `other`) by one to four edits.
    public mutating func mutate(_ base: [UInt8], splicingWith other: [UInt8]) -> [UInt8] {
        var bytes = base
        for _ in 0..<(1 + next(4)) {
            edit(&bytes, other: other)
        }
        return bytes
    }

    private mutating func edit(_ bytes: inout [UInt8], other: [UInt8]) {
        let position = next(bytes.count + 1)
        switch next(7) {
        case 0 where !bytes.isEmpty:
            let index = min(position, bytes.count - 1)
            bytes[index] ^= UInt8(1 << next(8))
        case 1 where !dictionary.isEmpty:
            bytes.insert(contentsOf: dictionary[next(dictionary.count)], at: position)
        case 2:
            let length = min(next(64) + 1, bytes.count - position)
            bytes.removeSubrange(position..<(position + length))
        case 3:
            let length = min(next(256) + 1, bytes.count - position)
            let range = Array(bytes[position..<(position + length)])
            bytes.insert(contentsOf: range, at: position)
        case 4:
            bytes.removeSubrange(position...)
        case 5 where !other.isEmpty:
            let from = next(other.count)
            bytes.replaceSubrange(position..., with: other[from...])
        default:
            // Bytes that matter to decoders: invalid UTF-8, NUL, and lone GBK lead bytes.
            let interesting: [UInt8] = [0x00, 0xFF, 0xFE, 0x80, 0xC0, 0xE4, 0x81, 0x3C, 0x3E, 0x26, 0x0A, 0x3A]
            bytes.insert(interesting[next(interesting.count)], at: position)
        }
    }

    /// A number in `0..<bound` from SplitMix64 (0 when `bound` is 0).
    private mutating func next(_ bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
