import Foundation
import Yams
import YuqingCore

/// The `alerts:` block of `yuqing.yml`: grouping, quiet hours, retries, default recipients.
extension SettingsReader {
    static let alertKeys = [
        "cooldown", "update_after", "realert", "quiet_hours", "quiet_hold_below",
        "retry_base", "retry_max", "give_up_after", "default_recipients",
    ]

    mutating func readAlerts(_ fields: [String: Field]) -> AlertSettings {
        var alerts = AlertSettings()
        let owner = "in 'alerts'"
        if let field = fields["cooldown"], let value = reader.durationOrZero(field, owner: owner) {
            alerts.cooldown = value
        }
        if let field = fields["update_after"], let value = reader.integer(field, owner: owner, minimum: 1) {
            alerts.updateAfter = value
        }
        if let field = fields["realert"], let text = reader.text(field, owner: owner) {
            if let value = AlertSettings.Realert(rawValue: text.lowercased()) {
                alerts.realert = value
            } else {
                reader.report("bad realert '\(text)' \(owner): write updates (one update per cooldown as a story "
                              + "spreads) or never (one alert per story)", at: field.value)
            }
        }
        if let field = fields["quiet_hours"], let text = reader.text(field, owner: owner) {
            if ["off", "none", "false", "no"].contains(text.lowercased()) {
                alerts.quietHours = nil
            } else if let value = QuietHours(text: text) {
                alerts.quietHours = value
            } else {
                reader.report("bad quiet_hours '\(text)' \(owner): write a local-time window such as 22:00-07:00 "
                              + "(24-hour clock, start and end differ), or off", at: field.value)
            }
        }
        if let field = fields["quiet_hold_below"], let text = reader.text(field, owner: owner) {
            if let value = RuleSeverity(text: text) {
                alerts.quietHoldBelow = value
            } else {
                reader.report("unknown severity '\(text)' for quiet_hold_below \(owner); write one of "
                              + RuleSeverity.acceptedSpellings.joined(separator: ", "), at: field.value)
            }
        }
        if let field = fields["retry_base"], let value = reader.duration(field, owner: owner) {
            alerts.retryBase = value
        }
        if let field = fields["retry_max"], let value = reader.duration(field, owner: owner) {
            alerts.retryMax = value
        }
        if let field = fields["give_up_after"], let value = reader.duration(field, owner: owner) {
            alerts.giveUpAfter = value
        }
        if let field = fields["default_recipients"], let value = reader.textList(field, owner: owner) {
            alerts.defaultRecipients = value
        }
        if alerts.retryMax < alerts.retryBase, let field = fields["retry_max"] ?? fields["retry_base"] {
            reader.report("retry_max \(DurationText.format(alerts.retryMax)) \(owner) is shorter than retry_base "
                          + "\(DurationText.format(alerts.retryBase)); raise retry_max or lower retry_base", at: field.value)
        }
        return alerts
    }
}
