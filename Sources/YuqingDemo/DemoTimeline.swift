import Foundation

/// Decides which demo items exist at a given moment, so the site gains items while it runs.
///
/// Item `k` is story `k % stories.count`; after the last story the cycle restarts as
/// follow-up reports, so the site never runs dry. The first `initialCount` items are
/// dated before the start, as if the site had been publishing for a while.
public struct DemoTimeline: Sendable, Hashable {
    /// One published item.
    public struct Entry: Sendable, Hashable {
        /// Sequence number, also the article id in its URL.
        public var sequence: Int
        /// The story it is a (re)print of.
        public var story: DemoCatalog.Story
        /// Headline, with the follow-up number after the first cycle.
        public var title: String
        /// Publication time.
        public var published: Date
    }

    /// When the site started.
    public var start: Date
    /// Time between two new items.
    public var interval: Duration
    /// Items that exist at start.
    public var initialCount: Int
    /// The stories cycled through.
    public var stories: [DemoCatalog.Story]

    /// Creates a timeline.
    public init(start: Date, interval: Duration, initialCount: Int, stories: [DemoCatalog.Story]) {
        precondition(!stories.isEmpty, "the demo needs at least one story")
        self.start = start
        self.interval = interval
        self.initialCount = initialCount
        self.stories = stories
    }

    private var intervalSeconds: Double {
        Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
    }

    /// How many items exist at `now`.
    public func publishedCount(at now: Date) -> Int {
        let elapsed = max(0, now.timeIntervalSince(start))
        return initialCount + Int(elapsed / intervalSeconds)
    }

    /// Item `sequence`, whether or not it is published yet.
    public func entry(_ sequence: Int) -> Entry {
        let story = stories[sequence % stories.count]
        let round = sequence / stories.count
        let title = round == 0 ? story.title : "\(story.title)（跟进报道 \(round)）"
        let published: Date
        if sequence < initialCount {
            published = start.addingTimeInterval(-Double(initialCount - sequence) * 37 * 60)
        } else {
            published = start.addingTimeInterval(Double(sequence - initialCount + 1) * intervalSeconds)
        }
        return Entry(sequence: sequence, story: story, title: title, published: published)
    }

    /// The newest `limit` items of `feedID` published by `now`, newest first.
    public func entries(feed feedID: String, at now: Date, limit: Int = 20) -> [Entry] {
        var result: [Entry] = []
        var sequence = publishedCount(at: now) - 1
        while sequence >= 0, result.count < limit {
            let candidate = entry(sequence)
            if candidate.story.feed == feedID { result.append(candidate) }
            sequence -= 1
        }
        return result
    }
}
