import Foundation

extension RuleLoader {
    /// A short hex fingerprint of the rule files in `directory` (names and bytes), so
    /// matches can say which version of the rules produced them. Empty or missing → "none".
    public static func fingerprint(directory: URL) -> String {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return "none" }
        // FNV-1a, 64-bit: stable across runs and platforms, unlike Swift's seeded Hasher.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        var any = false
        for name in names.sorted() where isRuleFileName(name) {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { continue }
            mix(name.utf8)
            mix([0])
            mix(data)
            mix([0])
            any = true
        }
        return any ? String(hash, radix: 16) : "none"
    }
}
