import Foundation
import Testing
import YuqingCore

@Suite struct BodyDigestTests {
    /// Everything the feed reader depends on is in the digest: an unchanged body read any other
    /// way must be read again.
    @Test func changesWithWhatTheReaderUses() {
        let body = Data("<rss><channel><item><title>江临市通报</title></item></channel></rss>".utf8)
        let url = URL(string: "http://127.0.0.1:8080/feed.xml")!
        let digest = BodyDigest.of(body: body, url: url, declaredCharset: nil, encodingOverride: nil)
        #expect(digest == BodyDigest.of(body: body, url: url, declaredCharset: nil, encodingOverride: nil))
        #expect(digest.count == 16)
        var edited = body
        edited[edited.count - 20] ^= 1
        #expect(digest != BodyDigest.of(body: edited, url: url, declaredCharset: nil, encodingOverride: nil))
        #expect(digest != BodyDigest.of(body: body, url: URL(string: "http://127.0.0.1:8080/rss")!,
                                        declaredCharset: nil, encodingOverride: nil), "relative links resolve elsewhere")
        #expect(digest != BodyDigest.of(body: body, url: url, declaredCharset: "gbk", encodingOverride: nil))
        #expect(digest != BodyDigest.of(body: body, url: url, declaredCharset: nil, encodingOverride: "gb18030"))
        // The parts are kept apart: a charset is not an override.
        #expect(BodyDigest.of(body: body, url: url, declaredCharset: "gbk", encodingOverride: nil)
            != BodyDigest.of(body: body, url: url, declaredCharset: nil, encodingOverride: "gbk"))
    }
}
