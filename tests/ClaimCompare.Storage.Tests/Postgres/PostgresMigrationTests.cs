using ClaimCompare.Storage.Postgres;
using ClaimCompare.Storage.Sqlite;
using ClaimCompare.Storage.Tests.Support;
using Npgsql;

namespace ClaimCompare.Storage.Tests.Postgres;

public class PostgresMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [PostgresFact]
    public async Task A_fresh_schema_is_migrated_to_the_latest_version_with_SQLites_numbering()
    {
        await using var db = await TestStore.CreateAsync(StoreKind.Postgres);
        var store = (PostgresClaimStore)db.Open();

        Assert.Equal(0, await store.GetSchemaVersionAsync(None));
        var version = await store.MigrateAsync(None);

        Assert.Equal(Migrations.All[^1].Version, version);
        Assert.Equal(Migrations.All.Select(m => (m.Version, m.Name)), PostgresMigrations.All.Select(m => (m.Version, m.Name)));
        Assert.Equal(version, await store.GetSchemaVersionAsync(None));
        Assert.Equal((long)PostgresMigrations.All.Count, db.Count("schema_version"));
        Assert.NotNull(db.Scalar("SELECT applied_at FROM schema_version WHERE version = 1"));
    }

    [PostgresFact]
    public async Task Every_query_on_a_large_table_has_an_index()
    {
        await using var db = await TestStore.CreateAsync(StoreKind.Postgres);
        await db.OpenMigratedAsync();

        var indexes = (string)db.Scalar("""
            SELECT string_agg(indexdef, E'\n' ORDER BY indexname) FROM pg_indexes WHERE schemaname = current_schema()
            """)!;

        foreach (var expected in new[]
        {
            "documents USING btree (content_hash)", "documents USING btree (story_id, ingested_at, id)", "documents USING btree (source, published)",
            "passages USING btree (document_id, idx)", "signatures USING btree (document_id, passage)",
            "near_duplicates USING btree (a_document, a_passage, b_document, b_passage)", "near_duplicates USING btree (b_document)",
            "findings USING btree (story_id, id)", "findings USING btree (document_id)",
            "review_items USING btree (item_key)", "review_items USING btree (status, id)", "review_items USING btree (story_id, id)",
            "review_items USING btree (assignee, id)", "review_evidence USING btree (item_id, document_id, claim_start, claim_end)",
            "review_evidence USING btree (document_id, claim_start, claim_end)", "review_audit USING btree (item_id, id)",
            "stories USING btree (story_key)", "removed_spans USING btree (document_id, start)",
        })
        {
            Assert.Contains(expected, indexes, StringComparison.Ordinal);
        }
    }

    [PostgresFact]
    public async Task A_schema_at_an_older_version_is_migrated_forward_step_by_step()
    {
        await using var db = await TestStore.CreateAsync(StoreKind.Postgres);
        await db.OpenMigratedAsync();
        db.Scalar("DROP TABLE removed_spans; DROP TABLE document_originals; DROP TABLE feed_items; DROP TABLE data_protection_keys; DROP TABLE store_changes; ALTER TABLE near_duplicates DROP COLUMN confidence; DROP INDEX ix_review_evidence_claim; DELETE FROM schema_version WHERE version > 1;");

        var store = (PostgresClaimStore)db.Open();
        Assert.Equal(1, await store.GetSchemaVersionAsync(None));
        Assert.Equal(PostgresMigrations.All[^1].Version, await store.MigrateAsync(None));

        Assert.Equal(0L, db.Count("removed_spans"));
        Assert.Equal(0L, db.Count("data_protection_keys"));
        Assert.Equal(0L, db.Count("store_changes"));
        Assert.Equal(1L, db.Count("pg_indexes WHERE schemaname = current_schema() AND indexname = 'ix_review_evidence_claim'"));
        Assert.Equal(1L, db.Count("information_schema.columns WHERE table_schema = current_schema() AND table_name = 'near_duplicates' AND column_name = 'confidence'"));
    }

    [PostgresFact]
    public async Task A_schema_at_version_4_gets_the_confidence_column_with_its_edges_kept_at_confidence_1()
    {
        await using var db = await TestStore.CreateAsync(StoreKind.Postgres);
        var migrated = await db.OpenMigratedAsync();
        await migrated.IngestAsync(TestDocuments.Document("d1"), None);

        // As a build with migrations 1-4 left it, with one near-duplicate edge stored.
        db.Scalar("DROP TABLE data_protection_keys; DROP TABLE store_changes; ALTER TABLE near_duplicates DROP COLUMN confidence; DELETE FROM schema_version WHERE version > 4;");
        db.Scalar("""
            INSERT INTO near_duplicates (a_document, a_passage, a_start, a_end, b_document, b_passage, b_start, b_end, a_text, b_text, jaccard, containment, fuzzy, kind)
            VALUES ('d1', 0, 0, 5, 'd1', 1, 6, 11, 'a', 'b', 0.5, 0.5, 0.9, 'rewrite');
            """);

        var store = (PostgresClaimStore)db.Open();
        Assert.Equal(4, await store.GetSchemaVersionAsync(None));
        Assert.Equal(7, await store.MigrateAsync(None));

        Assert.Equal(1.0, Assert.Single(await store.GetEdgesForDocumentAsync("d1", None)).Confidence);
        Assert.Equal("near-duplicate confidence", db.Scalar("SELECT name FROM schema_version WHERE version = 5"));
        Assert.Equal("shared instance state", db.Scalar("SELECT name FROM schema_version WHERE version = 6"));
    }

    [PostgresFact]
    public async Task A_schema_from_a_newer_build_is_refused()
    {
        await using var db = await TestStore.CreateAsync(StoreKind.Postgres);
        await db.OpenMigratedAsync();
        db.Scalar("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', now())");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Open().MigrateAsync(None));

        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Stores_of_several_processes_migrating_one_schema_at_once_apply_each_migration_once()
    {
        await using var db = await TestStore.CreateAsync(StoreKind.Postgres);
        // Separate stores have separate connection pools, as separate service instances would.
        var stores = Enumerable.Range(0, 6).Select(_ => db.Open()).ToList();

        var versions = await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(None))));

        Assert.All(versions, v => Assert.Equal(PostgresMigrations.All[^1].Version, v));
        Assert.Equal((long)PostgresMigrations.All.Count, db.Count("schema_version"));
    }

    [PostgresFact]
    public async Task A_failing_migration_leaves_the_previous_version_intact_and_releases_the_lock()
    {
        await using var db = await TestStore.CreateAsync(StoreKind.Postgres);
        await db.OpenMigratedAsync();
        var broken = PostgresMigrations.All.Append(new Migration(PostgresMigrations.All[^1].Version + 1, "broken",
            "CREATE TABLE extra (x integer); SELECT * FROM no_such_table;")).ToList();

        await using (var connection = new NpgsqlConnection(PostgresTestDatabase.Unpooled(db.Location)))
        {
            await connection.OpenAsync();
            await Assert.ThrowsAsync<PostgresException>(() => PostgresMigrator.MigrateAsync(connection, broken, None));
            // Still usable, and the advisory lock is free: another session migrates without waiting.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            Assert.Equal(PostgresMigrations.All[^1].Version, await db.Open().MigrateAsync(timeout.Token));
        }

        Assert.Equal((long)PostgresMigrations.All[^1].Version, Convert.ToInt64(db.Scalar("SELECT MAX(version) FROM schema_version"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, db.Count("pg_tables WHERE schemaname = current_schema() AND tablename = 'extra'"));
    }

    [PostgresFact]
    public async Task A_search_path_naming_no_schema_is_a_clear_error()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.RequireConnectionString()) { SearchPath = "no_such_schema_" + Guid.NewGuid().ToString("N") };
        await using var store = new PostgresClaimStore(new PostgresStoreOptions { ConnectionString = builder.ConnectionString });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MigrateAsync(None));

        Assert.Contains("search path", error.Message, StringComparison.Ordinal);
    }
}
