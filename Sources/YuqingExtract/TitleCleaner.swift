import Foundation

/// Removes the site and column names that `<title>` (and often `og:title`) append to a
/// headline: `市政府召开常务会议_政务动态_江临市人民政府` → `市政府召开常务会议`,
/// `暴雨预警升级 - 新华网` → `暴雨预警升级`.
enum TitleCleaner {
    /// Separators CMSs put between headline, column and site name.
    private static let separators = ["_", " - ", " | ", "|", " – ", " — ", "——", "－", "｜", " :: ", " » "]

    /// The headline in `title`: the longest of the segments between separators (site and
    /// column names are short; the headline is almost always the longest part), the first
    /// one on a tie. A title without separators is returned unchanged.
    static func clean(_ title: String) -> String {
        var segments = [PlainText.singleLine(title)]
        for separator in separators {
            segments = segments.flatMap { $0.components(separatedBy: separator) }
        }
        let parts = segments.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard parts.count > 1 else { return PlainText.singleLine(title) }
        var best = parts[0]
        for part in parts.dropFirst() where part.count > best.count { best = part }
        return best
    }
}
