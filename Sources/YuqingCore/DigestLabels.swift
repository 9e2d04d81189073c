/// The fixed words of a report in one language; templates print them as `{{labels.…}}`.
public struct DigestLabels: Sendable, Hashable {
    /// Report names by period kind.
    public var daily, weekly, monthly: String
    /// Section headings.
    public var overview, trend, stories, flagged, alerts, hotTerms, health: String
    /// Column and row words.
    public var total, previous, change, channel, region, count, day, items, negative, title, firstSource,
        firstSeen, sites, sentiment, groups, source, time, rule, severity, group, term, rise, reason, generatedAt,
        period, sourcesCovered, medianDelay, maxDelay, failedAlerts, alertsTotal, reachable, failing, stale, more: String
    /// What an empty section says.
    public var noItems, noStories, noFlagged, noAlerts, noAlertLedger, noHotTerms, noHealthProblems,
        noSentiment, unknown: String
    /// The late note.
    public var lateNote: String
    /// Footer text.
    public var footer: String

    /// The labels for `language`.
    public static func forLanguage(_ language: ReportLanguage) -> DigestLabels {
        language == .en ? english : chinese
    }

    static let chinese = DigestLabels(
        daily: "舆情日报", weekly: "舆情周报", monthly: "舆情月报",
        overview: "一、概述", trend: "二、舆情走势", stories: "三、热点事件", flagged: "四、负面与敏感信息",
        alerts: "五、预警情况", hotTerms: "六、热词", health: "七、站点监测",
        total: "信息总量", previous: "上期", change: "环比", channel: "渠道", region: "地区", count: "数量",
        day: "日期", items: "信息量", negative: "负面", title: "标题", firstSource: "首发来源", firstSeen: "首发时间",
        sites: "站点数", sentiment: "倾向", groups: "命中规则组", source: "来源", time: "时间", rule: "规则",
        severity: "级别", group: "规则组", term: "热词", rise: "上期次数", reason: "原因", generatedAt: "生成时间",
        period: "统计周期", sourcesCovered: "覆盖站点", medianDelay: "预警发出中位时长", maxDelay: "最长",
        failedAlerts: "发送失败", alertsTotal: "预警数", reachable: "可访问", failing: "访问异常", stale: "长时间未更新", more: "另有",
        noItems: "本期无采集信息。", noStories: "本期无热点事件。", noFlagged: "本期无负面与敏感信息。",
        noAlerts: "本期无预警。", noAlertLedger: "本期无预警记录（预警功能尚未启用）。", noHotTerms: "本期无明显上升的热词。",
        noHealthProblems: "全部站点访问正常，无长时间未更新的站点。", noSentiment: "（尚未进行倾向性分析）",
        unknown: "未标注",
        lateNote: "本报告因系统停机延迟发送", footer: "本报告由舆情监测系统自动生成。"
    )

    static let english = DigestLabels(
        daily: "Daily sentiment brief", weekly: "Weekly sentiment report", monthly: "Monthly sentiment report",
        overview: "1. Overview", trend: "2. Trend", stories: "3. Top stories", flagged: "4. Negative and sensitive items",
        alerts: "5. Alerts", hotTerms: "6. Rising terms", health: "7. Source monitoring",
        total: "Items", previous: "Previous", change: "Change", channel: "Channel", region: "Region", count: "Count",
        day: "Day", items: "Items", negative: "Negative", title: "Title", firstSource: "First source",
        firstSeen: "First seen", sites: "Sites", sentiment: "Sentiment", groups: "Rule groups", source: "Source",
        time: "Time", rule: "Rule", severity: "Severity", group: "Rule group", term: "Term", rise: "Previous count",
        reason: "Reason", generatedAt: "Generated", period: "Period", sourcesCovered: "Sources covered",
        medianDelay: "Median time to alert", maxDelay: "longest", failedAlerts: "Failed deliveries", alertsTotal: "Alerts raised", reachable: "reachable",
        failing: "Failing", stale: "Not updated for longer than usual", more: "more:",
        noItems: "No items were collected in this period.", noStories: "No top stories in this period.",
        noFlagged: "No negative or sensitive items in this period.", noAlerts: "No alerts in this period.",
        noAlertLedger: "No alert records (alerting is not enabled yet).",
        noHotTerms: "No rising terms in this period.",
        noHealthProblems: "All sources were reachable and none went quiet.", noSentiment: "(sentiment not analysed yet)",
        unknown: "unassigned",
        lateNote: "This report is late because the system was down", footer: "Generated automatically by Yuqing."
    )
}
