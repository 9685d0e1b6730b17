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
        db.Scalar("DROP TABLE removed_spans; DROP INDEX ix_review_evidence_claim; DROP TABLE document_originals; DROP TABLE feed_items; DELETE FROM schema_version WHERE version > 1;");
        await using (var store = db.Open())
        {
            Assert.Equal(1, await store.GetSchemaVersionAsync(CancellationToken.None));
            Assert.Equal(Migrations.All[^1].Version, await store.MigrateAsync(CancellationToken.None));
        }

        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM removed_spans"));
        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_review_evidence_claim'"));
        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM document_originals"));
        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM feed_items"));
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
}
