import Foundation
import Testing
import YuqingConfig
import YuqingCore

/// YAML syntax errors come out in the same `file:line:column` form as every other issue.
@Suite struct SyntaxErrorTests {
    @Test func tabIndentation() throws {
        let issue = try #require(TestSupport.sourceIssues("sources:\n\t- id: a\n    url: https://a.example.cn/\n").only)
        #expect((issue.line, issue.column) == (2, 1))
        #expect(issue.message.hasPrefix("YAML syntax error: found character that cannot start any token"))
        #expect(issue.message.hasSuffix("YAML does not allow tabs for indentation: indent with spaces"))
    }

    @Test func tabInsideAMap() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: a
                url: https://a.example.cn/
            \tname: x
            """).only)
        #expect((issue.line, issue.column) == (4, 1))
        #expect(issue.message.hasSuffix("indent with spaces"))
    }

    @Test func unclosedQuotePointsAtTheOpeningQuote() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: a
                url: "https://a.example.cn/
                name: b
            """).only)
        #expect((issue.line, issue.column) == (3, 10))
        #expect(issue.message.hasPrefix("YAML syntax error: this quote is never closed"))
    }

    @Test func unquotedColonInAValue() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: a
                url: https://a.example.cn/
                name: 要闻: 本地
            """).only)
        #expect((issue.line, issue.column) == (4, 13))
        #expect(issue.message.hasSuffix("a value that contains ': ' must be put in quotes"))
    }

    @Test func duplicateKeyPointsAtTheSecondOccurrence() throws {
        let issue = try #require(TestSupport.sourceIssues("""
            sources:
              - id: a
                url: https://a.example.cn/
                interval: 5m
                interval: 10m
            """).only)
        #expect((issue.line, issue.column) == (5, 5))
        #expect(issue.message == "key 'interval' appears twice in the same map (first on line 4); keep only one")
    }

    @Test func syntaxErrorInYuqingYml() throws {
        let issue = try #require(TestSupport.settingsIssues("crawl:\n  timeout: 30s\n concurrency: 4\n").only)
        #expect(issue.file == "yuqing.yml")
        #expect(issue.line == 3)
        #expect(issue.message.hasPrefix("YAML syntax error:"))
    }

    @Test func unknownEscapeInDoubleQuotes() throws {
        let issue = try #require(TestSupport.sourceIssues(#"""
            sources:
              - id: a
                url: https://a.example.cn/
                name: "C:\data"
            """#).only)
        #expect((issue.line, issue.column) == (4, 14))
        #expect(issue.message.hasPrefix("YAML syntax error: found unknown escape character"))
        #expect(issue.message.hasSuffix(#"write \\ or use single quotes"#))
    }

    @Test func secondDocument() throws {
        let issue = try #require(TestSupport.sourceIssues(TestSupport.oneSource + "\n---\nsources: []\n").only)
        #expect((issue.line, issue.column) == (4, 1))
        #expect(issue.message.hasPrefix("YAML syntax error: a second document starts here"))
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let sources = try ConfigLoader.loadSources(text: "\u{FEFF}" + TestSupport.oneSource)
        #expect(sources.map(\.id) == ["gov-news"])
    }
}
