import Foundation
import Yams
import YuqingCore

/// Reads a rule file (`Rules/环保.yml`): a YAML list of watch, volume, spike and negative-surge rules.
struct RuleFileReader {
    /// Keys every rule may have.
    static let commonKeys = ["name", "kind", "group", "severity", "notify"]
    /// Keys of `kind: match` (the default).
    static let matchKeys = ["match", "threshold", "exclude", "negative_only", "word_boundaries"]
    /// Keys of `kind: volume`.
    static let volumeKeys = ["count", "window", "cooldown"]
    /// Keys of `kind: spike`.
    static let spikeKeys = ["factor", "window", "baseline", "min_count", "cooldown"]
    /// Keys of `kind: negative_surge`.
    static let negativeSurgeKeys = ["factor", "window", "baseline", "min_count", "min_share", "cooldown"]
    /// The kinds and their own keys.
    static let kinds: [(name: String, keys: [String])] = [
        ("match", matchKeys), ("volume", volumeKeys), ("spike", spikeKeys), ("negative_surge", negativeSurgeKeys),
    ]
    /// Spikes (and negative surges) need at least this many (negative) matches in the window
    /// unless `min_count` says otherwise.
    static let defaultMinimumSpikeCount = 5
    /// Negative surges need at least this share of negative items in the window unless `min_share` says otherwise.
    static let defaultMinimumNegativeShare = 0.5

    /// Reports problems at nodes.
    var reader: NodeReader
    /// The group of rules that name none: the file's name without extension.
    let defaultGroup: String
    private var lines: [[Unicode.Scalar]] = []
    /// Keys of the current rule that an unknown key was probably meant to be: already reported
    /// as "did you mean", so not reported again as missing.
    private var misspeltKeys: Set<String> = []

    init(file: String, path: String?, defaultGroup: String) {
        reader = NodeReader(file: file, path: path)
        self.defaultGroup = defaultGroup
    }

    /// The rules that were read without problems.
    mutating func read(_ text: String) -> [LoadedRule] {
        lines = SyntaxErrorReport.lines(of: RuleListReader.withoutBOM(text))
        let root: Node
        switch reader.compose(text) {
        case .empty, .broken: return []
        case let .node(node): root = node
        }
        guard case let .sequence(sequence) = root else {
            reader.report(
                "a rule file is a list of rules: start each rule with '- name: …' and indent its other keys under 'name'",
                at: root
            )
            return []
        }
        return sequence.enumerated().compactMap { rule($1, number: $0 + 1) }
    }

