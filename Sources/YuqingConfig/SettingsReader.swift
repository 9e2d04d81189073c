import Foundation
import Yams
import YuqingCore

/// Reads `yuqing.yml` into `ServiceSettings`. Every key is optional; a value that is wrong is
/// reported and its default kept, so `Sources.yml` can still be checked against sensible limits.
struct SettingsReader {
    static let topKeys = ["storage", "timezone", "crawl", "alerts", "smtp", "webhooks", "recipients", "http", "retention", "report", "digests", "stories"]
    static let storageKeys = ["path"]
    static let crawlKeys = [
        "user_agent", "default_interval", "minimum_interval", "connect_timeout",
        "timeout", "max_body", "max_redirects", "concurrency", "per_host_concurrency", "per_host_delay",
    ]

    var reader: NodeReader
    /// Relative storage paths resolve against this directory.
    let directory: URL
    let environment: [String: String]

    /// The settings read from `text`; values with problems keep their defaults (see `reader.issues`).
    mutating func read(_ text: String) -> ServiceSettings {
        var settings = ServiceSettings(databasePath: defaultDatabasePath())
        guard case let .node(root) = reader.compose(text) else {
            // An empty (or all-comments) yuqing.yml means "all defaults", as an absent one does.
            return settings
        }
        guard case let .mapping(mapping) = root else {
            reader.report(
                "yuqing.yml must be a map of settings (storage:, timezone:, crawl:), found \(NodeReader.describe(root))",
                at: root
            )
            return settings
        }
        let fields = reader.fields(of: mapping, accepted: Self.topKeys, owner: "at the top of yuqing.yml")
        if let storage = fields["storage"], let storageFields = section(storage, accepted: Self.storageKeys) {
            if let field = storageFields["path"], let path = reader.text(field, owner: "in 'storage'") {
                settings.databasePath = resolve(path)
            }
        }
        if let field = fields["timezone"], let zone = reader.text(field, owner: "at the top of yuqing.yml") {
            if TimeZone(identifier: zone) != nil {
                settings.timeZone = zone
            } else {
                var message = "unknown time zone '\(zone)'; use an IANA name such as Asia/Shanghai"
                if let suggestion = KeySuggestion.closest(to: zone, in: TimeZone.knownTimeZoneIdentifiers) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                reader.report(message, at: field.value)
            }
        }
        if let crawl = fields["crawl"], let crawlFields = section(crawl, accepted: Self.crawlKeys) {
            settings.crawl = readCrawl(crawlFields)
        }
        if let alerts = fields["alerts"], let alertFields = section(alerts, accepted: Self.alertKeys) {
            settings.alerts = readAlerts(alertFields)
        }
        if let field = fields["smtp"] { settings.smtp = readSMTP(field) }
        var webhookNames: [String] = []
        if let field = fields["webhooks"] { (settings.webhooks, webhookNames) = readWebhooks(field) }
        if let field = fields["recipients"] { settings.recipients = readRecipients(field, webhookNames: webhookNames) }
        if let http = fields["http"], let httpFields = section(http, accepted: Self.httpKeys) {
            settings.http = readHTTP(httpFields)
        }
        if let retention = fields["retention"], let retentionFields = section(retention, accepted: Self.retentionKeys) {
            settings.retention = readRetention(retentionFields)
        }
        if let stories = fields["stories"], let storyFields = section(stories, accepted: Self.storyKeys) {
            settings.stories = readStories(storyFields)
        }
        if let field = fields["report"] { settings.report = readReport(field) }
        if let field = fields["digests"] { settings.digests = readDigests(field) }
        return settings
    }

    mutating func section(_ field: Field, accepted: [String]) -> [String: Field]? {
        guard case let .mapping(mapping) = field.value else {
            reader.report(
                "expected a map for '\(field.name)', found \(NodeReader.describe(field.value)); "
                    + "indent its keys (\(accepted.joined(separator: ", "))) under '\(field.name):'",
                at: field.value
            )
            return nil
        }
        return reader.fields(of: mapping, accepted: accepted, owner: "in '\(field.name)'")
    }

    private mutating func readCrawl(_ fields: [String: Field]) -> CrawlSettings {
        var crawl = CrawlSettings()
        let owner = "in 'crawl'"
        if let field = fields["user_agent"], let value = reader.text(field, owner: owner) {
            if value.contains(where: \.isNewline) {
                reader.report("'user_agent' \(owner) must be one line; remove the line break", at: field.value)
            } else {
                crawl.userAgent = value
            }
        }
        if let field = fields["default_interval"], let value = reader.duration(field, owner: owner) {
            crawl.defaultInterval = value
        }
        if let field = fields["minimum_interval"], let value = reader.duration(field, owner: owner) {
            crawl.minimumInterval = value
        }
        if let field = fields["connect_timeout"], let value = reader.duration(field, owner: owner) {
            crawl.connectTimeout = value
        }
        if let field = fields["timeout"], let value = reader.duration(field, owner: owner) {
            crawl.totalTimeout = value
        }
        if let field = fields["max_body"], let value = reader.byteSize(field, owner: owner) {
            crawl.maxBodyBytes = value
        }
        if let field = fields["max_redirects"], let value = reader.integer(field, owner: owner, minimum: 0) {
            crawl.maxRedirects = value
        }
        if let field = fields["concurrency"], let value = reader.integer(field, owner: owner, minimum: 1) {
            crawl.concurrency = value
        }
        if let field = fields["per_host_concurrency"], let value = reader.integer(field, owner: owner, minimum: 1) {
            crawl.perHostConcurrency = value
        }
        if let field = fields["per_host_delay"], let value = reader.durationOrZero(field, owner: owner) {
            crawl.perHostDelay = value
        }
        // A default the loader would reject in every source that inherits it is a mistake here, not there.
        if crawl.defaultInterval < crawl.minimumInterval {
            let at = fields["default_interval"] ?? fields["minimum_interval"]
            if let at {
                reader.report(
                    "default_interval \(DurationText.format(crawl.defaultInterval)) \(owner) is shorter than "
                        + "minimum_interval \(DurationText.format(crawl.minimumInterval)); raise it or lower minimum_interval",
                    at: at.value
                )
            }
        }
        return crawl
    }

    /// `$STATE_DIRECTORY/yuqing.sqlite` under systemd (`StateDirectory=`), else `DIR/data/yuqing.sqlite`.
    private func defaultDatabasePath() -> String {
        // systemd joins several StateDirectory= entries with ':'; the first is the service's own.
        if let state = environment["STATE_DIRECTORY"]?.split(separator: ":").first, !state.isEmpty {
            return URL(fileURLWithPath: String(state), isDirectory: true)
                .appendingPathComponent("yuqing.sqlite").standardizedFileURL.path
        }
        return resolve("data/yuqing.sqlite")
    }

    func resolve(_ path: String) -> String {
        // Not `URL(fileURLWithPath:relativeTo:)`: a base without a trailing slash would drop its last component.
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}
