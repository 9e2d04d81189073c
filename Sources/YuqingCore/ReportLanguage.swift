/// The language a report is written in (`language:` in `report:` or a digest).
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable {
    /// Simplified Chinese, the default.
    case zhCN = "zh-CN"
    /// English.
    case en
}