    private mutating func rule(_ item: Node, number: Int) -> LoadedRule? {
        guard case let .mapping(mapping) = item else {
            reader.report(
                "rule #\(number) must be a map of keys ('- name: …' with 'match:', 'severity:' … indented under it), "
                    + "found \(NodeReader.describe(item))",
                at: item
            )
            return nil
        }
        var owner = "in rule #\(number)"
        if let nameNode = mapping["name"], case let .scalar(scalar) = nameNode, !NodeReader.isNull(nameNode),
           !scalar.string.isEmpty
        {
            owner = "in rule '\(scalar.string)'"
        }
        let allKeys = Self.commonKeys + Self.kinds.flatMap(\.keys).reduce(into: [String]()) { keys, key in
            if !keys.contains(key) { keys.append(key) }
        }
        let fields = reader.fields(of: mapping, accepted: allKeys, owner: owner)
        misspeltKeys = Set(mapping.keys.compactMap { key -> String? in
            guard case let .scalar(scalar) = key, !allKeys.contains(scalar.string) else { return nil }
            return KeySuggestion.closest(to: scalar.string, in: allKeys)
        })
        let issuesBefore = reader.issues.count

        var kind = "match"
        if let field = fields["kind"], let text = reader.text(field, owner: owner) {
            let lowered = text.lowercased()
            if Self.kinds.contains(where: { $0.name == lowered }) {
                kind = lowered
            } else {
                var message = "unknown kind '\(text)' \(owner); use match (the default), volume, spike or negative_surge"
                if let suggestion = KeySuggestion.closest(to: text, in: Self.kinds.map(\.name)) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                reader.report(message, at: field.value)
                return nil
            }
        }
        let ownKeys = Self.kinds.first { $0.name == kind }?.keys ?? []
        for field in fields.values.sorted(by: { Self.line($0.key) < Self.line($1.key) })
        where !Self.commonKeys.contains(field.name) && !ownKeys.contains(field.name) {
            let owners = Self.kinds.filter { $0.keys.contains(field.name) }.map { "kind: \($0.name)" }
            reader.report(
                "'\(field.name)' \(owner) only applies to \(owners.joined(separator: " and ")); this rule is kind: \(kind), "
                    + "so delete '\(field.name)' or set the kind",
                at: field.key
            )
        }

        guard let nameField = fields["name"] else {
            if misspeltKeys.contains("name") { return nil }
            reader.report("missing 'name' \(owner); give every rule a unique name, e.g. 'name: 化工厂异味'", at: item)
            return nil
        }
        let name = reader.text(nameField, owner: owner)?.trimmingCharacters(in: .whitespaces)
        var group = defaultGroup
        var groupNode = nameField.value
        if let field = fields["group"], let text = reader.text(field, owner: owner) {
            group = text.trimmingCharacters(in: .whitespaces)
            groupNode = field.value
        }
        var severity = RuleSeverity.low
        if let field = fields["severity"], let text = reader.text(field, owner: owner) {
            if let value = RuleSeverity(text: text) {
                severity = value
            } else {
                reader.report(
                    "unknown severity '\(text)' \(owner); use 一般, 较大, 重大 or 特别重大 (low, medium, high, critical)",
                    at: field.value
                )
            }
        }
        let notify = fields["notify"].flatMap { textList($0, owner: owner) } ?? []
        let origin = RuleOrigin(file: reader.file, line: item.mark?.line ?? 1)

        let content: LoadedRule.Content?
        switch kind {
        case "volume":
            content = volumeRule(fields, owner: owner, at: item).map { trigger, cooldown in
                .volume(VolumeRule(
                    name: name ?? "", group: group, severity: severity, notify: notify,
                    trigger: trigger, cooldown: cooldown, origin: origin
                ))
            }
        case "spike", "negative_surge":
            content = spikeRule(fields, owner: owner, at: item, negativeSurge: kind == "negative_surge").map { trigger, cooldown in
                .volume(VolumeRule(
                    name: name ?? "", group: group, severity: severity, notify: notify,
                    trigger: trigger, cooldown: cooldown, origin: origin
                ))
            }
        default:
            content = matchRule(fields, owner: owner, at: item).map { expression, exclusions, negativeOnly, wordBoundaries in
                .watch(WatchRule(
                    name: name ?? "", group: group, severity: severity, notify: notify, expression: expression,
                    exclusions: exclusions, wordBoundaries: wordBoundaries, negativeOnly: negativeOnly, origin: origin
                ))
            }
        }
        guard let content, name != nil, reader.issues.count == issuesBefore else { return nil }
        return LoadedRule(
            content: content,
            nameLine: nameField.value.mark?.line ?? 1, nameColumn: nameField.value.mark?.column ?? 1,
            groupLine: groupNode.mark?.line ?? 1, groupColumn: groupNode.mark?.column ?? 1
        )
    }

    // MARK: Kinds

    private mutating func matchRule(
        _ fields: [String: Field],
        owner: String,
        at item: Node
    ) -> (RuleExpression, [String], Bool, Bool)? {
        var threshold: Int?
        if let field = fields["threshold"] {
            threshold = reader.integer(field, owner: owner, minimum: 1)
        }
        let exclusions = fields["exclude"].flatMap { textList($0, owner: owner) } ?? []
        let negativeOnly = fields["negative_only"].flatMap { reader.bool($0, owner: owner) } ?? false
        let wordBoundaries = fields["word_boundaries"].flatMap { reader.bool($0, owner: owner) } ?? false
        guard let field = fields["match"] else {
            if misspeltKeys.contains("match") { return nil }
            reader.report(
                "missing 'match' \(owner); write what to look for, e.g. 'match: 化工厂 AND (异味 OR 刺鼻)' "
                    + "(or 'kind: volume' / 'kind: spike' for a rule on the number of matches)",
                at: item
            )
            return nil
        }
        guard let text = reader.text(field, owner: owner) else { return nil }
        let locator = ScalarLocator(lines: lines, node: field.value)
        do {
            let result = try RuleExpressionParser.parseDetailed(text, threshold: threshold)
            if let thresholdField = fields["threshold"], threshold != nil, !result.usedThreshold {
                reader.report(
                    "'threshold' \(owner) is not used: it applies to a WEIGHT(…) written without '>= n'; "
                        + "delete it, or remove the '>= n' from the expression",
                    at: thresholdField.value
                )
            }
            let terms = result.expression.terms
            for (term, message) in RuleTermCheck.emptyTerms(terms) {
                let place = locator.location(of: term.position)
                reader.report("\(message) (in 'match' \(owner))", line: place.line, column: place.column)
            }
            if let excludeField = fields["exclude"] {
                for message in RuleTermCheck.exclusionProblems(exclusions, terms: terms) {
                    reader.report("\(message) (\(owner))", at: excludeField.value)
                }
            }
            return (result.expression, exclusions, negativeOnly, wordBoundaries)
        } catch {
            let place = locator.location(of: error.position)
            let message = error.message { position in
                let located = locator.location(of: position)
                return "\(located.line):\(located.column)"
            }
            reader.report("\(message) (in 'match' \(owner))", line: place.line, column: place.column)
            return nil
        }
    }

