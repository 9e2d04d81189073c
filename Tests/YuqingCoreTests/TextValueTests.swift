import Foundation
import Testing
import YuqingCore

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("30s", 30), ("10m", 600), ("2h", 7_200), ("1d", 86_400), ("1h30m", 5_400), ("1w", 604_800), (" 5m ", 300),
    ] as [(String, Int64)])
    func parsesAcceptedForms(text: String, seconds: Int64) {
        #expect(DurationText.parse(text) == .seconds(seconds))
    }

    @Test(arguments: ["5x", "10", "", "m", "0m", "ten minutes", "1.5h", "-5m", "5m30", "99999999999999999999d"])
    func rejectsEverythingElse(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func formatsTheWayItParses() {
        #expect(DurationText.format(.seconds(5_400)) == "1h30m")
        #expect(DurationText.format(.seconds(45)) == "45s")
        #expect(DurationText.parse(DurationText.format(.seconds(93_784))) == .seconds(93_784))
    }
}

@Suite struct URLNormalizerTests {
    @Test(arguments: [
        ("HTTP://News.Example.COM:80/a/b.html#comments", "http://news.example.com/a/b.html"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com/x?utm_source=wx&id=5&utm_medium=share", "https://example.com/x?id=5"),
        ("https://example.com/x?b=2&a=1", "https://example.com/x?b=2&a=1"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("https://example.com/x?spm=a.b.c", "https://example.com/x"),
        ("https://example.com/新闻/1.html", "https://example.com/%E6%96%B0%E9%97%BB/1.html"),
    ])
    func normalizes(raw: String, expected: String) {
        #expect(URLNormalizer.normalize(URL(string: raw)!) == expected)
    }
}

@Suite struct ItemIdentityTests {
    @Test func guidWinsOverLink() {
        let a = FeedEntry(title: "甲", link: URL(string: "https://a.example/1"), guid: "abc")
        let b = FeedEntry(title: "乙", link: URL(string: "https://a.example/2"), guid: "abc")
        #expect(ItemIdentity.key(for: a) == ItemIdentity.key(for: b))
    }

    @Test func linksThatDifferOnlyInTrackingAndCaseAreOneItem() {
        let a = FeedEntry(title: "x", link: URL(string: "https://NEWS.example.cn/a.html?utm_source=weibo"))
        let b = FeedEntry(title: "y", link: URL(string: "https://news.example.cn/a.html#top"))
        #expect(ItemIdentity.key(for: a) == ItemIdentity.key(for: b))
    }

    @Test func titleIsTheLastResortAndFoldsWhitespace() {
        let a = FeedEntry(title: "江临市  召开\n会议")
        let b = FeedEntry(title: "江临市 召开 会议")
        let c = FeedEntry(title: "江临市 召开 另一个会议")
        #expect(ItemIdentity.key(for: a) == ItemIdentity.key(for: b))
        #expect(ItemIdentity.key(for: a) != ItemIdentity.key(for: c))
    }

    @Test func anUntitledEntryIsKnownByItsTextAndAnEmptyOneIsNotIdentifiable() {
        let a = FeedEntry(title: "", summary: "网传 江临大桥 裂缝")
        let b = FeedEntry(title: " ", summary: "网传 江临大桥\n裂缝")
        #expect(ItemIdentity.key(for: a) == ItemIdentity.key(for: b))
        #expect(ItemIdentity.isIdentifiable(a))
        #expect(!ItemIdentity.isIdentifiable(FeedEntry(title: "  ", summary: "")))
    }

    @Test func aBlankGuidIsIgnored() {
        let entry = FeedEntry(title: "t", link: URL(string: "https://a.example/1"), guid: "  ")
        #expect(ItemIdentity.key(for: entry).hasPrefix("url:"))
    }
}

@Suite struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 784_111_777) // Sun, 06 Nov 1994 08:49:37 GMT

    @Test func readsSeconds() {
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == .seconds(0))
    }

    @Test func readsAnHTTPDate() {
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:51:37 GMT", now: now) == .seconds(120))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == .seconds(0))
    }

    @Test(arguments: ["soon", "-5", "", "Sun, 06 Nov 1994 08:51:37 PST", "06 Nov 1994"])
    func rejectsTheRest(value: String) {
        #expect(RetryAfter.parse(value, now: now) == nil)
    }
}
