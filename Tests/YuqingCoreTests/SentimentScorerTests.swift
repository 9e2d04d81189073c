import Testing
import YuqingCore

/// A small lexicon in the shipped file format, so the tests exercise the parser too.
private func testScorer(_ configuration: SentimentScorer.Configuration = SentimentScorer.Configuration()) throws -> SentimentScorer {
    let lexicon = try SentimentLexicon.parse(
        positive: "# praise\n好\n满意\t1.5\n不错\n表彰\t1.5\n惠民\t1.5\n好像\t0\n",
        negative: "差\n失望\t1.5\n投诉\t1.5\n污染\t2\n事故\t2\n拖欠\t2\n谣言\t1.5\n",
        negation: "不\t-1\n没有\t-1\n不是\t-1\n并非\t-1\n",
        degree: "非常\t2\n很\t1.5\n有点\t0.5\n太\t1.8\n")
    return SentimentScorer(lexicon: lexicon, configuration: configuration)
}

@Suite struct SentimentScorerTests {
    @Test func plainWords() throws {
        let scorer = try testScorer()
        #expect(scorer.score("服务很满意").label == .positive)
        #expect(scorer.score("质量差").label == .negative)
        #expect(scorer.score("今天下午三点开会").label == .neutral)
        #expect(scorer.score("").label == .neutral)
        #expect(Sentiment.neutral.chineseLabel == "中性")
        #expect(scorer.score("质量差").chineseLabel == "负面")
        #expect(scorer.score("很满意").chineseLabel == "正面")
    }

    @Test func aLongReportWithAFewPraiseWordsIsNeutralButAShortPraisePostIsPositive() throws {
        let scorer = try testScorer()
        let praise = "江临市表彰一批惠民工程。"
        let report = praise + String(repeating: "今年全市新建道路十二条，改造老旧小区三十个，工程按计划推进。", count: 12)
        #expect(scorer.score(praise).label == .positive)
        #expect(scorer.rawScore(report) == scorer.rawScore(praise), "the filler holds no sentiment word")
        #expect(scorer.score(report).label == .neutral, "3 points of praise in \(report.count) characters")
        #expect(scorer.score(report).score > 0, "the score still leans positive")
        // The title counts towards the length as it counts towards the score.
        #expect(scorer.score(title: "江临市表彰惠民工程", body: "").label == .positive)
        #expect(scorer.score(title: "江临市表彰惠民工程", body: report).label == .neutral)
        // Any net complaint in a long report still makes it negative.
        #expect(scorer.score(report + "沿线居民投诉施工污染。").label == .negative)
        var lenient = SentimentScorer.Configuration()
        lenient.positiveDensity = 0
        #expect(try testScorer(lenient).score(report).label == .positive)
    }

    @Test func negationFlips() throws {
        let scorer = try testScorer()
        #expect(scorer.rawScore("满意") > 0)
        #expect(scorer.rawScore("不满意") < 0)
        #expect(scorer.rawScore("没有失望") > 0)
        #expect(scorer.rawScore("并非谣言") > 0)
        // Out of the window or across a comma the negation no longer applies.
        #expect(scorer.rawScore("不是因为那个原因满意") > 0)
        #expect(scorer.rawScore("不，满意") > 0)
    }

    @Test func degreeScales() throws {
        let scorer = try testScorer()
        let plain = scorer.rawScore("满意")
        #expect(scorer.rawScore("非常满意") == plain * 2)
        #expect(scorer.rawScore("有点失望") == scorer.rawScore("失望") * 0.5)
        // 很不满意 is strongly negative; 不很满意 flips but dampens.
        #expect(scorer.rawScore("很不满意") == -plain * 1.5)
        #expect(scorer.rawScore("不很满意") < 0)
        #expect(scorer.rawScore("不很满意") > scorer.rawScore("不满意"))
    }

    @Test func contrastWeighsTheLaterClause() throws {
        let scorer = try testScorer()
        // Same words, opposite order: the clause after 但是 decides.
        #expect(scorer.score("环境不错，但是服务差").label == .negative)
        #expect(scorer.score("服务差，但是环境不错").label == .positive)
        #expect(scorer.score("价格有点差，然而总体满意").label == .positive)
    }

    @Test func domainWordsOfPublicAffairs() throws {
        let scorer = try testScorer()
        #expect(scorer.score("多名工人投诉企业拖欠工资").label == .negative)
        #expect(scorer.score("化工厂事故造成河流污染").score < -0.5)
        #expect(scorer.score("市政府表彰惠民工程先进集体").label == .positive)
    }

