import YuqingCore

extension SettingsReader {
    static let storyKeys = ["memory_limit"]

    /// Reads the `stories:` block: the memory limit of the in-memory story index.
    mutating func readStories(_ fields: [String: Field]) -> StoryClusterer.Configuration {
        var configuration = StoryClusterer.Configuration()
        let owner = "in 'stories'"
        if let field = fields["memory_limit"], let value = reader.byteSize(field, owner: owner) {
            let minimum = StoryClusterer.Configuration.minimumMemoryLimit
            if value < minimum {
                // The band table alone takes 1 MB; below 2 MB the index would hold almost nothing.
                reader.report(
                    "'memory_limit' \(owner) is \(value) bytes; give the story index at least 2MB "
                        + "(the default 40MB holds about 200,000 stories)",
                    at: field.value
                )
            } else {
                configuration.memoryLimit = value
            }
        }
        return configuration
    }
}
