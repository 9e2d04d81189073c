import Foundation

/// The bundled content of the demo site: a fictional city's feeds and the stories they carry.
public struct DemoCatalog: Sendable, Decodable {
    /// One feed of the demo site.
    public struct Feed: Sendable, Decodable, Hashable {
        /// Source id used in the generated `Sources.yml`.
        public var id: String
        /// Display name.
        public var name: String
        /// Channel name as written in `Sources.yml`.
        public var channel: String
        /// `rss2` or `atom`.
        public var format: String
        /// Charset the feed is served in; `gb2312` feeds are sent as GBK bytes, as old Chinese sites do.
        public var charset: String
        /// URL path of the feed.
        public var path: String
    }

    /// One story template; the timeline publishes it, and reprints of it, over time.
    public struct Story: Sendable, Decodable, Hashable {
        /// Which feed carries it.
        public var feed: String
        /// Headline.
        public var title: String
        /// Short text.
        public var summary: String
        /// Byline.
        public var author: String
    }

    /// The fictional city the demo is about.
    public var city: String
    /// Feeds served.
    public var feeds: [Feed]
    /// Stories, in publication order.
    public var stories: [Story]

    /// Loads the catalog bundled with the `YuqingDemo` target.
    public static func bundled() throws -> DemoCatalog {
        guard let url = Bundle.module.url(forResource: "stories", withExtension: "json", subdirectory: "Resources") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "demo resource stories.json is missing from the bundle"])
        }
        return try JSONDecoder().decode(DemoCatalog.self, from: Data(contentsOf: url))
    }
}
