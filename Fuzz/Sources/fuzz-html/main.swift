import Foundation
import FuzzSupport
import YuqingCore
import YuqingExtract

// Any bytes a server sends as a page, through every HTML reader the crawler uses.
let url = URL(string: "http://127.0.0.1/news/list.html")!
let article = ArticleExtractor()
let thread = try! ForumThreadExtractor()
let forumList = try! ForumListExtractor(selectors: .discuz)
let list = try! ListPageExtractor(selectors: ListSelectors(
    item: "ul.list li", link: "a", title: "a", date: "span.date", nextPage: "a.next", maxPages: 3))
runFuzzer { data in
    _ = try? article.extract(data, url: url)
    _ = try? thread.extract(data, url: url)
    _ = try? forumList.extract(data, url: url)
    _ = try? list.extract(data, url: url)
}
