import Foundation
import Testing
import YuqingCore

private let release = """
11月20日，滨江市生态环境局通报，滨江化工园区一家企业夜间偷排废水，导致下游约三公里河段出现死鱼。\
执法人员已对涉事企业依法立案调查，责令其立即停产整改，并对受影响河段开展水质监测。\
生态环境局提醒市民，如发现偷排漏排行为，可拨打12369环保举报热线反映。
"""
private let otherStory = """
11月20日，滨江市生态环境局召开新闻发布会，介绍今年前十个月全市空气质量情况。\
数据显示，全市优良天数比例同比提高四个百分点，细颗粒物平均浓度同比下降百分之八。\
下一步将继续推进工业企业深度治理和扬尘管控，巩固大气污染防治成效。
"""

private func item(_ id: String, _ source: String, _ title: String, _ body: String, hour: Double = 0) -> StoryItem {
    StoryItem(id: id, source: source, title: title, body: body, date: Date(timeIntervalSince1970: 1_800_000_000 + hour * 3600))
}

@Suite struct StoryClustererTests {
    @Test func reprintsJoinOneStory() {
        var clusterer = StoryClusterer()
        let first = clusterer.add(item("1", "portal-a", "滨江化工园区企业偷排废水致河段死鱼_新浪新闻", release))
        #expect(first.isNewStory)
        // Other site suffix, slightly different punctuation.
        let second = clusterer.add(item("2", "portal-b", "滨江化工园区企业偷排废水致河段死鱼 - 网易新闻",
                                        release.replacingOccurrences(of: "，", with: ","), hour: 1))
        // An added paragraph at the end.
        let third = clusterer.add(item("3", "portal-c", "滨江化工园区企业偷排废水致河段死鱼|凤凰网",
                                       release + "记者了解到，涉事企业负责人已被约谈，相关情况正在进一步调查中。", hour: 2))
        // A traditional-Chinese copy.
        let traditional = """
        11月20日，濱江市生態環境局通報，濱江化工園區一家企業夜間偷排廢水，導致下游約三公里河段出現死魚。\
        執法人員已對涉事企業依法立案調查，責令其立即停產整改，並對受影響河段開展水質監測。\
        生態環境局提醒市民，如發現偷排漏排行為，可撥打12369環保舉報熱線反映。
        """
        let fourth = clusterer.add(item("4", "forum-hk", "濱江化工園區企業偷排廢水致河段死魚", traditional, hour: 3))
        #expect(!second.isNewStory && second.storyID == first.storyID)
        #expect(!third.isNewStory && third.storyID == first.storyID)
        #expect(!fourth.isNewStory && fourth.storyID == first.storyID)
        let stats = clusterer.story(first.storyID)
        #expect(stats?.itemCount == 4)
        #expect(stats?.sourceCount == 4)
        #expect(stats?.firstSource == "portal-a")
        #expect(clusterer.storyCount == 1)
    }

    @Test func differentStoriesOnTheSameTopicStayApart() {
        var clusterer = StoryClusterer()
        let a = clusterer.add(item("1", "portal-a", "滨江化工园区企业偷排废水致河段死鱼", release))
        let b = clusterer.add(item("2", "portal-a", "滨江市前十个月空气质量优良天数比例提高", otherStory, hour: 1))
        #expect(b.isNewStory && a.storyID != b.storyID)
        // Same headline template, different body: two cities' notices.
        let n1 = clusterer.add(item("3", "gov-a", "关于开展安全生产大检查的通知", "各区县：为切实做好岁末年初安全生产工作，市安委会决定自12月1日起在全市开展为期一个月的安全生产大检查，重点检查危险化学品、建筑施工、道路交通等领域。", hour: 2))
        let n2 = clusterer.add(item("4", "gov-b", "关于开展安全生产大检查的通知", "各乡镇街道：近期我县连续发生两起燃气泄漏事故，为吸取教训，县政府决定立即开展城镇燃气和餐饮场所专项排查，排查结果于本月底前报县应急管理局。", hour: 3))
        #expect(n1.storyID != n2.storyID)
        #expect(clusterer.storyCount == 4)
    }

    @Test func titleOnlyForumCopiesJoin() {
        var clusterer = StoryClusterer()
        let a = clusterer.add(item("1", "forum-a", "【曝光】鑫盛财富老板跑路，投资人血本无归！！", ""))
        let b = clusterer.add(item("2", "forum-b", "曝光：鑫盛财富老板跑路，投资人血本无归", "", hour: 1))
        #expect(a.storyID == b.storyID)
    }

