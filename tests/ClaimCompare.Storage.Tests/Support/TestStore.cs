using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using Microsoft.Data.Sqlite;

namespace ClaimCompare.Storage.Tests.Support;

/// <summary>
/// A fresh, empty database of either kind for one test: a SQLite file in a temporary folder, or a new schema in the
/// PostgreSQL test database. Stores opened through it are disposed with it, then the file or schema is removed.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly List<IClaimStore> _opened = [];
    private readonly string? _directory;
    private readonly string? _schema;

    private TestStore(StoreKind kind, string location, string? directory, string? schema)
    {
        Kind = kind;
        Location = location;
        _directory = directory;
        _schema = schema;
    }

    public StoreKind Kind { get; }

    /// <summary>What <c>--db</c> would say: the SQLite path, or the PostgreSQL connection string (search path = the test schema).</summary>
    public string Location { get; }

    public static async Task<TestStore> CreateAsync(StoreKind kind)
    {
        if (kind == StoreKind.Postgres)
        {
            var (schema, connectionString) = await PostgresTestDatabase.CreateSchemaAsync();
            return new TestStore(kind, connectionString, null, schema);
        }

        var directory = Path.Combine(Path.GetTempPath(), "claimcompare-storage-tests", Guid.NewGuid().ToString("N"));
        return new TestStore(kind, Path.Combine(directory, "store.db"), directory, null);
    }

    public IClaimStore Open(IIngestStepHook? hook = null)
    {
        var store = StoreLocation.Parse(Location).Open(hook);
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    public async Task<IClaimStore> OpenMigratedAsync(IIngestStepHook? hook = null)
    {
        var store = Open(hook);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public object? Scalar(string sql)
    {
        if (Kind == StoreKind.Postgres)
        {
            return PostgresTestDatabase.Scalar(Location, sql);
        }

        using var connection = new SqliteConnection($"Data Source={Location};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Rows of <paramref name="table"/> (which may carry a WHERE clause), read straight from the database.</summary>
    public long Count(string table) => Convert.ToInt64(Scalar($"SELECT COUNT(*) FROM {table}"), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        if (_schema is not null)
        {
            await PostgresTestDatabase.DropSchemaAsync(_schema);
        }

        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}

/// <summary>Documents and findings to ingest.</summary>
public static class TestDocuments
{
    public static readonly DateTimeOffset Published = DateTimeOffset.Parse("2022-01-12T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A document with one indexed sentence (the first 20 characters of <paramref name="text"/>).</summary>
    public static NewDocument Document(string id, string text = "First sentence here. Second one.", string? storyKey = "story", params Finding[] findings)
    {
        var passages = new List<Passage>
        {
            new(0, 0, PassageKind.Sentence, 0, 20, text[..20], text[..20]),
        };
        return new NewDocument(id, "hash-" + id, "Outlet", "https://example.org/" + id, Published,
            "Title", text, passages, [new PassageSignature(0, "test/v1", [1, 2, 3])], [], findings, new StoryTarget(null, storyKey, "Title"), "tester")
        {
            StoryKey = storyKey,
        };
    }

    /// <summary>A conflict with one piece of evidence: the claim [start, start + 5) in <paramref name="documentId"/>.</summary>
    public static Finding Conflict(string documentId, string topic, int start = 0) =>
        new(FindingKind.Conflict, topic, 0.8, [Evidence(documentId, start)]);

    public static Evidence Evidence(string documentId, int start) =>
        new(documentId, new SourceSpan(0, 20, "First sentence here."), new SourceSpan(start, start + 5, "First"), "1");
}
