import Foundation

/// Parses and formats the human durations used in config files: `30s`, `10m`, `2h`, `1d`, `1h30m`.
public enum DurationText {
    /// Parses a duration such as `90s`, `10m`, `1h30m` or `7d`; returns nil for anything else
    /// (a bare number, an unknown unit such as `5x`, a zero or negative value).
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        var total: Int64 = 0
        var digits = ""
        var sawUnit = false
        for character in trimmed {
            if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(Character(String(digit)))
                continue
            }
            guard let value = Int64(digits), let unit = unitSeconds(character) else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: unit)
            guard !overflow else { return nil }
            total += product
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit, total > 0 else { return nil }
        return .seconds(total)
    }

    /// Formats a duration the way `parse` reads it, using the largest exact units (`1h30m`).
    public static func format(_ duration: Duration) -> String {
        var seconds = duration.components.seconds
        guard seconds > 0 else { return "0s" }
        var text = ""
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where seconds >= size {
            text += "\(seconds / size)\(unit)"
            seconds %= size
        }
        return text
    }

    private static func unitSeconds(_ character: Character) -> Int64? {
        switch character {
        case "s": 1
        case "m": 60
        case "h": 3_600
        case "d": 86_400
        case "w": 604_800
        default: nil
        }
    }
}
