import Foundation
import YuqingCore

/// Reads the line under a headline that Chinese news and government pages print instead of
/// metadata: `发布时间：2026-11-20 08:15  来源：市政府办公室  作者：张三  浏览次数：`,
/// `来源：江临日报 2026年11月20日`, `2026-11-20 08:15:30　来源：新华网`.
struct Byline {
    /// The publication time, when a line has one.
    var published: Date?
    /// The text after 作者：, when present.
    var author: String?
    /// The text after 来源：(or 稿源：/ 信息来源：/ 发布机构：), when present.
    var source: String?

    /// Labels that introduce a field; a value ends at whitespace or at the next label.
    private static let sourceLabels = ["信息来源", "稿件来源", "来源", "稿源", "发布机构", "发文机关"]
    private static let authorLabels = ["作者", "撰稿"]
    private static let dateLabels = ["发布时间", "发布日期", "发表时间", "成文日期", "更新时间", "时间", "日期"]
    /// English labels before a publication date (`Published: November 20, 2026`); only used to find the date.
    private static let englishDateLabels = ["Published", "Posted", "PUBLISHED"]
    private static let stopWords = sourceLabels + authorLabels + dateLabels + ["编辑", "责任编辑", "浏览", "点击", "阅读", "字号", "字体", "打印", "分享"]

    /// Scans `lines` (a page's text, one block a line) for byline fields.
    ///
    /// - Parameters:
    ///   - titleIndices: the lines holding the headline, when found: lines just after each are
    ///     read first, and an unlabelled date counts only there (within six lines).
    init(lines: [String], titleIndices: [Int], timeZone: TimeZone) {
        let windows = titleIndices.map { start in Array(lines[min(start, lines.count)..<min(start + 7, lines.count)]) }
        let near = windows.first ?? Array(lines.prefix(7))
        // Short lines only: a byline is never a paragraph of prose. Under the first headline,
        // then the top of the page, then under the later copies.
        let candidates = (near + lines.prefix(80) + windows.dropFirst().flatMap { $0 }).filter { $0.count <= 160 }

        for line in candidates {
            if source == nil { source = Self.value(after: Self.sourceLabels, in: line) }
            if author == nil { author = Self.value(after: Self.authorLabels, in: line, requireColon: true) }
            if published == nil, Self.dateLabels.contains(where: { line.contains($0) }) || Self.sourceLabels.contains(where: { line.contains($0) })
                || Self.englishDateLabels.contains(where: { line.contains($0) }) {
                published = DateInText.find(in: line, defaultTimeZone: timeZone)
            }
        }
        for window in windows where published == nil {
            for line in window.dropFirst() where line.count <= 80 {
                if let date = DateInText.find(in: line, defaultTimeZone: timeZone) { published = date; break }
            }
        }
    }

    /// The value after `label：` in `line`: up to whitespace, a separator or the next label,
    /// with a trailing date cut off (`江临日报2026-11-20` → `江临日报`).
    static func value(after labels: [String], in line: String, requireColon: Bool = true) -> String? {
        for label in labels {
            var search = line.startIndex..<line.endIndex
            while let range = line.range(of: label, range: search) {
                search = range.upperBound..<line.endIndex
                var rest = line[range.upperBound...]
                guard let colon = rest.first, colon == "：" || colon == ":" else {
                    if requireColon { continue }
                    break
                }
                rest = rest.dropFirst().drop { $0.isWhitespace }
                var value = String(rest.prefix { !$0.isWhitespace && !"|丨｜/【】[]()（）,，;；".contains($0) })
                for stop in stopWords {
                    if let r = value.range(of: stop), r.lowerBound > value.startIndex { value = String(value[..<r.lowerBound]) }
                }
                value = cutTrailingDate(value)
                if !value.isEmpty { return value }
            }
        }
        return nil
    }

    /// Cuts a value at the first four-digit year that starts a date.
    private static func cutTrailingDate(_ value: String) -> String {
        let chars = Array(value)
        var i = 0
        while i + 4 < chars.count {
            if chars[i...(i + 3)].allSatisfy(\.isASCII) && chars[i...(i + 3)].allSatisfy(\.isNumber),
               "-/.年".contains(chars[i + 4]), i == 0 || !chars[i - 1].isNumber {
                return String(chars[..<i])
            }
            i += 1
        }
        return value
    }
}
