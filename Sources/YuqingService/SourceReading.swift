import Foundation
import YuqingCore

/// What a source reader made of a fetched first page: the entries to save, and whether
/// every follow-up page it needed (list pages, article pages, thread pages) was read.
struct SourceReading: Sendable {
    /// The entries to save, in list order.
    var entries: [FeedEntry]
    /// False when a follow-up page failed in a way the next poll should retry. The crawler
    /// then keeps no `ETag` / `Last-Modified` from this poll, so the next one is not answered
    /// 304 and reads the first page, and what it leads to, again.
    var complete: Bool = true
}
