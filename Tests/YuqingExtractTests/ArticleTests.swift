import Foundation
import Testing
import YuqingCore
import YuqingExtract

@Suite("Article text")
struct ArticleTests {
    let extractor = ArticleExtractor()

    @Test("government page (TRS): metas, main text, no navigation, related news, share bar or footer")
    func trsPage() throws {
        let url = URL(string: "http://www.jiangling.gov.cn/zwgk/zwdt/202611/t20261120_3456789.html")!
        let article = try extractor.extract(Fixture.data("article-trs.html"), url: url)
        #expect(article.title == "市政府召开常务会议 研究部署冬季安全生产工作")
        #expect(article.published == utc(2026, 11, 20, 0, 15))
        #expect(article.source == "市政府办公室")
        #expect(article.author == "李明")
        #expect(article.text.hasPrefix("11月19日，市长张建国主持召开市政府第42次常务会议"))
        #expect(article.text.hasSuffix("会议还研究了其他事项。"))
        #expect(article.text.split(separator: "\n").count == 4)
        for noise in ["首页", "当前位置", "相关新闻", "消防安全大检查", "分享到", "打印本页", "主办", "ICP", "字体"] {
            #expect(!article.text.contains(noise), "\(noise) leaked into the text")
        }
    }

    @Test("news page: og:title without the site suffix, published_time, comments and sidebar left out")
    func newsPage() throws {
        let url = URL(string: "https://www.jlrb.example.cn/city/2026/11/20/a3.html")!
        let article = try extractor.extract(Fixture.data("article-news.html"), url: url)
        #expect(article.title == "滨江区回应小区停水投诉：管网抢修已完成")
        #expect(article.published == utc(2026, 11, 20, 1, 30))
        #expect(article.author == "张三")
        #expect(article.source == "江临日报")
        #expect(article.text.hasPrefix("近日，有网民在本地论坛发帖反映，滨江区滨江小区自11月17日起连续停水三天"))
        #expect(article.text.hasSuffix("区里计划明年启动老旧小区供水管网改造。"))
        let paragraphs = article.text.split(separator: "\n")
        #expect(paragraphs.count == 4)
        #expect(paragraphs[2].hasPrefix("“停水期间，我们每天安排两辆送水车进小区"))
        for noise in ["相关阅读", "老旧小区改造三年行动", "责任编辑", "网友评论", "追责", "热点排行", "版权所有",
                      "分享到", "不要读我", "首页"] {
            #expect(!article.text.contains(noise), "\(noise) leaked into the text")
        }
    }

