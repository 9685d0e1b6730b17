namespace ClaimCompare.Storage.Sqlite;

/// <summary>One schema migration: applied once, in version order, in its own transaction.</summary>
/// <param name="Version">Schema version after the migration; versions are consecutive from 1.</param>
/// <param name="Name">Short description, recorded in <c>schema_version</c>.</param>
/// <param name="Sql">The statements.</param>
internal sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>
    /// A query returning a count; when it is above zero the migration's change is already there, so only its version
    /// is recorded (keeps a migration that SQLite cannot write idempotently, such as <c>ADD COLUMN</c>, safe to run).
    /// </summary>
    public string? AlreadyAppliedWhen { get; init; }
}

/// <summary>The ordered schema migrations. Append only: never edit a migration that has shipped.</summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "initial schema", """
            CREATE TABLE stories (
                id          INTEGER PRIMARY KEY,
                story_key   TEXT UNIQUE,
                title       TEXT,
                created_at  TEXT NOT NULL
            );

            CREATE TABLE documents (
                id            TEXT PRIMARY KEY,
                content_hash  TEXT NOT NULL UNIQUE,
                source        TEXT NOT NULL,
                url           TEXT,
                published     TEXT,
                title         TEXT,
                text          TEXT NOT NULL,
                story_id      INTEGER NOT NULL REFERENCES stories(id),
                story_key     TEXT,
                claims_json   TEXT,
                ingested_at   TEXT NOT NULL
            );
            CREATE INDEX ix_documents_story ON documents(story_id);
            CREATE INDEX ix_documents_source ON documents(source, published);

            CREATE TABLE passages (
                document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                idx          INTEGER NOT NULL,
                paragraph    INTEGER NOT NULL,
                kind         TEXT NOT NULL,
                start        INTEGER NOT NULL,
                "end"        INTEGER NOT NULL,
                normalized   TEXT NOT NULL,
                PRIMARY KEY (document_id, idx)
            ) WITHOUT ROWID;

            CREATE TABLE signatures (
                document_id  TEXT NOT NULL,
                passage      INTEGER NOT NULL,
                scheme       TEXT NOT NULL,
                signature    BLOB NOT NULL,
                PRIMARY KEY (document_id, passage),
                FOREIGN KEY (document_id, passage) REFERENCES passages(document_id, idx) ON DELETE CASCADE
            ) WITHOUT ROWID;

            CREATE TABLE near_duplicates (
                a_document   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                a_passage    INTEGER NOT NULL,
                a_start      INTEGER NOT NULL,
                a_end        INTEGER NOT NULL,
                b_document   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                b_passage    INTEGER NOT NULL,
                b_start      INTEGER NOT NULL,
                b_end        INTEGER NOT NULL,
                a_text       TEXT NOT NULL,
                b_text       TEXT NOT NULL,
                jaccard      REAL NOT NULL,
                containment  REAL NOT NULL,
                fuzzy        REAL NOT NULL,
                kind         TEXT NOT NULL,
                PRIMARY KEY (a_document, a_passage, b_document, b_passage)
            ) WITHOUT ROWID;
            CREATE INDEX ix_near_duplicates_b ON near_duplicates(b_document);

            CREATE TABLE findings (
                id           INTEGER PRIMARY KEY,
                document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                story_id     INTEGER NOT NULL REFERENCES stories(id),
                kind         TEXT NOT NULL,
                topic        TEXT NOT NULL,
                item_key     TEXT,
                json         TEXT NOT NULL
            );
            CREATE INDEX ix_findings_story ON findings(story_id);
            CREATE INDEX ix_findings_document ON findings(document_id);

            CREATE TABLE review_items (
                id          INTEGER PRIMARY KEY,
                item_key    TEXT NOT NULL UNIQUE,
                story_id    INTEGER NOT NULL,
                kind        TEXT NOT NULL,
                topic       TEXT NOT NULL,
                status      TEXT NOT NULL,
                assignee    TEXT,
                note        TEXT,
                version     INTEGER NOT NULL,
                created_at  TEXT NOT NULL,
                updated_at  TEXT NOT NULL
            );
            CREATE INDEX ix_review_status ON review_items(status, id);
            CREATE INDEX ix_review_story ON review_items(story_id, id);
            CREATE INDEX ix_review_assignee ON review_items(assignee, id);

            -- No foreign key to documents: evidence and audit outlive a deleted document.
            CREATE TABLE review_evidence (
                item_id      INTEGER NOT NULL REFERENCES review_items(id),
                document_id  TEXT NOT NULL,
                claim_start  INTEGER NOT NULL,
                claim_end    INTEGER NOT NULL,
                finding_id   INTEGER NOT NULL,
                confidence   REAL NOT NULL,
                explanation  TEXT,
                json         TEXT NOT NULL,
                added_at     TEXT NOT NULL,
                PRIMARY KEY (item_id, document_id, claim_start, claim_end)
            ) WITHOUT ROWID;

            CREATE TABLE review_audit (
                id       INTEGER PRIMARY KEY,
                item_id  INTEGER NOT NULL REFERENCES review_items(id),
                at       TEXT NOT NULL,
                actor    TEXT NOT NULL,
                action   TEXT NOT NULL,
                before   TEXT,
                after    TEXT NOT NULL
            );
            CREATE INDEX ix_review_audit_item ON review_audit(item_id, id);
            """),
        new(2, "removed boilerplate spans", """
            CREATE TABLE removed_spans (
                document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                start        INTEGER NOT NULL,
                "end"        INTEGER NOT NULL,
                reason       TEXT NOT NULL,
                PRIMARY KEY (document_id, start)
            ) WITHOUT ROWID;
            """),
        new(3, "review evidence by claim", """
            CREATE INDEX ix_review_evidence_claim ON review_evidence(document_id, claim_start, claim_end);
            """),
        new(4, "original pages and feed items", """
            CREATE TABLE document_originals (
                document_id  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
                format       TEXT NOT NULL,
                markup       TEXT NOT NULL,
                blocks_json  TEXT
            ) WITHOUT ROWID;

            CREATE TABLE feed_items (
                item_key     TEXT PRIMARY KEY,
                document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            CREATE INDEX ix_feed_items_document ON feed_items(document_id);
            """),
        // Idempotent: a database that already has the column (a build of the rewrites branch before the merge numbered
        // this migration 4) records the version and changes nothing.
        new(5, "near-duplicate confidence", """
            ALTER TABLE near_duplicates ADD COLUMN confidence REAL NOT NULL DEFAULT 1;
            """)
        {
            AlreadyAppliedWhen = "SELECT COUNT(*) FROM pragma_table_info('near_duplicates') WHERE name = 'confidence'",
        },
        // PostgreSQL's version 6 also has the change feed that several instances on one database need.
        new(6, "shared instance state", """
            CREATE TABLE IF NOT EXISTS data_protection_keys (
                name        TEXT PRIMARY KEY,
                xml         TEXT NOT NULL,
                created_at  TEXT NOT NULL
            );
            """),
        // PostgreSQL's version 7 holds the near-duplicate engine's state for every instance; SQLite serves one process,
        // whose engine keeps its state in memory, so the version is recorded and nothing changes.
        new(7, "near-duplicate engine state", """
            SELECT 1;
            """),
    ];
}
