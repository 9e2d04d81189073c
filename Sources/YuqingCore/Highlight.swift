import Foundation

/// Where a rule's term occurs in an item, in a form that survives storage: UTF-16
/// offsets into the field's original text (what HTML renderers and `NSRange` use).
public struct Highlight: Sendable, Hashable, Codable {
    /// The term as written in the rule.
    public var term: String
    /// The field it is in.
    public var field: ItemField
    /// The original text at the spot (may differ from the term: 環境汙染 for 环境污染).
    public var text: String
    /// Start, in UTF-16 code units from the start of the field.
    public var offset: Int
    /// Length in UTF-16 code units.
    public var length: Int

    /// Creates a highlight.
    public init(term: String, field: ItemField, text: String, offset: Int, length: Int) {
        self.term = term
        self.field = field
        self.text = text
        self.offset = offset
        self.length = length
    }

    /// The stored form of `matched`, whose range lies in `fieldText`.
    public init(_ matched: MatchedTerm, in fieldText: String) {
        let utf16 = fieldText.utf16
        let start = utf16.distance(from: utf16.startIndex, to: matched.range.lowerBound)
        let length = utf16.distance(from: matched.range.lowerBound, to: matched.range.upperBound)
        self.init(term: matched.term, field: matched.field, text: matched.text, offset: start, length: length)
    }

    /// The UTF-16 ranges of `field`'s highlights that fit a text of `length` units, in order,
    /// overlapping and touching ones merged (so a mark is never opened inside another).
    public static func mergedSpans(_ highlights: [Highlight], field: ItemField, within length: Int) -> [Range<Int>] {
        let spans = highlights.filter { $0.field == field && $0.offset >= 0 && $0.offset + $0.length <= length }
            .map { $0.offset ..< $0.offset + $0.length }
            .sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for span in spans {
            if let last = merged.last, span.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound ..< max(last.upperBound, span.upperBound)
            } else {
                merged.append(span)
            }
        }
        return merged
    }

    /// `text` with every highlight of `field` wrapped in `open` and `close` (【…】 by default);
    /// overlapping highlights are merged, and highlights that no longer fit the text are ignored.
    public static func mark(_ text: String, with highlights: [Highlight], field: ItemField,
                            open: String = "【", close: String = "】") -> String {
        let utf16 = Array(text.utf16)
        let spans = mergedSpans(highlights, field: field, within: utf16.count)
        var result = ""
        var position = 0
        for span in spans {
            result += String(decoding: utf16[position ..< span.lowerBound], as: UTF16.self)
            result += open + String(decoding: utf16[span], as: UTF16.self) + close
            position = span.upperBound
        }
        result += String(decoding: utf16[position...], as: UTF16.self)
        return result
    }
}

/// A rule match as the store keeps it.
public struct RecordedMatch: Sendable, Hashable {
    /// The matched item's row id.
    public var itemID: Int64
    /// The rule's name.
    public var ruleName: String
    /// The rule's group.
    public var group: String
    /// The rule's severity when it matched.
    public var severity: RuleSeverity
    /// Score for weighted rules.
    public var score: Int?
    /// Where the rule's terms are in the item.
    public var highlights: [Highlight]
    /// Version of the rule set that matched (a hash of the rule files).
    public var ruleSetVersion: String
    /// When the match was first recorded.
    public var matchedAt: Date
    /// Whether this recording was the first for this item and rule (false when an updated
    /// item matched the same rule again).
    public var isNew: Bool

    /// Creates a recorded match.
    public init(itemID: Int64, ruleName: String, group: String, severity: RuleSeverity, score: Int?,
                highlights: [Highlight], ruleSetVersion: String, matchedAt: Date, isNew: Bool) {
        self.itemID = itemID
        self.ruleName = ruleName
        self.group = group
        self.severity = severity
        self.score = score
        self.highlights = highlights
        self.ruleSetVersion = ruleSetVersion
        self.matchedAt = matchedAt
        self.isNew = isNew
    }
}
