import Foundation

/// What the digest templates print: every number already formatted, every label in the
/// report's language, bar widths computed. Built from `DigestData`; pure.
///
/// Crawled text (titles, source names, reasons) stays raw here: the HTML template escapes it
/// with `{{ }}`; links are kept only when they are http(s), so a `javascript:` URL never
/// becomes a link.
public struct DigestView: Sendable {
    /// A row of a count table with its 环比 and a bar.
    public struct CountRow: Sendable {
        /// Label.
        public var label: String
        /// This period.
        public var count: Int
        /// Previous period.
        public var previous: Int
        /// `+12.5%`, `-3.0%`, `新增`/`new`, or `—`.
        public var change: String
        /// Bar width in percent of the largest row (1…100, 0 for none).
        public var bar: Int
        /// 100 − `bar`, for the table cell that fills the rest.
        public var rest: Int
        /// Whether a bar is drawn (Mustache treats 0 as true, so templates test this).
        public var hasBar: Bool
    }

    /// A day of the trend chart.
    public struct DayRow: Sendable {
        /// `11-23 周一`.
        public var day: String
        /// Items.
        public var items: Int
        /// Negative items, or "—" when unknown.
        public var negative: String
        /// Bar width (percent of the busiest day) and the rest of the row.
        public var bar: Int
        /// 100 − `bar`.
        public var rest: Int
        /// Negative share of the bar, in percent of the busiest day.
        public var negativeBar: Int
        /// `bar` − `negativeBar`.
        public var otherBar: Int
        /// Whether the negative and the other part are drawn (Mustache treats 0 as true).
        public var hasNegative: Bool
        /// Whether the non-negative part is drawn.
        public var hasOther: Bool
    }

    /// A story row.
    public struct StoryRow: Sendable {
        /// 1-based rank.
        public var rank: Int
        /// Title, url (http(s) only), first source and time.
        public var title: String
        /// Link, http(s) only.
        public var url: String?
        /// Source name.
        public var firstSource: String
        /// Formatted time.
        public var firstSeen: String
        /// Items and sites.
        public var items: Int
        /// Distinct sources.
        public var sites: Int
        /// Sentiment label or "—".
        public var sentiment: String
        /// Groups, joined.
        public var groups: String
        /// How it spread, as a sentence: `江临论坛首发，6 小时内被 23 个站点转载，共 41 条（本期 30 条）`.
        public var spread: String
    }

    /// A flagged item row.
    public struct ItemRow: Sendable {
        /// Title.
        public var title: String
        /// Link, http(s) only.
        public var url: String?
        /// Source name.
        public var source: String
        /// Formatted time.
        public var seenAt: String
        /// Rule name.
        public var rule: String
    }

    /// A group of flagged items.
    public struct FlaggedRow: Sendable {
        /// Rule group.
        public var group: String
        /// Severity label.
        public var severity: String
        /// Distinct items.
        public var count: Int
        /// The items listed.
        public var items: [ItemRow]
        /// `另有 3 条` when more items than listed, else nil.
        public var more: String?
    }

    /// The alerts section.
    public struct AlertsBlock: Sendable {
        /// Alerts sent.
        public var total: Int
        /// By severity.
        public var bySeverity: [CountRow]
        /// By group.
        public var byGroup: [CountRow]
        /// Median and longest delay, formatted, or nil.
        public var medianDelay: String?
        /// Longest delay.
        public var maxDelay: String?
        /// Failed deliveries.
        public var failed: Int
        /// Whether any delivery failed (Mustache treats 0 as true).
        public var hasFailed: Bool
    }

    /// A hot term row.
    public struct TermRow: Sendable {
        /// 1-based rank.
        public var rank: Int
        /// The term.
        public var term: String
        /// This period's and previous period's counts.
        public var count: Int
        /// Previous period's count.
        public var previous: Int
        /// Documents containing it.
        public var documents: Int
    }

    /// A source with a problem.
    public struct IssueRow: Sendable {
        /// Name.
        public var name: String
        /// Address, http(s) only.
        public var url: String?
        /// Why.
        public var reason: String
    }

