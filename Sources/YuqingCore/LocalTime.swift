import Foundation

/// Formats times for people, `2026-11-23 08:51`, in one time zone (Asia/Shanghai by default,
/// the zone reports and alerts are read in).
public struct LocalTime: Sendable {
    private let calendar: Calendar

    /// A formatter for the IANA zone `identifier`; an unknown zone falls back to Asia/Shanghai.
    public init(zone identifier: String = "Asia/Shanghai") {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "Asia/Shanghai")!
        self.calendar = calendar
    }

    /// `2026-11-23 08:51`.
    public func format(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// `2026-11-23`.
    public func day(_ date: Date) -> String {
        String(format(date).prefix(10))
    }
}
