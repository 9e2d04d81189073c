// The clusterer's memory per story: N distinct farm-like items (a ~25-character headline and a
// ~150-character summary each, every one its own story), fed in order. Memory is the resident
// set (/proc/self/status VmRSS) before and after, and the compact clusterer's memoryFootprint.
import Foundation
import YuqingCore

private let places = ["江临市", "东湖区", "西河区", "南山镇", "北岭乡", "临江街道", "青石村", "白沙湾", "新港开发区", "高新园区"]
private let words = ["居民", "道路", "学校", "医院", "公交", "菜市场", "物业", "停车", "供水", "供暖", "燃气", "绿化", "垃圾分类",
                     "噪声", "施工", "拆迁", "补偿", "学位", "房价", "租金", "工资", "社保", "医保", "养老", "托育", "消防",
                     "检查", "整改", "通报", "约谈", "投诉", "热线", "回应", "调查", "座谈", "走访", "志愿者", "文明", "创建",
                     "旅游", "景区", "门票", "夜市", "商户", "价格", "监管", "执法", "城管", "占道", "河道", "治理", "工地"]
private let events = ["引发关注", "群众反映强烈", "部门回应", "网友热议", "进展通报", "持续发酵", "情况说明", "现场直击"]

/// mallinfo2 is not in Swift's Glibc module: the resident set stands in for the heap.
private func heapInUse() -> Int { rssKB() * 1024 }

private func rssKB() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

func measureMemory(_ count: Int, legacy: Bool, limit: Int?) {
    var random = SplitMix64(seed: 7)
    func pick(_ list: [String]) -> String { list[Int(random.next() % UInt64(list.count))] }
    // Build the items first so only the clusterer's allocations fall between the two readings.
    var items: [StoryItem] = []
    items.reserveCapacity(count)
    let base = Date(timeIntervalSince1970: 1_800_000_000)
    for index in 0..<count {
        let site = index % 3000
        let title = "站点\(site)第\(index / 3000)条：" + pick(places) + pick(words) + pick(words) + pick(words) + pick(events)
        var summary = pick(places)
        for word in 0..<45 {
            summary += pick(words)
            if word % 9 == 8 { summary += "。" } else if word % 3 == 2 { summary += "，" }
        }
        items.append(StoryItem(id: String(index), source: "s\(site)", title: title, body: summary,
                               date: base.addingTimeInterval(Double(index) / 50)))
    }
    if legacy {
        var clusterer = LegacyStoryClusterer()
        feed(items, "legacy (dictionaries)", add: { clusterer.add($0).isNewStory }, live: { clusterer.storyCount }, footprint: { 0 })
        withExtendedLifetime(clusterer) {}
    } else {
        var configuration = StoryClusterer.Configuration()
        if let limit { configuration.memoryLimit = limit }
        var clusterer = StoryClusterer(configuration: configuration)
        feed(items, "compact, limit \(configuration.memoryLimit)", add: { clusterer.add($0).isNewStory },
             live: { clusterer.storyCount }, footprint: { clusterer.memoryFootprint })
        withExtendedLifetime(clusterer) {}
    }
}

private func feed(_ items: [StoryItem], _ name: String, add: (StoryItem) -> Bool, live: () -> Int, footprint: () -> Int) {
    let heapBefore = heapInUse(), rssBefore = rssKB()
    let clock = ContinuousClock()
    var newStories = 0
    var checkpoints: [(Int, Int, Int, Int, Int)] = []
    let elapsed = clock.measure {
        for (index, item) in items.enumerated() {
            if add(item) { newStories += 1 }
            if (index + 1) % (items.count / 6) == 0 {
                checkpoints.append((index + 1, live(), heapInUse() - heapBefore, rssKB() - rssBefore, footprint()))
            }
        }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("\(name): items \(items.count), new stories \(newStories), \(String(format: "%.0f", Double(items.count) / seconds)) items/s")
    print("| items added | live stories | heap in use | heap bytes/live story | RSS delta | memoryFootprint |")
    print("|---:|---:|---:|---:|---:|---:|")
    for (added, live, heap, rss, footprint) in checkpoints {
        print(String(format: "| %d | %d | %.1f MB | %.0f | %.1f MB | %.1f MB |", added, live, Double(heap) / 1e6,
                     Double(heap) / Double(max(live, 1)), Double(rss) / 1024, Double(footprint) / 1e6))
    }
}
