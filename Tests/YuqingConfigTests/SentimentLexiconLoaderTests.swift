import Foundation
import Testing
import YuqingConfig
import YuqingCore

@Suite struct SentimentLexiconLoaderTests {
    /// A `Rules/` directory with a minimal `sentiment/` folder; the caller removes it.
    private func makeRules(learned: String?) throws -> URL {
        let rules = try TestSupport.makeDirectory().appendingPathComponent("Rules")
        let folder = rules.appendingPathComponent("sentiment")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try TestSupport.write("满意\t1.5\n", to: "positive.txt", in: folder)
        try TestSupport.write("失望\t1.5\n", to: "negative.txt", in: folder)
        if let learned { try TestSupport.write(learned, to: "learned.tsv", in: folder) }
        return rules
    }

    @Test func loadsLearnedTermsWhenPresentAndScoresWithThem() throws {
        let rules = try makeRules(learned: "# learned\n性价比\t0.8\n坑人\t-1.5\n")
        defer { try? FileManager.default.removeItem(at: rules.deletingLastPathComponent()) }
        let lexicon = try #require(try SentimentLexiconLoader.load(rulesDirectory: rules))
        #expect(lexicon.learned == ["性价比": 0.8, "坑人": -1.5])
        let scorer = SentimentScorer(lexicon: lexicon)
        #expect(scorer.score("这家店性价比高").label == .positive)
        #expect(scorer.score("这家店坑人").label == .negative)
    }

    @Test func withoutTheFileTheHandListsScoreAlone() throws {
        let rules = try makeRules(learned: nil)
        defer { try? FileManager.default.removeItem(at: rules.deletingLastPathComponent()) }
        let lexicon = try #require(try SentimentLexiconLoader.load(rulesDirectory: rules))
        #expect(lexicon.learned.isEmpty)
        #expect(SentimentScorer(lexicon: lexicon).score("这家店性价比高").label == .neutral)
        #expect(SentimentScorer(lexicon: lexicon).score("很满意").label == .positive)
    }

    @Test func aBrokenLineIsReportedWithFileAndLine() throws {
        let rules = try makeRules(learned: "性价比\t0.8\n坑人\n")
        defer { try? FileManager.default.removeItem(at: rules.deletingLastPathComponent()) }
        do {
            _ = try SentimentLexiconLoader.load(rulesDirectory: rules)
            Issue.record("expected an error")
        } catch {
            let issue = try #require(error.issues.first)
            #expect(issue.file == "Rules/sentiment/learned.tsv")
            #expect(issue.line == 2)
            #expect(issue.message.contains("no weight"))
        }
    }

    @Test func phrasesWithSpacesStillLoadAndATabKeepsATrailingNumberInTheWord() throws {
        // Only a line whose last space-separated field is a number is taken for a mistyped tab.
        let rules = try makeRules(learned: nil)
        defer { try? FileManager.default.removeItem(at: rules.deletingLastPathComponent()) }
        let folder = rules.appendingPathComponent("sentiment")
        try TestSupport.write("满意\t1.5\nwell done\nTop 10\t1\n", to: "positive.txt", in: folder)
        let lexicon = try #require(try SentimentLexiconLoader.load(rulesDirectory: rules))
        #expect(lexicon.positive == ["满意": 1.5, "well done": 1, "Top 10": 1])
    }

    @Test func editingOrDeletingTheFileChangesTheFingerprint() throws {
        // The fingerprint is what the daemon compares to decide on a reload.
        let rules = try makeRules(learned: "性价比\t0.8\n")
        defer { try? FileManager.default.removeItem(at: rules.deletingLastPathComponent()) }
        let folder = rules.appendingPathComponent("sentiment")
        let first = SentimentLexiconLoader.fingerprint(rulesDirectory: rules)
        try TestSupport.write("性价比\t0.9\n", to: "learned.tsv", in: folder)
        let edited = SentimentLexiconLoader.fingerprint(rulesDirectory: rules)
        #expect(edited != first)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("learned.tsv"))
        let removed = SentimentLexiconLoader.fingerprint(rulesDirectory: rules)
        #expect(removed != edited && removed != first)
    }
}

/// The lexicons shipped in the repository's `Rules/sentiment/` on fictional 舆情 text: the
/// learned weights come from product reviews, so these check they do not spoil news.
@Suite struct ShippedSentimentLexiconTests {
    private static let scorer: SentimentScorer? = {
        let rules = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Rules")
        return (try? SentimentLexiconLoader.load(rulesDirectory: rules)).flatMap { $0.map { SentimentScorer(lexicon: $0) } }
    }()

    @Test func theShippedFilesLoadWithLearnedTerms() throws {
        let rules = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Rules")
        let lexicon = try #require(try SentimentLexiconLoader.load(rulesDirectory: rules))
        #expect(lexicon.learned.count > 1000)
        #expect(lexicon.positive.count > 1000 && lexicon.negative.count > 1000)
    }

    @Test(arguments: [
        "江临化工排污，村民多次投诉无果",
        "江临市某小区业主维权：开发商拖欠交房已两年",
        "江临化工厂夜间偷排废水，河里大片死鱼",
        "网友曝光江临市一餐馆使用地沟油，市场监管部门已介入调查",
        "江临市一工地发生塌方事故，造成两人死亡",
        "江临某培训机构突然跑路，数百名家长退款难",
    ])
    func negativeNews(_ text: String) throws {
        let scorer = try #require(Self.scorer)
        #expect(scorer.score(text).label == .negative, "\(text): \(scorer.score(text))")
    }

    @Test(arguments: [
        "江临市新建公园今日开放，市民点赞",
        "江临市获评全国文明城市，市民满意度显著提升",
        "江临市便民服务中心推出暖心举措，群众办事更方便",
        "江临化工完成环保改造，排放全面达标，周边环境明显改善",
        "江临市见义勇为群众受到表彰",
    ])
    func positiveNews(_ text: String) throws {
        let scorer = try #require(Self.scorer)
        #expect(scorer.score(text).label == .positive, "\(text): \(scorer.score(text))")
    }

    @Test func contrastAndNegationStillDecideWithLearnedTerms() throws {
        let scorer = try #require(Self.scorer)
        // The review-trained n-grams of 环境不错 (境不错, 不错, 环境不 …) must not outweigh the news
        // complaint after 但是 (停车难, 投诉不断): why the shipped weights are halved (BENCHMARKS.md).
        #expect(scorer.score("江临市新公园环境不错，但是停车难、收费乱，市民投诉不断").label == .negative)
        #expect(scorer.score("江临市此前曾有市民投诉噪音，但是经过整改，现在居民都很满意").label == .positive)
        #expect(scorer.score(title: "江临化工排污问题仍未解决", body: "村民表示不满意。").label == .negative)
    }
}
