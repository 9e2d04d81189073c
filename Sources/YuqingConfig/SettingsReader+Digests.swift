import Foundation
import Yams
import YuqingCore

/// The `report:` and `digests:` blocks of `yuqing.yml`.
///
/// ```yaml
/// report:
///   title: 江临市委网信办
///   logo: https://www.example.gov.cn/logo.png
///   language: zh-CN            # zh-CN | en
///   templates: templates       # directory of digest.html.mustache / digest.txt.mustache
///   archive: /var/lib/yuqing/reports
/// digests:
///   - name: 周报
///     period: week             # day | week | month
///     at: "周一 08:00"
///     to: [宣传部, 值班室]
///     groups: [安全生产]
///     regions: [江临市]
///     language: en
/// ```
extension SettingsReader {
    static let reportKeys = ["title", "logo", "language", "templates", "archive"]
    static let digestKeys = ["name", "period", "at", "to", "groups", "regions", "language"]

    mutating func readReport(_ field: Field) -> ReportSettings {
        var report = ReportSettings()
        guard case let .mapping(mapping) = field.value else {
            reader.report("expected a map for 'report', found \(NodeReader.describe(field.value)); "
                + "indent its keys (\(Self.reportKeys.joined(separator: ", "))) under 'report:'", at: field.value)
            return report
        }
        let owner = "in 'report'"
        let fields = reader.fields(of: mapping, accepted: Self.reportKeys, owner: owner)
        if let field = fields["title"], let title = reader.text(field, owner: owner) {
            report.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let field = fields["logo"], let logo = reader.text(field, owner: owner) {
            if logo.lowercased().hasPrefix("https://") || logo.lowercased().hasPrefix("http://"), URL(string: logo) != nil {
                report.logoURL = logo
            } else {
                reader.report("'logo' \(owner) must be an http(s) URL of an image that mail clients can load, found '\(logo)'", at: field.value)
            }
        }
        if let field = fields["language"], let language = readLanguage(field, owner: owner) {
            report.language = language
        }
        if let field = fields["templates"], let path = reader.text(field, owner: owner) {
            report.templateDirectory = resolve(path)
        }
        if let field = fields["archive"], let path = reader.text(field, owner: owner) {
            report.archiveDirectory = resolve(path)
        }
        return report
    }

    mutating func readDigests(_ field: Field) -> [DigestSchedule] {
        guard case let .sequence(sequence) = field.value else {
            reader.report("expected a list for 'digests', found \(NodeReader.describe(field.value)); "
                + "write one '- name: …' entry a digest", at: field.value)
            return []
        }
        var schedules: [DigestSchedule] = []
        var names: Set<String> = []
        for (index, node) in sequence.enumerated() {
            let owner = "in digests[\(index + 1)]"
            guard case let .mapping(mapping) = node else {
                reader.report("expected a map \(owner) (name:, period:, at:, to:), found \(NodeReader.describe(node))", at: node)
                continue
            }
            let fields = reader.fields(of: mapping, accepted: Self.digestKeys, owner: owner)
            guard let nameField = fields["name"] else {
                reader.report("\(owner): 'name' is required (the ledger and the mail's Message-ID are keyed by it); add e.g. 'name: 周报'", at: node)
                continue
            }
            guard let name = reader.text(nameField, owner: owner) else { continue }
            guard names.insert(name).inserted else {
                reader.report("digest name '\(name)' is used twice; each digest needs its own name", at: nameField.value)
                continue
            }
            guard let periodField = fields["period"] else {
                reader.report("digest '\(name)': 'period' is required: day, week or month; add e.g. 'period: week'", at: nameField.key)
                continue
            }
            guard let periodText = reader.text(periodField, owner: owner) else { continue }
            let aliases: [String: ReportPeriod.Kind] = [
                "day": .day, "daily": .day, "日报": .day, "week": .week, "weekly": .week, "周报": .week,
                "month": .month, "monthly": .month, "月报": .month,
            ]
            guard let kind = aliases[periodText.lowercased()] else {
                var message = "digest '\(name)': unknown period '\(periodText)'; use day, week or month"
                if let suggestion = KeySuggestion.closest(to: periodText.lowercased(), in: ["day", "week", "month"]) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                reader.report(message, at: periodField.value)
                continue
            }
            var schedule = DigestSchedule(name: name, period: kind)
            if let field = fields["at"], let text = reader.text(field, owner: owner) {
                switch DigestSendTime.parse(text, for: kind) {
                case let .success(time): schedule.at = time
                case let .failure(error): reader.report("digest '\(name)': \(error)", at: field.value)
                }
            }
            if let field = fields["to"] {
                if case .scalar = field.value, let one = reader.text(field, owner: owner) {
                    // `to: 宣传部, 值班室` names two, as a rule's notify: does.
                    schedule.recipients = RuleListReader.list(one)
                    for name in schedule.recipients { schedule.recipientOrigins[name] = origin(of: field.value) }
                } else if let list = reader.textList(field, owner: owner) {
                    schedule.recipients = list
                    if case let .sequence(items) = field.value {
                        for item in items {
                            guard case let .scalar(scalar) = item, schedule.recipientOrigins[scalar.string] == nil else { continue }
                            schedule.recipientOrigins[scalar.string] = origin(of: item)
                        }
                    }
                }
            }
            if let field = fields["groups"], let list = reader.textList(field, owner: owner) { schedule.groups = list }
            if let field = fields["regions"], let list = reader.textList(field, owner: owner) { schedule.regions = list }
            if let field = fields["language"], let language = readLanguage(field, owner: owner) { schedule.language = language }
            schedules.append(schedule)
        }
        return schedules
    }

    /// The file and line of `node`, for checks made after loading (`yuqing check`).
    private func origin(of node: Node) -> RuleOrigin {
        RuleOrigin(file: reader.file, line: node.mark?.line ?? 1)
    }

    private mutating func readLanguage(_ field: Field, owner: String) -> ReportLanguage? {
        guard let text = reader.text(field, owner: owner) else { return nil }
        switch text.lowercased() {
        case "zh-cn", "zh", "zh_cn", "zh-hans": return .zhCN
        case "en", "en-us", "en-gb", "english": return .en
        default:
            reader.report("unknown language '\(text)' \(owner); use zh-CN or en", at: field.value)
            return nil
        }
    }
}
