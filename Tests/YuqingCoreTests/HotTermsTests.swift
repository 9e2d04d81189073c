import Testing
import YuqingCore

@Suite struct HotTermsTests {
    /// Filler sentences both periods share, so common words do not rise.
    private let filler = [
        "市政府召开常务会议研究部署冬季供暖工作。", "今天全市天气晴朗，气温较低，市民注意保暖。",
        "教育局发布通知，中小学期末考试安排在一月中旬。", "交通部门提醒市民雨雪天气出行注意安全。",
        "社区组织志愿者开展环境卫生整治活动。", "医院开通便民门诊，方便群众就医。",
    ]

    @Test func aNewNameRises() {
        let previous = (0..<20).map { filler[$0 % filler.count] }
        var current = (0..<20).map { filler[$0 % filler.count] }
        current += [
            "鑫盛财富理财产品逾期兑付，多名投资人到公司讨要本金。",
            "网友爆料：鑫盛财富老板疑似跑路，门店已人去楼空。",
            "有关部门已介入调查鑫盛财富涉嫌非法集资一事。",
            "投资人称在鑫盛财富投了二十万元，至今无法取回。",
            "记者走访鑫盛财富位于滨江路的门店，发现大门紧锁。",
        ]
        let terms = HotTerms(stopwords: HotTerms.parseStopwords("# stop\n记者\n\n有关\n")).rank(current: current, previous: previous)
        #expect(terms.first?.term == "鑫盛财富")
        #expect(terms.first?.count == 5)
        #expect(terms.first?.documentFrequency == 5)
        #expect(terms.first?.previousCount == 0)
        // Fragments of the name are not words of their own.
        #expect(!terms.contains { $0.term == "鑫盛财" || $0.term == "盛财富" })
        // Words as frequent in both periods do not rise.
        #expect(!terms.contains { $0.term == "市民" })
    }

    @Test func traditionalAndSimplifiedCountTogether() {
        let current = ["鑫盛財富老闆跑路了", "鑫盛财富门店关门", "投资人围堵鑫盛財富总部", "鑫盛财富回应称正常经营"]
        let terms = HotTerms().rank(current: current, previous: [])
        #expect(terms.first?.term == "鑫盛财富")
        #expect(terms.first?.count == 4)
    }

    @Test func stopwordsParse() {
        #expect(HotTerms.parseStopwords("# c\n我们\n  记者 \n\n") == ["我们", "记者"])
        #expect(HotTerms().rank(current: [], previous: []).isEmpty)
    }
}