    @Test func traditionalChineseInput() throws {
        let scorer = try testScorer()
        #expect(scorer.score("化工廠事故造成河流污染").label == .negative)
        #expect(scorer.score("服務非常滿意").label == .positive)
        #expect(scorer.rawScore("服務非常滿意") == scorer.rawScore("服务非常满意"))
        #expect(scorer.score("ＦＵＬＬ　不滿意").label == .negative)
    }

    @Test func longestMatchAndBlockers() throws {
        let scorer = try testScorer()
        // 好像 (weight 0) hides 好; 不错 is one positive word, not 不 + 错.
        #expect(scorer.score("他好像来了").label == .neutral)
        #expect(scorer.score("还不错").label == .positive)
    }

    @Test func sentencesAndTitle() throws {
        let scorer = try testScorer()
        // Each sentence is scored on its own: the negation does not cross 。
        #expect(scorer.rawScore("不。满意") > 0)
        // The title outweighs a mildly positive body.
        let item = scorer.score(title: "群众投诉污染", body: "相关部门表示满意。")
        #expect(item.label == .negative)
        #expect(item.score >= -1 && item.score <= 1)
        #expect(scorer.rawScore(title: "群众投诉污染", body: "相关部门表示满意。")
            == scorer.configuration.titleWeight * scorer.rawScore("群众投诉污染") + scorer.rawScore("相关部门表示满意。"))
    }

    @Test func everySentenceEndSplitsAndNothingElseDoes() throws {
        let scorer = try testScorer()
        // Split, the negation stays in its own sentence and 满意 counts as praise.
        for end in ["。", "！", "？", "!", "?", "；", ";", "\n", "\r\n", "…", "．"] {
            #expect(scorer.rawScore("不\(end)满意") > 0, "\(end.debugDescription) ends a sentence")
        }
        // Sentence ends are Characters: a line break before a combining mark still ends one,
        // and so does U+037E, which Swift compares equal to ";".
        for end in ["\n\u{301}", "\r\n\u{301}", "\n\u{200D}", "\u{37E}"] {
            #expect(scorer.rawScore("不\(end)满意") > 0, "\(end.debugDescription) ends a sentence")
        }
        // A 。 or ! that another scalar joins into one Character ends nothing: combining marks,
        // a skin-tone modifier, Thai SARA AM, a prepended Arabic number sign.
        for joined in ["。\u{301}", "!\u{20DD}", "!\u{1F3FB}", "!\u{E33}", "\u{600}!"] {
            #expect(scorer.rawScore("不\(joined)满意") < 0, "\(joined.debugDescription) is not a sentence end")
        }
        // A Myanmar vowel sign that does not join (Mc, but not a grapheme SpacingMark) leaves the end.
        #expect(scorer.rawScore("不!\u{102B}满意") > 0)
    }

    @Test func aTextScoresAsTheSumOfItsSentencesCutCharacterByCharacter() throws {
        let scorer = try testScorer()
        let pieces = ["不", "满意", "很", "差", "但是", "污染", "。", "！", "?", ";", "\n", "\r", "\r\n", "…", "，",
                      "\u{301}", "\u{200D}", "\u{1F3FB}", "\u{E33}", "\u{600}", "\u{37E}", "\u{102B}", "a", " "]
        var random = SplitMix64(seed: 20_261_123)
        for _ in 0 ..< 2_000 {
            let text = (0 ..< Int(random.next() % 12)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            // The rule as written: a sentence ends after each Character that is a sentence end.
            var sentences: [String] = [], sentence = ""
            for character in text {
                sentence.append(character)
                if ["。", "！", "？", "!", "?", "；", ";", "\n", "\r\n", "…", "．"].contains(character) {
                    sentences.append(sentence)
                    sentence = ""
                }
            }
            if !sentence.isEmpty { sentences.append(sentence) }
            let sum = sentences.reduce(0.0) { $0 + scorer.rawScore($1) }
            #expect(scorer.rawScore(text) == sum, "\(text.debugDescription)")
        }
        // Nor does a lone CR: the contrast still spans it, as it spans a space.
        let split = scorer.rawScore("环境不错。但是服务差")
        #expect(scorer.rawScore("环境不错\r但是服务差") == scorer.rawScore("环境不错 但是服务差"))
        #expect(scorer.rawScore("环境不错\r但是服务差") != split)
    }
}

@Suite struct SentimentLexiconTests {
    @Test func parsesWeightsCommentsAndDefaults() throws {
        let list = try SentimentLexicon.parseList("\u{FEFF}# comment\n\n好\n满意\t1.5\r\n  赞 \t 2 \n", file: "positive.txt", defaultWeight: 1)
        #expect(list == ["好": 1, "满意": 1.5, "赞": 2])
    }

