using System.Reflection;
using Npgsql;
using Xunit.Sdk;

namespace ClaimCompare.Storage.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: <c>CLAIMCOMPARE_TEST_POSTGRES</c> holds a connection string to a database the
/// tests may create schemas in (<c>source .ci/postgres.sh start</c> starts a throwaway cluster and sets it; .ci/run
/// does so in CI). Each test gets a fresh schema, dropped afterwards.
/// </summary>
/// <remarks>
/// Without the variable the PostgreSQL cases fail, saying how to start the cluster, rather than pass unseen; set
/// <c>CLAIMCOMPARE_TEST_SKIP_POSTGRES=1</c> to skip them instead. (Compiled into the Server tests too.)
/// </remarks>
internal static class PostgresTestDatabase
{
    public const string Variable = "CLAIMCOMPARE_TEST_POSTGRES";
    public const string OptOutVariable = "CLAIMCOMPARE_TEST_SKIP_POSTGRES";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Why PostgreSQL cases are skipped (only when opted out and no server is configured), else null.</summary>
    public static string? SkipReason =>
        ConnectionString is null && Environment.GetEnvironmentVariable(OptOutVariable) is "1" or "true"
            ? $"{OptOutVariable} is set and {Variable} is not: PostgreSQL cases skipped"
            : null;

    public static string RequireConnectionString() => ConnectionString ?? throw new InvalidOperationException(
        $"{Variable} is not set, so the PostgreSQL test cases cannot run. Start a throwaway cluster from the repository root "
        + $"with `source .ci/postgres.sh start` (it sets {Variable}; `source .ci/postgres.sh stop` removes it), or set "
        + $"{OptOutVariable}=1 to skip the PostgreSQL cases.");

    /// <summary>Creates a fresh schema and returns its name and a connection string whose search path is that schema.</summary>
    public static async Task<(string Schema, string ConnectionString)> CreateSchemaAsync()
    {
        var baseString = RequireConnectionString();
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(Unpooled(baseString)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(baseString) { SearchPath = schema, MaxPoolSize = 30 };
        return (schema, builder.ConnectionString);
    }

    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(Unpooled(RequireConnectionString()));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs one statement on a connection of its own (not pooled) and returns the first column of the first row.</summary>
    public static object? Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(Unpooled(connectionString));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
}

/// <summary>The SQLite case of a backend theory.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SqliteDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreKind.Sqlite]];
}

/// <summary>The PostgreSQL case of a backend theory; skipped only when opted out (see <see cref="PostgresTestDatabase"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (PostgresTestDatabase.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreKind.Postgres]];
}

/// <summary>A fact that needs PostgreSQL; skipped only when opted out (see <see cref="PostgresTestDatabase"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestDatabase.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
