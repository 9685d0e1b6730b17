using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ClaimCompare.Storage.Sqlite;

/// <summary>Applies <see cref="Migrations"/> to a database and records each in <c>schema_version</c>.</summary>
internal static class SqliteMigrator
{
    public static int LatestVersion => Migrations.All[^1].Version;

    /// <summary>Brings the schema up to date.</summary>
    /// <exception cref="InvalidOperationException">The database was written by a newer version of ClaimCompare.</exception>
    public static async Task<int> MigrateAsync(SqliteConnection connection, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER PRIMARY KEY,
                name        TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            );
            """, cancellationToken).ConfigureAwait(false);

        foreach (var migration in migrations)
        {
            // BEGIN IMMEDIATE takes the write lock first, so two processes starting together
            // cannot both see the old version and apply the same migration twice.
            using var transaction = connection.BeginTransaction(deferred: false);
            var current = await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (current >= migration.Version)
            {
                transaction.Commit();
                continue;
            }

            if (migration.AlreadyAppliedWhen is null || !await AnyAsync(connection, transaction, migration.AlreadyAppliedWhen, cancellationToken).ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            }

            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($v, $n, $at)";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            transaction.Commit();
        }

        var version = await CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        if (version > migrations[^1].Version)
        {
            throw new InvalidOperationException(
                $"The database schema is version {version}, newer than this build knows ({migrations[^1].Version}); upgrade ClaimCompare.");
        }

        return version;
    }

    private static async Task<int> CurrentVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static async Task<bool> AnyAsync(SqliteConnection connection, SqliteTransaction transaction, string query, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = query;
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
