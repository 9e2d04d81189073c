import Foundation
import Testing
import YuqingCore
import YuqingExtract

/// Feed text keeps its words and paragraphs whatever whitespace a site's editor leaves in it:
/// ideographic and no-break spaces, tabs, blank lines, Unicode line separators.
@Suite struct WhitespaceTests {
    /// The rule as first written on `Character`s: kept here as the reference the faster
    /// scalar walk must agree with.
    static func referenceParagraphs(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    static func referenceSingleLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Pieces a real feed mixes; no `<` or `&` (plain text) and no characters XML forbids.
    static let pieces = ["江临", "化工厂", "a", "Bc", "，", "。", "1", " ", "  ", "\u{3000}", "\u{A0}", "\t", "\n", "\n\n",
                         "\u{2028}", "\u{2003}", "\u{202F}", "\u{85}", "é", "e\u{301}", "\u{301}", "\u{200D}", "\u{FE0F}", "\u{0903}"]

    @Test func randomWhitespaceCollapsesLikeTheCharacterRule() throws {
        var generator = SplitMix64(seed: 20261123)
        for round in 0 ..< 400 {
            let title = (0 ..< Int(generator.next() % 12)).map { _ in Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }.joined()
            let body = (0 ..< Int(generator.next() % 40)).map { _ in Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }.joined()
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>t</title><link>http://127.0.0.1/</link>
                <item><title><![CDATA[x\(title)]]></title><link>http://127.0.0.1/\(round)</link>
                <description><![CDATA[y\(body)]]></description></item></channel></rss>
                """
            let feed = try FeedParser().parse(Data(xml.utf8), url: URL(string: "http://127.0.0.1/feed.xml")!)
            let entry = try #require(feed.entries.first)
            #expect(entry.title == Self.referenceSingleLine("x" + title), "round \(round): \(title.debugDescription)")
            #expect(entry.summary == Self.referenceParagraphs("y" + body), "round \(round): \(body.debugDescription)")
        }
    }
}
