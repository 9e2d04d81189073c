extension StoredItem {
    /// The text of `field` as rules see it.
    public func text(of field: ItemField) -> String {
        switch field {
        case .title: title
        case .body: summary
        }
    }

    /// The item as the rule engine sees it, with its source's channel and region and its sentiment.
    public func matchable(channel: Channel, region: String?) -> MatchableItem {
        MatchableItem(title: title, body: summary, sourceID: sourceID, channel: channel, region: region,
                      sentiment: sentiment?.label)
    }
}