    private mutating func volumeRule(
        _ fields: [String: Field],
        owner: String,
        at item: Node
    ) -> (VolumeRule.Trigger, Duration?)? {
        let count = required("count", fields, owner: owner, at: item, example: "count: 20") {
            $0.integer($1, owner: owner, minimum: 1)
        }
        let window = required("window", fields, owner: owner, at: item, example: "window: 1h") {
            $0.duration($1, owner: owner)
        }
        let cooldown = fields["cooldown"].flatMap { reader.duration($0, owner: owner) }
        guard let count, let window else { return nil }
        return (.count(count, window: window), cooldown)
    }

    /// A spike rule, or with `negativeSurge` a negative-surge rule (the same keys and `min_share`).
    private mutating func spikeRule(
        _ fields: [String: Field],
        owner: String,
        at item: Node,
        negativeSurge: Bool = false
    ) -> (VolumeRule.Trigger, Duration?)? {
        let usual = negativeSurge ? "the usual share of negative items" : "the usual rate"
        let factor = required("factor", fields, owner: owner, at: item, example: "factor: \(negativeSurge ? 2 : 3)") {
            reader, field -> Double? in
            guard let text = reader.text(field, owner: owner) else { return nil }
            guard let value = Double(text), value.isFinite, value > 1 else {
                reader.report(
                    "'factor' \(owner) must be a number larger than 1 (how many times \(usual)), found '\(text)'",
                    at: field.value
                )
                return nil
            }
            return value
        }
        let minimumShare = fields["min_share"].flatMap { field -> Double? in
            guard let text = reader.text(field, owner: owner) else { return nil }
            let percent = text.hasSuffix("%")
            guard let number = Double(percent ? String(text.dropLast()) : text), number.isFinite else {
                reader.report("'min_share' \(owner) must be a share such as 0.5 or 50%, found '\(text)'", at: field.value)
                return nil
            }
            let value = percent ? number / 100 : number
            guard value > 0, value <= 1 else {
                reader.report("'min_share' \(owner) must be more than 0 and at most 1 (or 100%), found '\(text)'", at: field.value)
                return nil
            }
            return value
        }
        let window = required("window", fields, owner: owner, at: item, example: "window: 1h") {
            $0.duration($1, owner: owner)
        }
        let baseline = required("baseline", fields, owner: owner, at: item, example: "baseline: 7d") {
            $0.duration($1, owner: owner)
        }
        let minimum = fields["min_count"].flatMap { reader.integer($0, owner: owner, minimum: 1) }
        let cooldown = fields["cooldown"].flatMap { reader.duration($0, owner: owner) }
        guard let factor, let window, let baseline else { return nil }
        guard baseline >= window * 2 else {
            reader.report(
                "'baseline' \(owner) (\(DurationText.format(baseline))) must be at least twice the window "
                    + "(\(DurationText.format(window))): the usual rate is measured over several windows, e.g. baseline: 7d",
                at: fields["baseline"]?.value ?? item
            )
            return nil
        }
        if negativeSurge {
            if fields["min_share"] != nil, minimumShare == nil { return nil }
            return (
                .negativeShare(factor: factor, window: window, baseline: baseline,
                               minimumCount: minimum ?? Self.defaultMinimumSpikeCount,
                               minimumShare: minimumShare ?? Self.defaultMinimumNegativeShare),
                cooldown
            )
        }
        return (
            .spike(factor: factor, window: window, baseline: baseline, minimumCount: minimum ?? Self.defaultMinimumSpikeCount),
            cooldown
        )
    }

    // MARK: Values

    /// Reads a required key, reporting its absence with an example.
    private mutating func required<Value>(
        _ key: String,
        _ fields: [String: Field],
        owner: String,
        at item: Node,
        example: String,
        _ read: (inout NodeReader, Field) -> Value?
    ) -> Value? {
        guard let field = fields[key] else {
            if misspeltKeys.contains(key) { return nil }
            reader.report("missing '\(key)' \(owner); add it, e.g. '\(example)'", at: item)
            return nil
        }
        return read(&reader, field)
    }

    /// A list (`[a, b]`, one `- item` a line) or one text, split at commas (`环保组, 值班室`).
    private mutating func textList(_ field: Field, owner: String) -> [String]? {
        if case .scalar = field.value {
            guard let text = reader.text(field, owner: owner) else { return nil }
            return RuleListReader.list(text)
        }
        guard let values = reader.textList(field, owner: owner) else { return nil }
        return values.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func line(_ node: Node) -> (Int, Int) {
        (node.mark?.line ?? 0, node.mark?.column ?? 0)
    }
}
