import Foundation
import FuzzSupport
import YuqingExtract

// Any bytes a server sends as a feed: the parser may reject them, never crash or hang.
let parser = FeedParser()
let url = URL(string: "http://127.0.0.1/feed.xml")!
runFuzzer { data in
    _ = try? parser.parse(data, url: url)
    _ = try? parser.parse(data, url: url, httpCharset: "gbk")
}