    @Test func reportsLineNumbers() {
        func failure(_ text: String, allowZero: Bool = true) -> SentimentLexiconError? {
            do {
                _ = try SentimentLexicon.parseList(text, file: "degree.txt", defaultWeight: 1, allowZero: allowZero)
                return nil
            } catch { return error }
        }
        #expect(failure("很\t1.5\n非常\tabc\n")?.line == 2)
        #expect(failure("很\t1.5\n非常\tabc\n")?.description.hasPrefix("degree.txt:2: weight `abc` of `非常` is not a number;") == true)
        #expect(failure("# x\n很\n\n很\t2\n")?.line == 4)
        #expect(failure("# x\n很\n\n很\t2\n")?.message.contains("line 2") == true)
        #expect(failure("好\n\t2\n")?.line == 2)
        #expect(failure("好\t1\t2\n")?.line == 1)
        #expect(failure("好\tnan\n")?.line == 1)
        #expect(failure("好\t0\n", allowZero: false)?.line == 1)
        #expect(failure("好\t0\n") == nil)
    }

    @Test func parseNamesTheFile() {
        do {
            _ = try SentimentLexicon.parse(positive: "好\n", negative: "差\n差\n", negation: "不\n", degree: "很\t1.5\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "negative.txt")
            #expect(error.line == 2)
        }
    }
}

@Suite struct LearnedTermTests {
    /// The hand lexicon of `testScorer` plus a few learned n-gram weights.
    private func scorer(learned: String, learnedWeight: Double = 1) throws -> SentimentScorer {
        let lexicon = try SentimentLexicon.parse(
            positive: "好\n满意\t1.5\n", negative: "差\n失望\t1.5\n", negation: "不\t-1\n", degree: "很\t1.5\n",
            learned: learned)
        var configuration = SentimentScorer.Configuration()
        configuration.learnedWeight = learnedWeight
        return SentimentScorer(lexicon: lexicon, configuration: configuration)
    }

    @Test func parsesSignedWeightsAndRequiresOne() throws {
        #expect(try SentimentLexicon.parseLearned("# made by a script\n性价比\t0.8\n坑\t-1.25\n") == ["性价比": 0.8, "坑": -1.25])
        do {
            _ = try SentimentLexicon.parseLearned("性价比\t0.8\n推荐\n")
            Issue.record("a term without a weight must be rejected")
        } catch {
            #expect(error.description.hasPrefix("learned.tsv:2: `推荐` has no weight"))
        }
        // A tab with nothing after it is the same mistake, not a weight of 0.
        #expect(throws: SentimentLexiconError.self) { try SentimentLexicon.parseLearned("推荐\t\n") }
        #expect(throws: SentimentLexiconError.self) { try SentimentLexicon.parseLearned("推荐\t1\n推荐\t2\n") }
        // Without the file there are no learned terms.
        let plain = try SentimentLexicon.parse(positive: "好\n", negative: "差\n", negation: "", degree: "")
        #expect(plain.learned.isEmpty)
    }

    @Test func everyOccurrenceCountsOverlapsIncluded() throws {
        let hand = try scorer(learned: "")
        let learned = try scorer(learned: "性价比\t0.8\n价比\t0.1\n坑\t-1\n")
        // No hand word: the score is the learned sum alone (性价比 and 价比 overlap; both count).
        #expect(hand.rawScore("性价比高") == 0)
        #expect(abs(learned.rawScore("性价比高") - 0.9) < 1e-9)
        #expect(abs(learned.rawScore("坑，坑。") - -2) < 1e-9)
        #expect(learned.score("这个店坑人").label == .negative)
        // Learned weights add to the hand score; the hand rules still apply to hand words.
        #expect(abs(learned.rawScore("很满意，性价比高") - (hand.rawScore("很满意") + 0.9)) < 1e-9)
        #expect(learned.rawScore("不满意") == hand.rawScore("不满意"))
        #expect(learned.score("环境不错，但是失望").label == .negative)
        // Traditional spellings normalise to the same terms.
        #expect(learned.rawScore("性價比高") == learned.rawScore("性价比高"))
    }

    @Test func learnedWeightZeroSwitchesThemOff() throws {
        let off = try scorer(learned: "性价比\t0.8\n", learnedWeight: 0)
        #expect(off.rawScore("性价比高") == 0)
        let doubled = try scorer(learned: "性价比\t0.8\n", learnedWeight: 2)
        #expect(abs(doubled.rawScore("性价比高") - 1.6) < 1e-9)
    }
}