    /// The fixed words.
    public var labels: DigestLabels
    /// `zh-CN` or `en`, for the HTML `lang` attribute.
    public var language: String
    /// The office name, or nil.
    public var office: String?
    /// Logo URL (https only), or nil.
    public var logoURL: String?
    /// `舆情周报`.
    public var reportName: String
    /// `江临市委网信办 舆情周报 2026年第48周`: the subject and the page title.
    public var subject: String
    /// `2026年第48周（11月23日—11月29日）`.
    public var periodTitle: String
    /// `2026-11-23 00:00 — 2026-11-30 00:00 (Asia/Shanghai)`.
    public var periodRange: String
    /// Formatted generation time.
    public var generatedAt: String
    /// The late note with the due time, when late.
    public var lateNote: String?
    /// `规则组：… 地区：…` when the report is filtered.
    public var filterNote: String?
    /// 1. 概述.
    public var total: Int
    /// Previous total.
    public var previousTotal: Int
    /// 环比 of the total.
    public var totalChange: String
    /// `12 / 15`.
    public var sourcesCovered: String
    /// By channel.
    public var channels: [CountRow]
    /// By region.
    public var regions: [CountRow]
    /// True when the period has no items.
    public var noItems: Bool
    /// 2. 舆情走势.
    public var days: [DayRow]
    /// Whether negative counts are known.
    public var sentimentAvailable: Bool
    /// 3. 热点事件.
    public var stories: [StoryRow]
    /// 4. 负面与敏感信息.
    public var flagged: [FlaggedRow]
    /// 5. 预警情况 (nil when there is no alert ledger; `alertsEmpty` when none were sent).
    public var alerts: AlertsBlock?
    /// No alert ledger yet.
    public var alertsUnavailable: Bool
    /// Ledger present, no alert in the period.
    public var alertsEmpty: Bool
    /// 6. 热词.
    public var hotTerms: [TermRow]
    /// Whether there is any hot term (the table header is printed only then).
    public var hasHotTerms: Bool
    /// 7. 站点监测: `15 个站点中 13 个可访问`.
    public var healthLine: String
    /// Failing sources.
    public var failing: [IssueRow]
    /// Stale sources.
    public var stale: [IssueRow]
    /// No failing and no stale source.
    public var healthy: Bool
    /// Whether any source is failing.
    public var hasFailing: Bool
    /// Whether any source is stale.
    public var hasStale: Bool

    /// Builds the view of `data` for an office's `settings`, in `language`.
    public init(_ data: DigestData, settings: ReportSettings, language: ReportLanguage) {
        let labels = DigestLabels.forLanguage(language)
        let en = language == .en
        let period = data.period
        let time = LocalTime(zone: period.timeZone.identifier)
        self.labels = labels
        self.language = language.rawValue
        office = settings.title.isEmpty ? nil : settings.title
        logoURL = settings.logoURL.flatMap { Self.link($0) }
        reportName = switch period.kind {
        case .day: labels.daily
        case .week: labels.weekly
        case .month: labels.monthly
        }
        periodTitle = Self.periodTitle(period, en: en)
        subject = [office, reportName, periodTitle].compactMap { $0 }.joined(separator: " ")
        periodRange = "\(time.format(period.start)) — \(time.format(period.end)) (\(period.timeZone.identifier))"
        generatedAt = time.format(data.generatedAt)
        lateNote = data.lateSince.map { "\(labels.lateNote)（\(en ? "due" : "原定") \(time.format($0))）" }
        var filters: [String] = []
        if !data.groups.isEmpty { filters.append("\(labels.group)：\(data.groups.joined(separator: "、"))") }
        if !data.regions.isEmpty { filters.append("\(labels.region)：\(data.regions.joined(separator: "、"))") }
        filterNote = filters.isEmpty ? nil : filters.joined(separator: "；")

        let overview = data.overview
        total = overview.total
        previousTotal = overview.previousTotal
        totalChange = Self.change(overview.total, overview.previousTotal, en: en)
        sourcesCovered = "\(overview.sourcesCovered) / \(overview.sourcesConfigured)"
        channels = Self.rows(overview.channels.map { count in
            var count = count
            let channel = Channel(rawValue: count.label)
            count.label = channel.map { en ? Self.englishChannel($0) : $0.chineseLabel } ?? count.label
            return count
        }, en: en)
        regions = Self.rows(overview.regions.map { count in
            var count = count
            if count.label.isEmpty { count.label = labels.unknown }
            return count
        }, en: en)
        noItems = overview.total == 0

        let busiest = max(1, data.trend.map(\.items).max() ?? 0)
        let weekdays = en ? ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] : ["周日", "周一", "周二", "周三", "周四", "周五", "周六"]
        let calendar = ReportPeriod.calendar(period.timeZone)
        days = data.trend.map { day in
            let local = period.localDate(day.start)
            let weekday = weekdays[calendar.component(.weekday, from: day.start) - 1]
            let bar = Self.width(day.items, of: busiest)
            let negativeBar = data.sentimentAvailable ? min(bar, Self.width(day.negative, of: busiest)) : 0
            return DayRow(day: String(format: "%02d-%02d ", local.month, local.day) + weekday, items: day.items,
                          negative: data.sentimentAvailable ? String(day.negative) : "—", bar: bar, rest: 100 - bar,
                          negativeBar: negativeBar, otherBar: bar - negativeBar,
                          hasNegative: negativeBar > 0, hasOther: bar - negativeBar > 0)
        }
        sentimentAvailable = data.sentimentAvailable

