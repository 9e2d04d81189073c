import Foundation

/// Parses the sizes used in `yuqing.yml`: `512KB`, `10MB`, `1GB`, `1.5MB` or a plain byte count.
enum ByteSizeText {
    /// Units are binary (1 KB = 1024 bytes), matching the `10 * 1024 * 1024` default body limit.
    static let units: [String: Double] = [
        "": 1, "b": 1,
        "k": 1024, "kb": 1024, "kib": 1024,
        "m": 1_048_576, "mb": 1_048_576, "mib": 1_048_576,
        "g": 1_073_741_824, "gb": 1_073_741_824, "gib": 1_073_741_824,
    ]

    /// The size in bytes, or nil when the text is not a number followed by an optional unit.
    /// Zero is returned as 0 (callers decide whether it is allowed); negative sizes are nil.
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let number = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = trimmed.dropFirst(number.count).trimmingCharacters(in: .whitespaces).lowercased()
        guard !number.isEmpty, let value = Double(number), let multiplier = units[unit] else { return nil }
        let bytes = (value * multiplier).rounded()
        guard bytes < Double(Int.max) else { return nil }
        return Int(bytes)
    }
}
