using ClaimCompare.Core.Comparison;
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

    public static NewDocument Document(string id, string text = "First sentence here. Second one.", string? storyKey = "story", params Finding[] findings) =>
        Support.TestDocuments.Document(id, text, storyKey, findings);

    public static Finding Conflict(string documentId, string topic, int start = 0) => Support.TestDocuments.Conflict(documentId, topic, start);
}
