import Foundation

/// A daily window of local time (`22:00-07:00`), possibly across midnight, in which
/// low-severity alerts are held (夜间免打扰).
public struct QuietHours: Sendable, Hashable, CustomStringConvertible {
    /// Start, in minutes after local midnight.
    public var start: Int
    /// End (exclusive), in minutes after local midnight.
    public var end: Int

    /// Creates a window from minutes after midnight; `start == end` is an empty window.
    public init(start: Int, end: Int) {
        self.start = ((start % 1_440) + 1_440) % 1_440
        self.end = ((end % 1_440) + 1_440) % 1_440
    }

    /// Reads `22:00-07:00` (also with `–`, `~` or `到`); nil for anything else.
    public init?(text: String) {
        let separators: Set<Character> = ["-", "–", "~", "～", "到"]
        let parts = text.split(whereSeparator: { separators.contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), start != end
        else { return nil }
        self.init(start: start, end: end)
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0 ... 23).contains(hour), (0 ... 59).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    /// `22:00-07:00`.
    public var description: String {
        String(format: "%02d:%02d-%02d:%02d", start / 60, start % 60, end / 60, end % 60)
    }

    /// Whether `date` falls in the window, read in `timeZone`.
    public func contains(_ date: Date, timeZone: TimeZone) -> Bool {
        let minute = Self.minuteOfDay(date, timeZone: timeZone)
        return start < end ? (start ..< end).contains(minute) : (minute >= start || minute < end)
    }

    /// The first end of the window after `date` (the morning a held alert goes out).
    public func nextEnd(after date: Date, timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(hour: end / 60, minute: end % 60, second: 0)
        return calendar.nextDate(after: date, matching: components, matchingPolicy: .nextTime) ?? date
    }

    private static func minuteOfDay(_ date: Date, timeZone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return (c.hour ?? 0) * 60 + (c.minute ?? 0)
    }
}
