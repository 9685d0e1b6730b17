using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using ClaimCompare.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ClaimCompare.Storage.Tests.Sqlite;

/// <summary>A temporary database file, deleted with its directory.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "claimcompare-storage-tests", Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Directory, "store.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public SqliteClaimStore Open(IIngestStepHook? hook = null) => new(new SqliteStoreOptions { Path = Path }, hook);

    public object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    public static NewDocument Document(string id, string text = "First sentence here. Second one.", string? storyKey = "story", params Finding[] findings)
    {
        var passages = new List<Passage>
        {
            new(0, 0, PassageKind.Sentence, 0, 20, text[..20], text[..20]),
        };
        return new NewDocument(id, "hash-" + id, "Outlet", "https://example.org/" + id, DateTimeOffset.Parse("2022-01-12T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            "Title", text, passages, [new PassageSignature(0, "test/v1", [1, 2, 3])], [], findings, new StoryTarget(null, storyKey, "Title"), "tester")
        {
            StoryKey = storyKey,
        };
    }

    public static Finding Conflict(string documentId, string topic, int start = 0) =>
        new(FindingKind.Conflict, topic, 0.8, [new Evidence(documentId, new SourceSpan(0, 20, "First sentence here."), new SourceSpan(start, start + 5, "First"), "1")]);
}