    @Test("old table layout: paragraphs split by <br>, title only in <title>, date in the 来源 line")
    func tableLayout() throws {
        let url = URL(string: "http://www.jlnews.example.cn/culture/2026-11/20/content_88.htm")!
        let article = try extractor.extract(Fixture.data("article-table-br.html"), url: url)
        #expect(article.title == "江临举办首届非遗文化节")
        #expect(article.published == utc(2026, 11, 20, 2, 5))
        #expect(article.source == "江临晚报")
        #expect(article.author == nil)
        #expect(article.text == """
            11月19日，江临市首届非物质文化遗产文化节在古城区开幕，来自全市的60余个非遗项目集中亮相。
            本次文化节为期五天，设置了非遗展演、传统技艺体验、非遗好物市集等多个板块，市民可以免费参观。
            市文化广电旅游局负责人介绍，近年来，江临持续加大非遗保护力度，目前已有国家级非遗项目8项、省级非遗项目35项。
            """)
    }

    @Test("a page without text raises a clear error")
    func noText() throws {
        let url = URL(string: "http://www.example.cn/empty.html")!
        #expect(throws: ExtractError.noArticleText(url: url)) {
            _ = try extractor.extract(Data("<html><body><nav><a href='/'>首页</a></nav></body></html>".utf8), url: url)
        }
        #expect(throws: ExtractError.empty) { _ = try extractor.extract(Data("  \n".utf8), url: url) }
    }

    @Test("site suffixes are removed from titles", arguments: [
        ("市政府召开常务会议_政务动态_江临市人民政府", "市政府召开常务会议"),
        ("暴雨预警升级为橙色 - 新华网", "暴雨预警升级为橙色"),
        ("江临日报 | 地铁3号线全线贯通", "地铁3号线全线贯通"),
        ("没有后缀的标题", "没有后缀的标题"),
    ])
    func titleSuffix(_ raw: String, _ expected: String) throws {
        let html = "<html><head><title>\(raw)</title></head><body><div><p>正文内容，足够长的一段文字，用来测试标题清理。</p></div></body></html>"
        let article = try extractor.extract(Data(html.utf8), url: URL(string: "http://x.example.cn/a.html")!)
        #expect(article.title == expected)
    }
}

@Suite("Forum threads")
struct ForumThreadTests {
    @Test("Discuz! thread: opening post and replies, without quotes, edit notes or anti-copy noise")
    func discuzThread() throws {
        let extractor = try ForumThreadExtractor()
        let url = URL(string: "http://bbs.example.cn/thread-2001-1-1.html")!
        let thread = try extractor.extract(Fixture.data("discuz-thread.html"), url: url)
        #expect(thread.title == "滨江小区停水三天了，物业一直不给说法")
        try #require(thread.posts.count == 3)

        let first = try #require(thread.firstPost)
        #expect(first.id == "9001")
        #expect(first.author == "江临老张")
        #expect(first.published == utc(2026, 11, 20, 0, 15))
        #expect(first.text == """
            滨江小区从17号开始停水，到今天已经整整三天了。
            物业一直说在修，问什么时候来水也不给说法，老人孩子洗漱都成问题。
            希望有关部门关注一下！
            """)

        let replies = Array(thread.replies)
        #expect(replies.map(\.author) == ["滨江居民", "滨江区水务局"])
        // "3 天前" on screen, the exact time in the span's title.
        #expect(replies[0].published == utc(2026, 11, 20, 1, 2, 11))
        #expect(replies[0].text == "同一个小区的，我们楼也没水，打12345热线了，说今天之内给答复。")
        #expect(replies[1].published == utc(2026, 11, 20, 13, 40))
        #expect(replies[1].text.hasPrefix("您好，经排查，停水系小区主供水管道老化破裂所致"))
    }

    /// Broken markup can nest a second post list inside a message; its posts match the post
    /// selector too, and freeing the outer message's hidden box used to free them mid-loop. A
    /// normal build reads the freed memory silently, so this pins the behaviour; the fuzzer's
    /// build, replaying Fuzz/regressions/html/forum-nested-post-use-after-free.html, the fix.
    @Test("a post nested in another post's hidden box goes with the box; nothing freed is read again (fuzz-html)")
    func nestedPostInsideAHiddenBox() throws {
        let html = """
            <html><body><div id="postlist">
            <div id="post_1"><a class="xw1">甲</a><em id="authorposton1">发表于 2026-11-20 08:00</em>
              <table><tr><td class="t_f" id="postmessage_1">外层正文
                <div style="display:none"><div id="postlist"><div id="post_2"><a class="xw1">乙</a>
                  <table><tr><td class="t_f" id="postmessage_2">隐藏的内层帖子</td></tr></table></div></div></div>
              </td></tr></table></div>
            <div id="post_3"><a class="xw1">丙</a><table><tr><td class="t_f" id="postmessage_3">第三帖</td></tr></table></div>
            </div></body></html>
            """
        let thread = try ForumThreadExtractor().extract(Data(html.utf8), url: URL(string: "http://bbs.example.cn/thread-1-1-1.html")!)
        #expect(thread.posts.map(\.text) == ["外层正文", "第三帖"])
        #expect(thread.posts.map(\.id) == ["1", "3"])
    }

    @Test("custom selectors, and a clear error when posts are not found")
    func customSelectors() throws {
        let selectors = ForumSelectors(post: "div.topic", author: "span.user", time: "span.time", body: "div.msg", title: "h1")
        let extractor = try ForumThreadExtractor(selectors: selectors)
        let html = """
            <html><body><h1>小区停车难</h1>
            <div class="topic"><span class="user">甲</span><span class="time">2026-11-20 10:00</span><div class="msg">车位太少了</div></div>
            <div class="topic"><span class="user">乙</span><span class="time">2026-11-20 10:05</span><div class="msg">同感</div></div>
            </body></html>
            """
        let url = URL(string: "http://bbs.example.cn/t/1")!
        let thread = try extractor.extract(Data(html.utf8), url: url)
        #expect(thread.title == "小区停车难")
        #expect(thread.posts.map(\.text) == ["车位太少了", "同感"])
        #expect(thread.posts.map(\.author) == ["甲", "乙"])
        #expect(thread.posts.last?.published == utc(2026, 11, 20, 2, 5))

        #expect(throws: ExtractError.selectorMatchedNothing(selector: "div#postlist > div[id^=post_]", url: url)) {
            _ = try ForumThreadExtractor().extract(Data(html.utf8), url: url)
        }
    }
}

@Suite("JSON Feed")
struct JSONFeedTests {
    let parser = FeedParser()

    @Test("JSON Feed 1.1: ids, url and external_url, HTML and text content, dates, authors")
    func version11() throws {
        let feed = try parser.parse(Fixture.data("jsonfeed11.json"), url: URL(string: "https://fabu.example.cn/feed.json")!)
        #expect(feed.format == "jsonfeed11")
        #expect(feed.title == "江临发布")
        try #require(feed.entries.count == 3)
        let first = feed.entries[0]
        #expect(first.guid == "2026-11-20-001")
        #expect(first.title == "江临地铁3号线全线贯通")
        #expect(first.link?.absoluteString == "https://fabu.example.cn/2026/11/20/001.html")
        #expect(first.summary == "11月20日上午，江临地铁3号线实现全线贯通。\n预计明年6月试运营。")
        #expect(first.published == utc(2026, 11, 20, 0, 15))
        #expect(first.author == "张三、李四")

        let second = feed.entries[1]
        #expect(second.guid == "1002")
        #expect(second.link?.absoluteString == "https://news.example.com/story/1002")
        #expect(second.title == "滨江区回应小区停水投诉：管网抢修已完成。")
        #expect(second.summary == "滨江区回应小区停水投诉：管网抢修已完成。\n供水已全面恢复。")
        #expect(second.published == utc(2026, 11, 19, 13, 40))
        #expect(second.author == "江临市政府新闻办")

        #expect(feed.entries[2].link?.absoluteString == "https://fabu.example.cn/2026/11/20/003.html")
        #expect(feed.entries[2].summary == "合格率98.7%")
    }

    @Test("JSON Feed 1.0 with a single author")
    func version10() throws {
        let feed = try parser.parse(Fixture.data("jsonfeed10.json"), url: URL(string: "https://old.example.cn/feed.json")!)
        #expect(feed.format == "jsonfeed10")
        #expect(feed.entries.first?.author == "江临日报")
        #expect(feed.entries.first?.published == utc(2026, 11, 20))
    }

    @Test("a JSON Feed without items is reported as such")
    func missingItems() {
        let data = Data(#"{"version": "https://jsonfeed.org/version/1.1", "title": "x"}"#.utf8)
        #expect(throws: ExtractError.invalidJSONFeed(reason: "it has no \"items\" array")) {
            _ = try parser.parse(data, url: URL(string: "https://x.example.cn/feed.json")!)
        }
    }
}
