import Foundation

/// When a digest goes out after its period ends (`at:` in a `digests:` entry): a time of day,
/// plus a weekday for weekly digests (`周一 08:00`, `mon 08:00`) or a day of the month for
/// monthly ones (`1 09:00`).
public struct DigestSendTime: Sendable, Hashable, CustomStringConvertible {
    /// ISO weekday 1 (Monday) … 7 (Sunday), weekly digests only.
    public var weekday: Int?
    /// Day of the month 1…31 (clamped to the month's last day), monthly digests only.
    public var dayOfMonth: Int?
    /// Hour 0…23.
    public var hour: Int
    /// Minute 0…59.
    public var minute: Int

    /// Creates a send time.
    public init(weekday: Int? = nil, dayOfMonth: Int? = nil, hour: Int, minute: Int) {
        self.weekday = weekday
        self.dayOfMonth = dayOfMonth
        self.hour = hour
        self.minute = minute
    }

    /// The default for a period kind: daily 08:00, weekly Monday 08:00, monthly the 1st 09:00.
    public static func defaultTime(for kind: ReportPeriod.Kind) -> DigestSendTime {
        switch kind {
        case .day: DigestSendTime(hour: 8, minute: 0)
        case .week: DigestSendTime(weekday: 1, hour: 8, minute: 0)
        case .month: DigestSendTime(dayOfMonth: 1, hour: 9, minute: 0)
        }
    }

    private static let weekdayNames: [String: Int] = [
        "mon": 1, "monday": 1, "周一": 1, "星期一": 1,
        "tue": 2, "tuesday": 2, "周二": 2, "星期二": 2,
        "wed": 3, "wednesday": 3, "周三": 3, "星期三": 3,
        "thu": 4, "thursday": 4, "周四": 4, "星期四": 4,
        "fri": 5, "friday": 5, "周五": 5, "星期五": 5,
        "sat": 6, "saturday": 6, "周六": 6, "星期六": 6,
        "sun": 7, "sunday": 7, "周日": 7, "周天": 7, "星期日": 7, "星期天": 7,
    ]

    /// Parses `at:` for a digest of `kind`; the error says what is wrong in words a user can act on.
    public static func parse(_ text: String, for kind: ReportPeriod.Kind) -> Result<DigestSendTime, DigestScheduleError> {
        let parts = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let clock = parts.last, parts.count <= 2 else { return .failure(.badSendTime(text, kind: kind)) }
        let hm = clock.replacingOccurrences(of: "：", with: ":").split(separator: ":")
        guard hm.count == 2, let hour = Int(hm[0]), let minute = Int(hm[1]), (0...23).contains(hour),
              (0...59).contains(minute), hm[1].count == 2 else {
            return .failure(.badSendTime(text, kind: kind))
        }
        var time = DigestSendTime(hour: hour, minute: minute)
        switch (kind, parts.count) {
        case (.day, 1):
            return .success(time)
        case (.week, 1):
            time.weekday = 1
            return .success(time)
        case (.week, 2):
            guard let weekday = weekdayNames[parts[0].lowercased()] else { return .failure(.badSendTime(text, kind: kind)) }
            time.weekday = weekday
            return .success(time)
        case (.month, 1):
            time.dayOfMonth = 1
            return .success(time)
        case (.month, 2):
            guard let day = Int(parts[0].replacingOccurrences(of: "日", with: "")), (1...31).contains(day) else {
                return .failure(.badSendTime(text, kind: kind))
            }
            time.dayOfMonth = day
            return .success(time)
        default:
            return .failure(.badSendTime(text, kind: kind))
        }
    }

    /// When the report of `period` is due: the first instant at or after the period's end that
    /// matches this time (a monthly day past the month's end means its last day).
    public func dueTime(of period: ReportPeriod) -> Date {
        let calendar = ReportPeriod.calendar(period.timeZone)
        var day = period.end
        // At most 62 days: a monthly day 31 looked for from the start of a 30-day month.
        for _ in 0..<62 {
            if matches(day: day, calendar) {
                let parts = calendar.dateComponents([.year, .month, .day], from: day)
                var wanted = parts
                wanted.hour = hour
                wanted.minute = minute
                // A time skipped by a DST jump resolves to the next valid instant.
                if let instant = calendar.date(from: wanted), instant >= period.end { return instant }
            }
            day = calendar.startOfDay(for: calendar.date(byAdding: .day, value: 1, to: day)!)
        }
        return period.end
    }

    private func matches(day: Date, _ calendar: Calendar) -> Bool {
        if let weekday {
            return (calendar.component(.weekday, from: day) + 5) % 7 + 1 == weekday
        }
        if let dayOfMonth {
            let today = calendar.component(.day, from: day)
            let last = calendar.range(of: .day, in: .month, for: day)?.count ?? 31
            return today == min(dayOfMonth, last)
        }
        return true
    }

    /// `mon 08:00`, `1 09:00`, `08:00`.
    public var description: String {
        let clock = String(format: "%02d:%02d", hour, minute)
        if let weekday { return "\(["mon", "tue", "wed", "thu", "fri", "sat", "sun"][(weekday - 1) % 7]) \(clock)" }
        if let dayOfMonth { return "\(dayOfMonth) \(clock)" }
        return clock
    }
}
