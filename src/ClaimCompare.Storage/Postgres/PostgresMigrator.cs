using ClaimCompare.Storage.Sqlite;
using Npgsql;

namespace ClaimCompare.Storage.Postgres;

/// <summary>Applies <see cref="PostgresMigrations"/> to the connection's schema and records each in <c>schema_version</c>.</summary>
/// <remarks>
/// Several instances may start at once on one database: each takes a session advisory lock, keyed by the schema,
/// around the whole migration, so one applies the migrations and the others then find them applied. Each migration
/// runs in its own transaction (PostgreSQL's DDL is transactional), so a failing one leaves the previous version intact.
/// </remarks>
internal static class PostgresMigrator
{
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        var schema = await CurrentSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('claimcompare/migrate/' || @schema, 0))", connection))
        {
            lockCommand.Parameters.AddWithValue("schema", schema);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version     integer PRIMARY KEY,
                    name        text NOT NULL,
                    applied_at  timestamptz NOT NULL
                );
                """, cancellationToken).ConfigureAwait(false);

            foreach (var migration in migrations)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var current = await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                if (current >= migration.Version)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (@v, @n, now())", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", migration.Version);
                    record.Parameters.AddWithValue("n", migration.Name);
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            var version = await CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
            if (version > migrations[^1].Version)
            {
                throw new InvalidOperationException(
                    $"The database schema is version {version}, newer than this build knows ({migrations[^1].Version}); upgrade ClaimCompare.");
            }

            return version;
        }
        finally
        {
            // Not cancellable: the lock must go even when the migration was cancelled (closing the session would free it too).
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended('claimcompare/migrate/' || @schema, 0))", connection);
                unlock.Parameters.AddWithValue("schema", schema);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> CurrentSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT current_schema()", connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string
            ?? throw new InvalidOperationException(
                "The PostgreSQL search path names no existing schema: create the schema, or fix Search Path in the connection string.");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