    @Test func oldStoriesAreEvicted() {
        var configuration = StoryClusterer.Configuration()
        configuration.window = 24 * 3600
        var clusterer = StoryClusterer(configuration: configuration)
        let a = clusterer.add(item("1", "portal-a", "滨江化工园区企业偷排废水致河段死鱼", release))
        _ = clusterer.add(item("2", "portal-a", "滨江市前十个月空气质量优良天数比例提高", otherStory, hour: 30))
        #expect(clusterer.story(a.storyID) == nil)
        #expect(clusterer.storyCount == 1)
        // A copy that arrives after the window starts a new story.
        let late = clusterer.add(item("3", "portal-b", "滨江化工园区企业偷排废水致河段死鱼", release, hour: 31))
        #expect(late.isNewStory)
    }

    @Test func storyCapIsEnforced() {
        var configuration = StoryClusterer.Configuration()
        configuration.maxStories = 10
        var clusterer = StoryClusterer(configuration: configuration)
        for index in 0..<50 {
            _ = clusterer.add(item("\(index)", "s", "第\(index)号通告：编号\(index * 7919)的事项", "内容\(index * 104_729)号，说明\(index * 15_485_863)。", hour: Double(index)))
        }
        #expect(clusterer.storyCount <= 10)
    }

    /// A distinct farm-like item: its own headline and summary, one a minute.
    private func distinct(_ index: Int) -> StoryItem {
        let words = ["居民", "道路", "学校", "医院", "公交", "物业", "供水", "燃气", "噪声", "施工", "拆迁", "补偿", "医保", "养老", "消防", "整改"]
        var seed = SplitMix64(seed: UInt64(index))
        let pick = { (generator: inout SplitMix64) in words[Int(generator.next() % UInt64(words.count))] }
        var title = "江临市第\(index)号"
        for _ in 0..<4 { title += pick(&seed) }
        var body = ""
        for _ in 0..<30 { body += pick(&seed) }
        return item(String(index), "site-\(index % 300)", title + "情况通报", body + "。编号\(index)。", hour: Double(index) / 60)
    }

    @Test func memoryStaysUnderTheLimitAndRecentStoriesStay() {
        var configuration = StoryClusterer.Configuration()
        configuration.memoryLimit = StoryClusterer.Configuration.minimumMemoryLimit
        var clusterer = StoryClusterer(configuration: configuration)
        // Fill until the limit first forces an eviction: that is the capacity at this limit.
        var added = 0
        while clusterer.storyCount == added {
            _ = clusterer.add(distinct(added))
            added += 1
        }
        let capacity = added
        #expect(capacity > 2_000)  // ~200 bytes a story: the 1 MB left after the band table holds thousands
        var latest = 0
        while added < 3 * capacity {
            latest = clusterer.add(distinct(added)).storyID
            added += 1
            if added % 500 == 0 { #expect(clusterer.memoryFootprint <= configuration.memoryLimit) }
        }
        #expect(clusterer.memoryFootprint <= configuration.memoryLimit)
        #expect(clusterer.storyCount >= capacity * 8 / 10 && clusterer.storyCount <= capacity)
        #expect(clusterer.story(latest) != nil)
        // The oldest are gone; a reprint of a recent one still joins its story.
        let reprint = distinct(added - 10)
        let joined = clusterer.add(StoryItem(id: "reprint", source: "portal-z", title: reprint.title + "_新浪新闻",
                                             body: reprint.body, date: reprint.date.addingTimeInterval(60)))
        #expect(!joined.isNewStory)
        #expect(clusterer.story(joined.storyID)?.sourceCount == 2)
    }

    @Test func simHashDistances() {
        let normalizer = TextNormalizer()
        let a = SimHash.fingerprint(normalizer.normalize(release).scalars)
        let b = SimHash.fingerprint(normalizer.normalize(release + "记者了解到，相关情况正在调查。").scalars)
        let c = SimHash.fingerprint(normalizer.normalize(otherStory).scalars)
        #expect(SimHash.distance(a, a) == 0)
        #expect(SimHash.distance(a, b) < SimHash.distance(a, c))
        #expect(SimHash.distance(a, c) > 18)
    }
}
