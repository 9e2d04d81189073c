import Foundation

/// Everything one digest (舆情日报/周报/月报) reports, section by section, as numbers and
/// texts gathered from the store. `DigestView` turns it into what the templates print.
public struct DigestData: Sendable, Hashable {
    /// A count with the previous period's count, for 环比.
    public struct Count: Sendable, Hashable {
        /// What is counted (a channel's label, a region, a severity).
        public var label: String
        /// This period.
        public var count: Int
        /// The previous period.
        public var previous: Int

        /// Creates a count.
        public init(label: String, count: Int, previous: Int = 0) {
            self.label = label
            self.count = count
            self.previous = previous
        }
    }

    /// 1. 概述.
    public struct Overview: Sendable, Hashable {
        /// Items first seen in the period.
        public var total: Int
        /// Items first seen in the previous period.
        public var previousTotal: Int
        /// By channel, in the order offices count them (新闻网站, 论坛, 微博, 微信, 其他).
        public var channels: [Count]
        /// By region, largest first; sources without a region count under "" (shown as 未标注).
        public var regions: [Count]
        /// Sources that brought at least one item in the period.
        public var sourcesCovered: Int
        /// Sources configured and enabled.
        public var sourcesConfigured: Int

        /// Creates an overview.
        public init(total: Int = 0, previousTotal: Int = 0, channels: [Count] = [], regions: [Count] = [],
                    sourcesCovered: Int = 0, sourcesConfigured: Int = 0) {
            self.total = total
            self.previousTotal = previousTotal
            self.channels = channels
            self.regions = regions
            self.sourcesCovered = sourcesCovered
            self.sourcesConfigured = sourcesConfigured
        }
    }

    /// 2. 舆情走势: one day.
    public struct Day: Sendable, Hashable {
        /// The local midnight that starts the day.
        public var start: Date
        /// Items first seen that day.
        public var items: Int
        /// Of those, items labelled negative (0 until items carry a sentiment).
        public var negative: Int

        /// Creates a day.
        public init(start: Date, items: Int, negative: Int = 0) {
            self.start = start
            self.items = items
            self.negative = negative
        }
    }

    /// 3. 热点事件: one story.
    public struct Story: Sendable, Hashable {
        /// The story's title (crawled text).
        public var title: String
        /// Link to its first item, if any.
        public var url: URL?
        /// Name of the source that first carried it.
        public var firstSource: String
        /// When it was first seen.
        public var firstSeen: Date
        /// Its items first seen in the period.
        public var items: Int
        /// Distinct sources carrying it in the period.
        public var sites: Int
        /// The prevailing sentiment of its items, when known.
        public var sentiment: SentimentLabel?
        /// Rule groups its items matched.
        public var groups: [String]
        /// All its items so far (nil: same as `items`).
        public var totalItems: Int?
        /// All distinct sources so far (nil: same as `sites`).
        public var totalSites: Int?
        /// When its latest item was seen (how fast it spread), when known.
        public var lastSeen: Date?

        /// Creates a story.
        public init(title: String, url: URL?, firstSource: String, firstSeen: Date, items: Int, sites: Int,
                    sentiment: SentimentLabel?, groups: [String], totalItems: Int? = nil, totalSites: Int? = nil,
                    lastSeen: Date? = nil) {
            self.totalItems = totalItems
            self.totalSites = totalSites
            self.lastSeen = lastSeen
            self.title = title
            self.url = url
            self.firstSource = firstSource
            self.firstSeen = firstSeen
            self.items = items
            self.sites = sites
            self.sentiment = sentiment
            self.groups = groups
        }
    }

    /// 4. 负面与敏感信息: one item worth reading.
    public struct FlaggedItem: Sendable, Hashable {
        /// Title (crawled text).
        public var title: String
        /// Link.
        public var url: URL?
        /// Source name.
        public var source: String
        /// When it was first seen.
        public var seenAt: Date
        /// The rule that flagged it (empty when it is listed for its sentiment only).
        public var rule: String
        /// Its sentiment, when known.
        public var sentiment: SentimentLabel?

        /// Creates a flagged item.
        public init(title: String, url: URL?, source: String, seenAt: Date, rule: String, sentiment: SentimentLabel? = nil) {
            self.title = title
            self.url = url
            self.source = source
            self.seenAt = seenAt
            self.rule = rule
            self.sentiment = sentiment
        }
    }

