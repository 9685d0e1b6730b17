using ClaimCompare.Storage.Sqlite;

namespace ClaimCompare.Storage.Tests.Sqlite;

public class MigrationTests
{
    [Fact]
    public async Task A_fresh_file_is_created_in_WAL_mode_and_migrated_to_the_latest_version()
    {
        using var db = new TempDatabase();
        await using var store = db.Open();

        var version = await store.MigrateAsync(CancellationToken.None);

        Assert.Equal(Migrations.All[^1].Version, version);
        Assert.True(File.Exists(db.Path));
        Assert.Equal("wal", db.Scalar("PRAGMA journal_mode"));
        Assert.Equal((long)Migrations.All.Count, db.Scalar("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal("initial schema", db.Scalar("SELECT name FROM schema_version WHERE version = 1"));
        Assert.NotNull(db.Scalar("SELECT applied_at FROM schema_version WHERE version = 1"));
    }

    [Fact]
    public async Task Reopening_applies_nothing_twice_and_keeps_the_data()
    {
        using var db = new TempDatabase();
        await using (var store = db.Open())
        {
            await store.MigrateAsync(CancellationToken.None);
            await store.IngestAsync(TempDatabase.Document("d1"), CancellationToken.None);
        }

        var appliedAt = db.Scalar("SELECT applied_at FROM schema_version WHERE version = 1");
        await using (var store = db.Open())
        {
            var version = await store.MigrateAsync(CancellationToken.None);
            Assert.Equal(Migrations.All[^1].Version, version);
            Assert.NotNull(await store.GetDocumentAsync("d1", CancellationToken.None));
            Assert.Equal(version, await store.GetSchemaVersionAsync(CancellationToken.None));
        }

        Assert.Equal((long)Migrations.All.Count, db.Scalar("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(appliedAt, db.Scalar("SELECT applied_at FROM schema_version WHERE version = 1"));
    }

    [Fact]
    public async Task A_database_at_an_older_version_is_migrated_forward_step_by_step()
    {
        using var db = new TempDatabase();
        await using (var store = db.Open())
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        // Roll the file back to version 1 as an older build would have left it.
        db.Scalar("DROP TABLE removed_spans; DROP INDEX ix_review_evidence_claim; DROP TABLE document_originals; DROP TABLE feed_items; ALTER TABLE near_duplicates DROP COLUMN confidence; DROP TABLE data_protection_keys; DELETE FROM schema_version WHERE version > 1;");
        await using (var store = db.Open())
        {
            Assert.Equal(1, await store.GetSchemaVersionAsync(CancellationToken.None));
            Assert.Equal(Migrations.All[^1].Version, await store.MigrateAsync(CancellationToken.None));
        }

        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM removed_spans"));
        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM data_protection_keys"));
        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_review_evidence_claim'"));
        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM document_originals"));
        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM feed_items"));
        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM pragma_table_info('near_duplicates') WHERE name = 'confidence'"));
    }

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused()
    {
        using var db = new TempDatabase();
        await using (var store = db.Open())
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        db.Scalar("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', '2030-01-01')");
        await using var reopened = db.Open();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reopened.MigrateAsync(CancellationToken.None));
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_stores_migrating_one_file_at_once_apply_each_migration_once()
    {
        using var db = new TempDatabase();
        await using var a = db.Open();
        await using var b = db.Open();

        await Task.WhenAll(Task.Run(() => a.MigrateAsync(CancellationToken.None)), Task.Run(() => b.MigrateAsync(CancellationToken.None)));

        Assert.Equal((long)Migrations.All.Count, db.Scalar("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task A_failing_migration_leaves_the_previous_version_intact()
    {
        using var db = new TempDatabase();
        await using var store = db.Open();
        await store.MigrateAsync(CancellationToken.None);
        var broken = Migrations.All.Append(new Migration(Migrations.All[^1].Version + 1, "broken", "CREATE TABLE extra (x INTEGER); SELECT * FROM no_such_table;")).ToList();

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db.Path};Pooling=False");
        await connection.OpenAsync();
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => SqliteMigrator.MigrateAsync(connection, broken, CancellationToken.None));

        Assert.Equal((long)Migrations.All[^1].Version, db.Scalar("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'extra'"));
    }

    [Fact]
    public async Task A_database_at_mains_version_4_gets_the_confidence_column_with_its_edges_kept_at_confidence_1()
    {
        using var db = new TempDatabase();
        await using (var store = db.Open())
        {
            await store.MigrateAsync(CancellationToken.None);
            await store.IngestAsync(TempDatabase.Document("d1"), CancellationToken.None);
        }

        // As a build with migrations 1-4 (inputs' pages and feeds) left it, with one near-duplicate edge stored.
        db.Scalar("ALTER TABLE near_duplicates DROP COLUMN confidence; DROP TABLE data_protection_keys; DELETE FROM schema_version WHERE version > 4;");
        db.Scalar("""
            INSERT INTO near_duplicates (a_document, a_passage, a_start, a_end, b_document, b_passage, b_start, b_end, a_text, b_text, jaccard, containment, fuzzy, kind)
            VALUES ('d1', 0, 0, 5, 'd1', 1, 6, 11, 'a', 'b', 0.5, 0.5, 0.9, 'rewrite');
            """);
        await using (var store = db.Open())
        {
            Assert.Equal(4, await store.GetSchemaVersionAsync(CancellationToken.None));
            Assert.Equal(7, await store.MigrateAsync(CancellationToken.None));
        }

        Assert.Equal(1.0, db.Scalar("SELECT confidence FROM near_duplicates"));
        Assert.Equal("near-duplicate confidence", db.Scalar("SELECT name FROM schema_version WHERE version = 5"));
    }

    [Fact]
    public async Task The_confidence_migration_records_its_version_on_a_database_that_already_has_the_column()
    {
        using var db = new TempDatabase();
        await using (var store = db.Open())
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        // A database from a build that added the column under another version number: the column is there, 5 is not.
        db.Scalar("DROP TABLE data_protection_keys; DELETE FROM schema_version WHERE version >= 5");
        await using (var store = db.Open())
        {
            Assert.Equal(7, await store.MigrateAsync(CancellationToken.None));
        }

        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM pragma_table_info('near_duplicates') WHERE name = 'confidence'"));
        Assert.Equal("near-duplicate confidence", db.Scalar("SELECT name FROM schema_version WHERE version = 5"));
    }
}
