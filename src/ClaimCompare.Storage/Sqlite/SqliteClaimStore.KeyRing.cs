namespace ClaimCompare.Storage.Sqlite;

/// <summary>The DataProtection key ring in the file, so that sign-in cookies outlive the process and its home folder.</summary>
public sealed partial class SqliteClaimStore : IKeyRingStore
{
    // Microsoft.Data.Sqlite runs its async methods synchronously, so waiting on them here blocks no more than the
    // synchronous calls would; DataProtection calls these rarely (start-up, key rotation).

    /// <inheritdoc />
    public IReadOnlyList<string> ReadKeyElements() => ReadKeyElementsAsync().GetAwaiter().GetResult();

    /// <inheritdoc />
    public void StoreKeyElement(string name, string xml) =>
        WriteAsync(async (connection, transaction) =>
        {
            using var insert = Command(connection, transaction,
                "INSERT INTO data_protection_keys (name, xml, created_at) VALUES ($n, $x, $at) ON CONFLICT (name) DO NOTHING",
                ("$n", name), ("$x", xml), ("$at", FormatTime(DateTimeOffset.UtcNow)));
            return await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }, CancellationToken.None).GetAwaiter().GetResult();

    private async Task<IReadOnlyList<string>> ReadKeyElementsAsync()
    {
        await using var connection = await OpenReaderAsync(CancellationToken.None).ConfigureAwait(false);
        using var command = Command(connection, null, "SELECT xml FROM data_protection_keys ORDER BY created_at, name");
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        var elements = new List<string>();
        while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            elements.Add(reader.GetString(0));
        }

        return elements;
    }
}
