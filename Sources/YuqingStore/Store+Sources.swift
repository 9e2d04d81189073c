import Foundation
import GRDB
import YuqingCore

extension Store {
    /// Makes the `source` table match the configuration: upserts every source in
    /// `sources` (a returning one loses its `retired_at`) and marks every other
    /// stored source retired at `date`. Nothing is deleted: items and fetch logs of
    /// a retired source stay.
    public func syncSources(_ sources: [Source], at date: Date) throws(StoreError) {
        try write("sync sources") { db in try Self.syncSources(sources, at: date, in: db) }
    }

    /// `syncSources(_:at:)` without blocking a thread while another write finishes.
    public func syncSources(_ sources: [Source], at date: Date) async throws(StoreError) {
        try await write("sync sources") { db in try Self.syncSources(sources, at: date, in: db) }
    }

    /// Every stored source, retired ones included, by id.
    public func sources() throws(StoreError) -> [SourceRecord] {
        try read("read sources") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM source ORDER BY id").map(Self.sourceRecord)
        }
    }

    /// The stored source `id`, retired or not.
    public func source(id: String) throws(StoreError) -> SourceRecord? {
        try read("read source \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM source WHERE id = ?", arguments: [id]).map(Self.sourceRecord)
        }
    }

    // MARK: - Implementation

    private static func syncSources(_ sources: [Source], at date: Date, in db: Database) throws {
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO source (id, name, kind, url, channel, region, tags, enabled,
                                first_configured_at, last_configured_at, retired_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
            ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, kind = excluded.kind, url = excluded.url, channel = excluded.channel,
                region = excluded.region, tags = excluded.tags, enabled = excluded.enabled,
                last_configured_at = excluded.last_configured_at, retired_at = NULL
            """)
        for source in sources {
            try upsert.execute(arguments: [
                source.id, source.name, source.kind.rawValue, source.url.absoluteString, source.channel.rawValue,
                source.region, encodeTags(source.tags), source.enabled, date, date,
            ])
        }
        // Compared in Swift rather than with `NOT IN (?, ?, …)`, which would hit
        // SQLite's bound-parameter limit with a large Sources.yml.
        let configured = Set(sources.map(\.id))
        let active = try String.fetchAll(db, sql: "SELECT id FROM source WHERE retired_at IS NULL")
        let retire = try db.cachedStatement(sql: "UPDATE source SET retired_at = ? WHERE id = ?")
        for id in active where !configured.contains(id) {
            try retire.execute(arguments: [date, id])
        }
    }

    private static func encodeTags(_ tags: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(tags), as: UTF8.self)
    }

    private static func sourceRecord(_ row: Row) throws -> SourceRecord {
        let tagsJSON: String = try row.decode(forColumn: "tags")
        // Tags only feed reports; a damaged value should not make the source unreadable.
        let tags = (try? JSONDecoder().decode([String].self, from: Data(tagsJSON.utf8))) ?? []
        return SourceRecord(
            id: try row.decode(forColumn: "id"),
            name: try row.decode(forColumn: "name"),
            kind: try row.decode(forColumn: "kind"),
            url: try row.decode(forColumn: "url"),
            channel: try row.decode(forColumn: "channel"),
            region: try row.decode(forColumn: "region"),
            tags: tags,
            enabled: try row.decode(forColumn: "enabled"),
            firstConfiguredAt: try row.decode(forColumn: "first_configured_at"),
            lastConfiguredAt: try row.decode(forColumn: "last_configured_at"),
            retiredAt: try row.decode(forColumn: "retired_at")
        )
    }
}
