using Microsoft.Data.Sqlite;

namespace ClaimCompare.Storage.Sqlite;

/// <summary>Settings for <see cref="SqliteClaimStore"/>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Path of the database file; created with its directory when missing.</summary>
    public required string Path { get; init; }

    /// <summary>How long a connection waits for a lock held by another connection or process before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    internal string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        ForeignKeys = true,
        DefaultTimeout = (int)Math.Ceiling(BusyTimeout.TotalSeconds),
    }.ToString();
}
