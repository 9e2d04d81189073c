import Foundation
import Testing
import YuqingExtract

@Suite("CSS to XPath")
struct CSSTranslatorTests {
    static let cls = "contains(concat(' ', normalize-space(@class), ' '), ' list ')"

    @Test("translation table", arguments: [
        ("li", "//li"),
        ("*", "//*"),
        ("DIV", "//div"),
        ("#content", "//*[@id='content']"),
        (".list", "//*[\(cls)]"),
        ("ul.list", "//ul[\(cls)]"),
        ("a.s.xst", "//a[contains(concat(' ', normalize-space(@class), ' '), ' s ')][contains(concat(' ', normalize-space(@class), ' '), ' xst ')]"),
        ("a[href]", "//a[@href]"),
        ("a[target=_blank]", "//a[@target='_blank']"),
        ("a[title=\"it's\"]", "//a[@title=\"it's\"]"),
        ("tbody[id^=normalthread_]", "//tbody[starts-with(@id, 'normalthread_')]"),
        ("a[href$='.html']", "//a[substring(@href, string-length(@href) - 4)='.html']"),
        ("a[href*=\"/2026/\"]", "//a[contains(@href, '/2026/')]"),
        ("a[rel~=next]", "//a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]"),
        ("html[lang|=zh]", "//html[(@lang='zh' or starts-with(@lang, 'zh-'))]"),
        ("a[TARGET=_Blank i]", "//a[translate(@target, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')='_blank']"),
        ("a[href^='']", "//a[false()]"),
        ("ul.list li", "//ul[\(cls)]//li"),
        ("div#main > ul > li", "//div[@id='main']/ul/li"),
        ("h3+p", "//h3/following-sibling::*[1]/self::p"),
        ("h3 ~ p", "//h3/following-sibling::p"),
        ("li:first-child", "//li[not(preceding-sibling::*)]"),
        ("li:last-child", "//li[not(following-sibling::*)]"),
        ("li:only-child", "//li[not(preceding-sibling::*) and not(following-sibling::*)]"),
        ("tr:nth-child(2)", "//tr[(count(preceding-sibling::*) + 1) = 2]"),
        ("tr:nth-child(odd)", "//tr[((count(preceding-sibling::*) + 1) - 1) mod 2 = 0 and ((count(preceding-sibling::*) + 1) - 1) div 2 >= 0]"),
        ("tr:nth-child(3n+1)", "//tr[((count(preceding-sibling::*) + 1) - 1) mod 3 = 0 and ((count(preceding-sibling::*) + 1) - 1) div 3 >= 0]"),
        ("tr:nth-last-child(1)", "//tr[(count(following-sibling::*) + 1) = 1]"),
        ("a:contains(下一页)", "//a[contains(normalize-space(.), '下一页')]"),
        ("h1, h2", "//h1 | //h2"),
        ("div.pg > a.nxt, a.next", "//div[contains(concat(' ', normalize-space(@class), ' '), ' pg ')]/a[contains(concat(' ', normalize-space(@class), ' '), ' nxt ')] | //a[contains(concat(' ', normalize-space(@class), ' '), ' next ')]"),
    ])
    func table(_ css: String, _ xpath: String) throws {
        #expect(try CSSTranslator.xpath(css) == xpath)
    }

    @Test("relative selectors search below the context element")
    func relative() throws {
        #expect(try CSSTranslator.xpath("span.date", relative: true)
            == ".//span[contains(concat(' ', normalize-space(@class), ' '), ' date ')]")
        #expect(try CSSTranslator.xpath("a, em", relative: true) == ".//a | .//em")
    }

    @Test("unsupported constructs are named with their position", arguments: [
        ("a:hover", 2, "':hover'"),
        ("ul.list li::before", 11, "'::before'"),
        ("div:not(.ad)", 4, "':not'"),
        ("svg|rect", 4, "namespace"),
        ("a[href!=x]", 7, "'!='"),
    ])
    func unsupported(_ css: String, _ position: Int, _ fragment: String) {
        #expect {
            _ = try CSSTranslator.xpath(css)
        } throws: { error in
            guard case SelectorError.unsupported(let selector, let at, let construct) = error else { return false }
            return selector == css && at == position && construct.contains(fragment)
                && "\(error)".contains("selector '\(css)'") && "\(error)".contains("position \(position)")
        }
    }

    @Test("syntax errors are named with their position", arguments: [
        ("ul.list li[", 11),
        ("a[href='x]", 8),
        ("li >", 4),
        ("a,", 2),
        ("tr:nth-child(x)", 14),
        ("div..a", 5),
        ("a % b", 3),
    ])
    func syntax(_ css: String, _ position: Int) {
        #expect {
            _ = try CSSTranslator.xpath(css)
        } throws: { error in
            guard case SelectorError.syntax(let selector, let at, _) = error else { return false }
            return selector == css && at == position
        }
    }

    @Test("XPath selectors are used as written; broken XPath is reported")
    func xpathSelectors() throws {
        #expect(try PageSelector("//ul[@class='list']/li").xpath == "//ul[@class='list']/li")
        #expect(try PageSelector("./span[1]", relative: true).xpath == "./span[1]")
        #expect(try PageSelector("(//a)[last()]").xpath == "(//a)[last()]")
        #expect(throws: SelectorError.invalidXPath(selector: "//ul[@class='list'")) {
            _ = try PageSelector("//ul[@class='list'")
        }
        #expect(throws: SelectorError.empty(field: "item")) { _ = try PageSelector("  ") }
    }
}
