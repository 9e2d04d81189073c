/// A story's activity in one period, for "top stories of the week" in digests.
public struct StoryActivity: Sendable, Hashable {
    /// The story as a whole (all-time counts, first source and time).
    public var story: StoredStory
    /// Items of the story first stored in the period.
    public var items: Int
    /// Distinct sources among those items.
    public var sites: Int

    /// Creates an activity value.
    public init(story: StoredStory, items: Int, sites: Int) {
        self.story = story
        self.items = items
        self.sites = sites
    }
}
