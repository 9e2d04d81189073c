import Foundation

/// Formats times for people: `2026-11-23 08:51` in the configured zone (Asia/Shanghai by default).
struct LocalTime {
    private let calendar: Calendar

    init(zone identifier: String = "Asia/Shanghai") {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "Asia/Shanghai")!
        self.calendar = calendar
    }

    func format(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
