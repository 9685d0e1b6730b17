namespace ClaimCompare.Storage.Postgres;

/// <summary>Settings for <see cref="PostgresClaimStore"/>.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>An Npgsql keyword connection string (<see cref="StoreLocation"/> converts the URI form). Its <c>Search Path</c>, if any, picks the schema.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>How often a transaction that PostgreSQL aborted as a deadlock victim or serialisation failure is run again before the error is returned.</summary>
    public int MaxAttempts { get; init; } = 3;
}
