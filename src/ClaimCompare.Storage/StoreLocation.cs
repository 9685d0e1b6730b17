using System.Text.RegularExpressions;
using ClaimCompare.Storage.Postgres;
using ClaimCompare.Storage.Sqlite;

namespace ClaimCompare.Storage;

/// <summary>Which database a store runs on.</summary>
public enum StoreKind
{
    /// <summary>One SQLite file (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, which several service instances can share.</summary>
    Postgres,
}

/// <summary>
/// Where the store lives, chosen by the one setting the user gives (<c>--db</c>, <c>ClaimCompare:DatabasePath</c>):
/// a PostgreSQL connection string in URI form (<c>postgres://user:pass@host:port/db?sslmode=require</c>, also
/// <c>postgresql://</c>) or keyword form (<c>Host=…;Port=…;Database=…;Username=…</c>), or else the path of a SQLite file.
/// </summary>
/// <remarks>
/// Any other <c>scheme://</c> prefix is refused rather than taken for a relative path: a mistyped URI must not quietly
/// create a SQLite file under a folder named after the scheme.
/// </remarks>
public sealed partial class StoreLocation
{
    private StoreLocation(StoreKind kind, string value, string description)
    {
        Kind = kind;
        Value = value;
        Description = description;
    }

    /// <summary>SQLite or PostgreSQL.</summary>
    public StoreKind Kind { get; }

    /// <summary>The SQLite file path, or the PostgreSQL connection string in Npgsql's keyword form (with the password, if any).</summary>
    public string Value { get; }

    /// <summary>For logs and error messages: the file, or <c>user@host:port/database</c>; never a password.</summary>
    public string Description { get; }

    /// <summary>Reads the database setting.</summary>
    /// <param name="database">A PostgreSQL URI or keyword connection string, or a SQLite file path.</param>
    /// <returns>The location.</returns>
    /// <exception cref="ArgumentException"><paramref name="database"/> is empty, a URI of another scheme, or a malformed PostgreSQL connection string.</exception>
    public static StoreLocation Parse(string database)
    {
        if (!TryParse(database, out var location, out var error))
        {
            throw new ArgumentException(error, nameof(database));
        }

        return location;
    }

    /// <summary>Reads the database setting without throwing.</summary>
    /// <param name="database">A PostgreSQL URI or keyword connection string, or a SQLite file path.</param>
    /// <param name="location">The location, when valid.</param>
    /// <param name="error">Why the setting is not valid, naming no password.</param>
    /// <returns>True when valid.</returns>
    public static bool TryParse(
        string? database,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StoreLocation? location,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        location = null;
        error = null;
        var value = database?.Trim() ?? "";
        if (value.Length == 0)
        {
            error = "the database setting is empty: give a SQLite file path or a PostgreSQL connection string";
            return false;
        }

        if (UriScheme().Match(value) is { Success: true } scheme)
        {
            var name = scheme.Groups[1].Value;
            if (!IsPostgresScheme(name))
            {
                error = $"unsupported database URI scheme '{name}://': use postgres://user:password@host:port/database, or a plain file path for SQLite";
                return false;
            }

            if (!PostgresConnectionString.TryFromUri(value, out var connectionString, out error))
            {
                return false;
            }

            location = new StoreLocation(StoreKind.Postgres, connectionString, PostgresConnectionString.Describe(connectionString));
            return true;
        }

        if (BareScheme().Match(value) is { Success: true } bare && IsPostgresScheme(bare.Groups[1].Value))
        {
            error = $"'{bare.Groups[1].Value}:' without '//' is not a PostgreSQL URI: write postgres://user:password@host:port/database";
            return false;
        }

        if (PostgresConnectionString.LooksLikeKeywordForm(value))
        {
            if (!PostgresConnectionString.TryFromKeywords(value, out var connectionString, out error))
            {
                return false;
            }

            location = new StoreLocation(StoreKind.Postgres, connectionString, PostgresConnectionString.Describe(connectionString));
            return true;
        }

        location = new StoreLocation(StoreKind.Sqlite, value, "SQLite file " + Path.GetFullPath(value));
        return true;
    }

    /// <summary>Creates the store (not yet migrated: call <see cref="IClaimStore.MigrateAsync"/>).</summary>
    /// <param name="hook">Optional observer of ingest steps (fault-injection tests).</param>
    /// <returns>A <see cref="SqliteClaimStore"/> or a <see cref="PostgresClaimStore"/>; both are <see cref="IAsyncDisposable"/>.</returns>
    public IClaimStore Open(IIngestStepHook? hook = null) => Kind switch
    {
        StoreKind.Postgres => new PostgresClaimStore(new PostgresStoreOptions { ConnectionString = Value }, hook),
        _ => new SqliteClaimStore(new SqliteStoreOptions { Path = Value }, hook),
    };

    /// <inheritdoc />
    public override string ToString() => Description;

    private static bool IsPostgresScheme(string scheme) =>
        scheme.Equals("postgres", StringComparison.OrdinalIgnoreCase) || scheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]*)://", RegexOptions.CultureInvariant)]
    private static partial Regex UriScheme();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]+):", RegexOptions.CultureInvariant)]
    private static partial Regex BareScheme();
}