    /// 4. 负面与敏感信息: the items of one rule group at one severity.
    public struct FlaggedGroup: Sendable, Hashable {
        /// The rule group (`negative-only items` use the label the view gives them).
        public var group: String
        /// The severity.
        public var severity: RuleSeverity
        /// How many distinct items (more than `items` lists when truncated).
        public var count: Int
        /// The most serious and newest items, at most a handful.
        public var items: [FlaggedItem]

        /// Creates a group.
        public init(group: String, severity: RuleSeverity, count: Int, items: [FlaggedItem]) {
            self.group = group
            self.severity = severity
            self.count = count
            self.items = items
        }
    }

    /// 5. 预警情况.
    public struct Alerts: Sendable, Hashable {
        /// Alerts sent in the period.
        public var total: Int
        /// By severity, most serious first.
        public var bySeverity: [Count]
        /// By rule group, largest first.
        public var byGroup: [Count]
        /// Median time from an item's first sight to its alert's delivery.
        public var medianDelay: Duration?
        /// Longest such time.
        public var maxDelay: Duration?
        /// Deliveries given up (a target that never received its alert).
        public var failed: Int

        /// Creates an alert summary.
        public init(total: Int = 0, bySeverity: [Count] = [], byGroup: [Count] = [], medianDelay: Duration? = nil,
                    maxDelay: Duration? = nil, failed: Int = 0) {
            self.total = total
            self.bySeverity = bySeverity
            self.byGroup = byGroup
            self.medianDelay = medianDelay
            self.maxDelay = maxDelay
            self.failed = failed
        }
    }

    /// 7. 站点监测: one source with a problem.
    public struct SourceIssue: Sendable, Hashable {
        /// Source name.
        public var name: String
        /// Its address.
        public var url: URL?
        /// Why (from `SourceHealth.reason`).
        public var reason: String

        /// Creates an issue.
        public init(name: String, url: URL?, reason: String) {
            self.name = name
            self.url = url
            self.reason = reason
        }
    }

    /// 7. 站点监测.
    public struct Health: Sendable, Hashable {
        /// Enabled sources.
        public var monitored: Int
        /// Of those, reachable at their last fetch.
        public var reachable: Int
        /// Sources whose latest fetches failed.
        public var failing: [SourceIssue]
        /// Sources that went quiet for longer than usual.
        public var stale: [SourceIssue]

        /// Creates a health summary.
        public init(monitored: Int = 0, reachable: Int = 0, failing: [SourceIssue] = [], stale: [SourceIssue] = []) {
            self.monitored = monitored
            self.reachable = reachable
            self.failing = failing
            self.stale = stale
        }
    }

    /// The period reported.
    public var period: ReportPeriod
    /// When the report was built.
    public var generatedAt: Date
    /// The schedule it was built for (nil on demand).
    public var scheduleName: String?
    /// Rule groups the report is limited to (empty: all).
    public var groups: [String]
    /// Regions the report is limited to (empty: all).
    public var regions: [String]
    /// Set when the report goes out late after downtime: when it was due.
    public var lateSince: Date?
    /// 1. 概述.
    public var overview: Overview
    /// 2. 舆情走势, one entry per day of the period.
    public var trend: [Day]
    /// Whether items carry a sentiment yet (else negative counts are unknown, not zero).
    public var sentimentAvailable: Bool
    /// 3. 热点事件, biggest first.
    public var stories: [Story]
    /// 4. 负面与敏感信息, most serious first.
    public var flagged: [FlaggedGroup]
    /// 5. 预警情况; nil when the store has no alert ledger yet.
    public var alerts: Alerts?
    /// 6. 热词, rising most first.
    public var hotTerms: [HotTerm]
    /// 7. 站点监测.
    public var health: Health

    /// Creates report data; sections default to empty.
    public init(
        period: ReportPeriod, generatedAt: Date, scheduleName: String? = nil, groups: [String] = [],
        regions: [String] = [], lateSince: Date? = nil, overview: Overview = Overview(), trend: [Day] = [],
        sentimentAvailable: Bool = false, stories: [Story] = [], flagged: [FlaggedGroup] = [], alerts: Alerts? = nil,
        hotTerms: [HotTerm] = [], health: Health = Health()
    ) {
        self.period = period
        self.generatedAt = generatedAt
        self.scheduleName = scheduleName
        self.groups = groups
        self.regions = regions
        self.lateSince = lateSince
        self.overview = overview
        self.trend = trend
        self.sentimentAvailable = sentimentAvailable
        self.stories = stories
        self.flagged = flagged
        self.alerts = alerts
        self.hotTerms = hotTerms
        self.health = health
    }
}
