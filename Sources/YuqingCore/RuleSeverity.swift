import Foundation

/// How serious a rule's match is, on the four-level scale of China's emergency-response plans
/// (一般 / 较大 / 重大 / 特别重大), which is the vocabulary 舆情 offices already grade incidents in.
public enum RuleSeverity: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// 一般 (low): worth a look in the digest.
    case low = 1
    /// 较大 (medium): tell the desk.
    case medium = 2
    /// 重大 (high): tell the people on duty now.
    case high = 3
    /// 特别重大 (critical): wake people up.
    case critical = 4

    /// Reads a severity as users write it: 一般, 较大, 重大, 特别重大 or low, medium, high, critical
    /// (English in any case). Returns nil for anything else.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let match = Self.allCases.first(where: { $0.chineseName == trimmed || $0.englishName == trimmed })
        else { return nil }
        self = match
    }

    /// The Chinese name used in rule files and alerts.
    public var chineseName: String {
        switch self {
        case .low: "一般"
        case .medium: "较大"
        case .high: "重大"
        case .critical: "特别重大"
        }
    }

    /// The English alias (`low`, `medium`, `high`, `critical`).
    public var englishName: String {
        switch self {
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .critical: "critical"
        }
    }

    /// Every spelling `init(text:)` accepts, for error messages.
    public static var acceptedSpellings: [String] {
        allCases.map(\.chineseName) + allCases.map(\.englishName)
    }

    /// Orders by seriousness: `.low < .critical`.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
