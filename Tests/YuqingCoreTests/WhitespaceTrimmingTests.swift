import Foundation
import Testing
import YuqingCore

/// GUIDs, links and header values are trimmed exactly as Foundation trims them: an item's
/// identity must not change because the trimming got faster.
@Suite struct WhitespaceTrimmingTests {
    @Test func trimsTheScalarsFoundationTrims() {
        for value in UInt32(0) ... 0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let trimmed = String(scalar).trimmingWhitespaceAndNewlines().isEmpty
            if trimmed != CharacterSet.whitespacesAndNewlines.contains(scalar) {
                Issue.record("U+\(String(value, radix: 16, uppercase: true)): trimmed \(trimmed), Foundation disagrees")
            }
        }
    }

    @Test func randomTextTrimsLikeFoundation() {
        let pieces = ["江临", "a", " ", "\u{3000}", "\u{A0}", "\t", "\r\n", "\u{2028}", "\u{200B}", "e\u{301}", "\u{301}", "\u{1F600}"]
        var generator = SplitMix64(seed: 20261123)
        for _ in 0 ..< 2_000 {
            let text = (0 ..< Int(generator.next() % 10)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines),
                    "\(text.debugDescription)")
            let substring = Substring(("x" + text).unicodeScalars.dropFirst())
            #expect(substring.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
