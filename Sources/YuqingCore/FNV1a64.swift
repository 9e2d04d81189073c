/// 64-bit FNV-1a over bytes: a hash that is the same in every process and on every platform
/// (unlike `Hasher`, seeded per process), so it can be stored, and needs no crypto library.
/// For telling "same bytes" from "changed bytes", not for anything an attacker chooses.
public struct FNV1a64: Sendable {
    /// The hash of the bytes added so far.
    public var value: UInt64 { state }
    @usableFromInline var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// An empty hash.
    public init() {}

    /// Adds `bytes` to the hash.
    @inlinable
    public mutating func add<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        var hash = state
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        state = hash
    }

    /// Adds 0xFF, a byte no UTF-8 text contains, between two parts so that ("ab", "c") and
    /// ("a", "bc") hash apart.
    public mutating func addSeparator() {
        add(CollectionOfOne(0xFF))
    }

    /// `value` as 16 lowercase hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