        stories = data.stories.enumerated().map { index, story in
            StoryRow(rank: index + 1, title: story.title, url: story.url.flatMap { Self.link($0.absoluteString) },
                     firstSource: story.firstSource, firstSeen: time.format(story.firstSeen), items: story.items,
                     sites: story.sites, sentiment: story.sentiment.map { en ? $0.rawValue : $0.chineseLabel } ?? "—",
                     groups: story.groups.isEmpty ? "—" : story.groups.joined(separator: "、"),
                     spread: Self.spread(story, en: en))
        }
        flagged = data.flagged.map { group in
            FlaggedRow(
                group: group.group, severity: en ? group.severity.englishName : group.severity.chineseName,
                count: group.count,
                items: group.items.map { item in
                    ItemRow(title: item.title, url: item.url.flatMap { Self.link($0.absoluteString) }, source: item.source,
                            seenAt: time.format(item.seenAt),
                            rule: item.rule.isEmpty ? (en ? "negative sentiment" : "负面倾向") : item.rule)
                },
                more: group.count > group.items.count
                    ? (en ? "\(group.count - group.items.count) more" : "另有 \(group.count - group.items.count) 条未列出") : nil
            )
        }
        alertsUnavailable = data.alerts == nil
        alertsEmpty = data.alerts.map { $0.total == 0 && $0.failed == 0 } ?? false
        alerts = data.alerts.flatMap { alerts in
            guard alerts.total > 0 || alerts.failed > 0 else { return nil }
            return AlertsBlock(
                total: alerts.total,
                bySeverity: Self.rows(alerts.bySeverity.map { count in
                    var count = count
                    if let severity = Int(count.label).flatMap(RuleSeverity.init(rawValue:)) {
                        count.label = en ? severity.englishName : severity.chineseName
                    }
                    return count
                }, en: en),
                byGroup: Self.rows(alerts.byGroup, en: en),
                medianDelay: alerts.medianDelay.map { DurationText.format($0) },
                maxDelay: alerts.maxDelay.map { DurationText.format($0) }, failed: alerts.failed,
                hasFailed: alerts.failed > 0)
        }
        hotTerms = data.hotTerms.enumerated().map { index, term in
            TermRow(rank: index + 1, term: term.term, count: term.count, previous: term.previousCount,
                    documents: term.documentFrequency)
        }
        hasHotTerms = !hotTerms.isEmpty
        let health = data.health
        healthLine = en ? "\(health.reachable) of \(health.monitored) sources reachable"
            : "监测站点 \(health.monitored) 个，其中 \(health.reachable) 个可访问"
        failing = health.failing.map { IssueRow(name: $0.name, url: $0.url.flatMap { Self.link($0.absoluteString) }, reason: $0.reason) }
        stale = health.stale.map { IssueRow(name: $0.name, url: $0.url.flatMap { Self.link($0.absoluteString) }, reason: $0.reason) }
        healthy = failing.isEmpty && stale.isEmpty
        hasFailing = !failing.isEmpty
        hasStale = !stale.isEmpty
    }

    /// `2026年第48周（11月23日—11月29日）`, `2026年11月`, `2026年11月23日（周一）`; English: `Week 48, 2026 (Nov 23 – Nov 29)`.
    static func periodTitle(_ period: ReportPeriod, en: Bool) -> String {
        let first = period.localDate(period.start)
        let last = period.localDate(period.end.addingTimeInterval(-1))
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        switch period.kind {
        case .day:
            return en ? "\(months[first.month - 1]) \(first.day), \(first.year)" : "\(first.year)年\(first.month)月\(first.day)日"
        case .week:
            let week = period.isoWeek
            return en
                ? "Week \(week.week), \(week.year) (\(months[first.month - 1]) \(first.day) – \(months[last.month - 1]) \(last.day))"
                : "\(week.year)年第\(week.week)周（\(first.month)月\(first.day)日—\(last.month)月\(last.day)日）"
        case .month:
            return en ? "\(months[first.month - 1]) \(first.year)" : "\(first.year)年\(first.month)月"
        }
    }

    /// 环比 as people write it: `+12.5%`, `-3.0%`, `持平`, `新增` when the previous period had none.
    /// The story line a reader scans: who carried it first, how many sites took it up and how fast.
    static func spread(_ story: DigestData.Story, en: Bool) -> String {
        let sites = max(story.totalSites ?? story.sites, story.sites)
        let items = max(story.totalItems ?? story.items, story.items)
        let seconds = story.lastSeen.map { Int($0.timeIntervalSince(story.firstSeen)) } ?? 0
        let partial = items > story.items
        if en {
            var line = "First on \(story.firstSource)"
            if sites > 1 {
                line += "; carried by \(sites) sites" + (seconds >= 60 ? " within \(span(seconds, en: true))" : "")
            }
            line += ", \(items) item\(items == 1 ? "" : "s")"
            if partial { line += " (\(story.items) in this period)" }
            return line
        }
        var line = "\(story.firstSource)首发"
        if sites > 1 {
            line += "，" + (seconds >= 60 ? "\(span(seconds, en: false))内" : "") + "被 \(sites) 个站点转载"
        }
        line += "，共 \(items) 条"
        if partial { line += "（本期 \(story.items) 条）" }
        return line
    }

    /// `6 小时`, `2 天 3 小时`, `45 分钟` (or English): a spread time rounded to what a reader needs.
    static func span(_ seconds: Int, en: Bool) -> String {
        let days = seconds / 86_400, hours = seconds % 86_400 / 3_600, minutes = max(1, seconds % 3_600 / 60)
        func unit(_ n: Int, _ zh: String, _ english: String) -> String {
            en ? "\(n) \(english)\(n == 1 ? "" : "s")" : "\(n) \(zh)"
        }
        if days > 0 { return unit(days, "天", "day") + (hours > 0 ? " " + unit(hours, "小时", "hour") : "") }
        if hours > 0 { return unit(hours, "小时", "hour") }
        return unit(minutes, "分钟", "minute")
    }

    static func change(_ current: Int, _ previous: Int, en: Bool) -> String {
        if previous == 0 { return current == 0 ? "—" : (en ? "new" : "新增") }
        if current == previous { return en ? "±0%" : "持平" }
        let percent = Double(current - previous) / Double(previous) * 100
        return String(format: "%+.1f%%", percent)
    }

    private static func rows(_ counts: [DigestData.Count], en: Bool) -> [CountRow] {
        let largest = max(1, counts.map(\.count).max() ?? 0)
        return counts.map { count in
            let bar = width(count.count, of: largest)
            return CountRow(label: count.label, count: count.count, previous: count.previous,
                            change: change(count.count, count.previous, en: en), bar: bar, rest: 100 - bar,
                            hasBar: bar > 0)
        }
    }

    /// Percent of `largest`, at least 1 for a non-zero value so it stays visible.
    private static func width(_ value: Int, of largest: Int) -> Int {
        guard value > 0 else { return 0 }
        return max(1, Int((Double(value) / Double(largest) * 100).rounded()))
    }

    /// The URL if it is http(s), else nil: nothing else becomes a link in a mail client.
    static func link(_ text: String) -> String? {
        let lower = text.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? text : nil
    }

    private static func englishChannel(_ channel: Channel) -> String {
        switch channel {
        case .news: "News sites"
        case .forum: "Forums"
        case .weibo: "Weibo"
        case .wechat: "WeChat"
        case .other: "Other"
        }
    }
}
