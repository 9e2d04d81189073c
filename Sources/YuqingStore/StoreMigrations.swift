import GRDB

/// The store's schema, as a list of named migrations.
///
/// APPEND-ONLY. A migration that has shipped is never edited, renamed, reordered or
/// removed: databases in the field have recorded it as applied (in
/// `grdb_migrations`) and will never run it again, so an edit would leave them with a
/// schema this code does not expect. Change the schema by registering a new migration
/// at the end (`v2.…`), which also runs on existing databases.
enum StoreMigrations {
    /// The migrator with every migration, in order.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()

        // Sources are never deleted: items and fetch logs keep pointing at them, and
        // reports still need their names. One that leaves Sources.yml gets `retired_at`.
        migrator.registerMigration("v1.sources") { db in
            try db.create(table: "source") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("url", .text).notNull()
                t.column("channel", .text).notNull()
                t.column("region", .text)
                t.column("tags", .jsonText).notNull().defaults(to: "[]")
                t.column("enabled", .boolean).notNull().defaults(to: true)
                t.column("first_configured_at", .datetime).notNull()
                t.column("last_configured_at", .datetime).notNull()
                t.column("retired_at", .datetime)
            }
        }

        // AUTOINCREMENT so that a row id is never reused: alerts and digests refer to items by id.
        migrator.registerMigration("v1.items") { db in
            try db.create(table: "item") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_id", .text).notNull().references("source")
                t.column("dedup_key", .text).notNull()
                t.column("url", .text)
                t.column("raw_url", .text)
                t.column("guid", .text)
                t.column("title", .text).notNull()
                t.column("summary", .text).notNull().defaults(to: "")
                t.column("author", .text)
                t.column("published_at", .datetime)
                t.column("first_seen_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
                t.column("content_hash", .text).notNull()
                t.uniqueKey(["source_id", "dedup_key"])
            }
            try db.create(index: "item_on_first_seen_at", on: "item", columns: ["first_seen_at"])
            try db.create(index: "item_on_published_at", on: "item", columns: ["published_at"])
            // Serves "newest items of one source" without sorting the source's whole history.
            try db.create(
                index: "item_on_source_id_first_seen_at", on: "item", columns: ["source_id", "first_seen_at"])
        }

        // No CHECK on `outcome`: SQLite cannot alter a CHECK constraint, and a new
        // outcome must not need a table rebuild. `FetchOutcome` validates on write.
        migrator.registerMigration("v1.fetchLog") { db in
            try db.create(table: "fetch_log") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_id", .text).notNull().references("source")
                t.column("started_at", .datetime).notNull()
                t.column("duration_ms", .integer).notNull()
                t.column("status", .integer)
                t.column("outcome", .text).notNull()
                t.column("error", .text)
                t.column("items_found", .integer).notNull().defaults(to: 0)
                t.column("items_new", .integer).notNull().defaults(to: 0)
            }
            try db.create(
                index: "fetch_log_on_source_id_started_at", on: "fetch_log", columns: ["source_id", "started_at"])
            try db.create(index: "fetch_log_on_started_at", on: "fetch_log", columns: ["started_at"])
        }

        migrator.registerMigration("v1.sourceState") { db in
            try db.create(table: "source_state") { t in
                t.primaryKey("source_id", .text).references("source")
                t.column("etag", .text)
                t.column("last_modified", .text)
                t.column("last_fetch_at", .datetime)
                t.column("last_success_at", .datetime)
                t.column("last_new_item_at", .datetime)
                t.column("consecutive_failures", .integer).notNull().defaults(to: 0)
                t.column("total_failures", .integer).notNull().defaults(to: 0)
                t.column("total_fetches", .integer).notNull().defaults(to: 0)
                t.column("last_error", .text)
            }
        }

        // One row per item and rule: an updated item that matches the same rule again
        // updates its highlights but keeps the first `matched_at`, so an alert goes once.
        migrator.registerMigration("v2.ruleMatches") { db in
            try db.create(table: "rule_match") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("item_id", .integer).notNull().references("item", onDelete: .cascade)
                t.column("rule_name", .text).notNull()
                t.column("rule_group", .text).notNull()
                t.column("severity", .integer).notNull()
                t.column("score", .integer)
                t.column("highlights", .jsonText).notNull()
                t.column("rule_set_version", .text).notNull()
                t.column("matched_at", .datetime).notNull()
                t.uniqueKey(["item_id", "rule_name"])
            }
            try db.create(index: "rule_match_on_group_matched_at", on: "rule_match", columns: ["rule_group", "matched_at"])
            try db.create(index: "rule_match_on_matched_at", on: "rule_match", columns: ["matched_at"])
            // NULL until the item has been matched against the rules (in the same transaction
            // that records its matches), so a crash between storing and matching is caught up.
            try db.alter(table: "item") { t in t.add(column: "rules_version", .text) }
            try db.execute(sql: "CREATE INDEX item_awaiting_rules ON item(id) WHERE rules_version IS NULL")
        }

        // What a forum's thread list showed for each thread when its page was last read, so a
        // poll fetches only threads that gained replies. `content_hash` is the hash of the item
        // built from that read: a mark counts only while the item still has it, so a thread
        // whose item was never saved (the poll failed after the mark) is read again.
        migrator.registerMigration("v2.forumThreads") { db in
            try db.create(table: "forum_thread") { t in
                t.column("source_id", .text).notNull().references("source")
                t.column("dedup_key", .text).notNull()
                t.column("replies", .integer)
                t.column("last_post", .text)
                t.column("content_hash", .text).notNull()
                t.column("read_at", .datetime).notNull()
                t.primaryKey(["source_id", "dedup_key"])
            }
        }

        // Sentiment and stories. `analysed_at` is NULL until the item has been analysed (in the
        // transaction that records its sentiment and story, before rule matching), so a crash in
        // between is caught up; an edit resets it. A story's counts are kept in its row so a
        // digest or an alert reads a story's size without counting its items.
        migrator.registerMigration("v3.analysis") { db in
            try db.create(table: "story") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("title", .text).notNull()
                // Retention may delete old items; the story keeps its counts and first source.
                t.column("first_item_id", .integer).references("item", onDelete: .setNull)
                t.column("first_source_id", .text).references("source")
                t.column("first_seen_at", .datetime).notNull()
                t.column("last_seen_at", .datetime).notNull()
                t.column("item_count", .integer).notNull().defaults(to: 0)
                t.column("site_count", .integer).notNull().defaults(to: 0)
            }
            try db.create(index: "story_on_last_seen_at", on: "story", columns: ["last_seen_at"])
            try db.alter(table: "item") { t in
                t.add(column: "sentiment_score", .double)
                t.add(column: "sentiment_label", .text)
                t.add(column: "story_id", .integer).references("story", onDelete: .setNull)
                t.add(column: "analysed_at", .datetime)
            }
            try db.create(index: "item_on_story_id", on: "item", columns: ["story_id"])
            try db.execute(sql: "CREATE INDEX item_awaiting_analysis ON item(id) WHERE analysed_at IS NULL")
        }

        // The alert outbox. An alert is written in the transaction that records its rule match;
        // each target (an email recipient, a webhook) gets its own delivery row, so a failing
        // webhook never re-sends the email. `message_id` is fixed when the row is written: a
        // re-send after a crash carries the first attempt's Message-ID. `payload` is the alert
        // rendered when raised (JSON of `RenderedAlert`), so retries send the same text.
        // `alert_item` links each matched item to its grouping key (rule and story); items not
        // yet in any alert (`alert_id` NULL) make the next update alert.
        migrator.registerMigration("v3.alerts") { db in
            try db.create(table: "alert") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("rule_name", .text).notNull()
                t.column("rule_group", .text).notNull()
                t.column("severity", .integer).notNull()
                t.column("item_id", .integer).references("item", onDelete: .setNull)
                t.column("story_key", .text)
                t.column("title", .text).notNull()
                t.column("link", .text)
                t.column("created_at", .datetime).notNull()
                // Quiet hours: a held alert waits until `due_at` and goes out in the morning summary.
                t.column("due_at", .datetime).notNull()
                t.column("state", .text).notNull()
                t.column("summary_id", .integer).references("alert", onDelete: .setNull)
                t.column("targets", .jsonText).notNull()
                t.column("payload", .jsonText).notNull()
            }
            try db.create(index: "alert_on_key_created_at", on: "alert", columns: ["key", "created_at"])
            try db.create(index: "alert_on_created_at", on: "alert", columns: ["created_at"])
            try db.execute(sql: "CREATE INDEX alert_held ON alert(due_at) WHERE state = 'held'")
            try db.create(table: "alert_item") { t in
                t.column("alert_key", .text).notNull()
                t.column("item_id", .integer).notNull().references("item", onDelete: .cascade)
                t.column("source_id", .text).notNull()
                t.column("matched_at", .datetime).notNull()
                t.column("alert_id", .integer).references("alert", onDelete: .setNull)
                t.primaryKey(["alert_key", "item_id"])
            }
            try db.create(table: "alert_delivery") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("alert_id", .integer).notNull().references("alert", onDelete: .cascade)
                t.column("target", .text).notNull()
                t.column("state", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("next_attempt_at", .datetime).notNull()
                t.column("last_error", .text)
                t.column("message_id", .text).notNull()
                t.column("sent_at", .datetime)
                t.uniqueKey(["alert_id", "target"])
            }
            try db.execute(sql: "CREATE INDEX alert_delivery_due ON alert_delivery(next_attempt_at) WHERE state = 'pending'")
        }

        // Full-text search over item title and summary. The trigram tokenizer finds any substring
        // of 3+ characters, which is what Chinese needs (no word breaks); 1-2 character queries
        // fall back to LIKE in `Store.search`. External content (`content='item'`): the index
        // stores no second copy of the text, and the triggers keep it in step with `item`.
        migrator.registerMigration("v3.search") { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE item_fts USING fts5(
                    title, summary, content='item', content_rowid='id', tokenize='trigram');
                CREATE TRIGGER item_fts_after_insert AFTER INSERT ON item BEGIN
                    INSERT INTO item_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
                END;
                CREATE TRIGGER item_fts_after_delete AFTER DELETE ON item BEGIN
                    INSERT INTO item_fts(item_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
                END;
                CREATE TRIGGER item_fts_after_update AFTER UPDATE OF title, summary ON item BEGIN
                    INSERT INTO item_fts(item_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
                    INSERT INTO item_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
                END;
                INSERT INTO item_fts(item_fts) VALUES ('rebuild');
                """)
        }

        // The digest ledger: one row per schedule and period, claimed (state `built`) before the
        // mail goes out, so a restart sends each report once. `digest_schedule` remembers when a
        // schedule was first seen, so a new installation does not send reports of the past.
        migrator.registerMigration("v3.digests") { db in
            try db.create(table: "digest_run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("schedule", .text).notNull()
                t.column("period_kind", .text).notNull()
                t.column("period_start", .datetime).notNull()
                t.column("period_end", .datetime).notNull()
                t.column("period_key", .text).notNull()
                t.column("state", .text).notNull()
                t.column("built_at", .datetime).notNull()
                t.column("attempt_at", .datetime).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("sent_at", .datetime)
                t.column("message_id", .text).notNull()
                t.column("archive_path", .text)
                t.column("note", .text)
                t.uniqueKey(["schedule", "period_start"])
            }
            try db.create(table: "digest_schedule") { t in
                t.primaryKey("name", .text)
                t.column("first_seen_at", .datetime).notNull()
            }
        }

        // Each story's items per site, so a story's counts are updated by delta as items join
        // and leave (`Store.recordAnalysis`) instead of recounted from all its items on every
        // batch. Filled from the stored items; the counts in `story` are left as they are.
        migrator.registerMigration("v4.storySources") { db in
            try db.execute(sql: """
                CREATE TABLE story_source (
                    story_id INTEGER NOT NULL REFERENCES story(id) ON DELETE CASCADE,
                    source_id TEXT NOT NULL,
                    items INTEGER NOT NULL,
                    PRIMARY KEY (story_id, source_id)
                ) WITHOUT ROWID;
                INSERT INTO story_source (story_id, source_id, items)
                    SELECT story_id, source_id, COUNT(*) FROM item WHERE story_id IS NOT NULL GROUP BY story_id, source_id;
                """)
        }

        // robots.txt answers by site, so a restarted daemon does not ask every site again; each
        // holds for its lifetime after `fetched_at` (24 h at most), then is fetched anew.
        migrator.registerMigration("v4.robots") { db in
            try db.create(table: "robots_txt") { t in
                t.primaryKey("site", .text)
                t.column("status", .integer).notNull()
                t.column("body", .blob).notNull()
                t.column("fetched_at", .datetime).notNull()
            }
            try db.create(index: "robots_txt_on_fetched_at", on: "robots_txt", columns: ["fetched_at"])
        }

        // The insert trigger only queues an item for the full-text index; the write that stored it
        // indexes the whole queue in one statement before it commits (`indexPendingItems`). FTS5
        // flushes its pending terms at every statement savepoint, and an insert whose trigger
        // writes to the index has one, so indexing in the trigger wrote an index segment per item
        // (and merged them again); queued, a batch of polls writes one. Edits and deletes of an
        // item still queued leave the index alone: the queue reads the row as it is at the end.
        migrator.registerMigration("v5.searchQueue") { db in
            try db.execute(sql: """
                CREATE TABLE item_fts_pending (item_id INTEGER PRIMARY KEY);
                DROP TRIGGER item_fts_after_insert;
                CREATE TRIGGER item_fts_after_insert AFTER INSERT ON item BEGIN
                    INSERT INTO item_fts_pending (item_id) VALUES (new.id);
                END;
                DROP TRIGGER item_fts_after_update;
                CREATE TRIGGER item_fts_after_update AFTER UPDATE OF title, summary ON item
                WHEN NOT EXISTS (SELECT 1 FROM item_fts_pending WHERE item_id = new.id) BEGIN
                    INSERT INTO item_fts(item_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
                    INSERT INTO item_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
                END;
                DROP TRIGGER item_fts_after_delete;
                CREATE TRIGGER item_fts_after_delete AFTER DELETE ON item BEGIN
                    INSERT INTO item_fts(item_fts, rowid, title, summary)
                        SELECT 'delete', old.id, old.title, old.summary
                        WHERE NOT EXISTS (SELECT 1 FROM item_fts_pending WHERE item_id = old.id);
                    DELETE FROM item_fts_pending WHERE item_id = old.id;
                END;
                """)
        }

        migrator.registerMigration("v6.bodyDigest") { db in
            // The digest of the feed body last read: a 200 with the same body is not parsed again.
            try db.execute(sql: "ALTER TABLE source_state ADD COLUMN body_digest TEXT")
        }

        // Append new migrations here.
        return migrator
    }()
}
