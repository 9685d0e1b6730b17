using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;
using Npgsql;

namespace ClaimCompare.Storage.Postgres;

/// <summary>What several service instances on one database share: the key ring, the ingest lock and the change feed.</summary>
public sealed partial class PostgresClaimStore : IKeyRingStore, ISharedStoreCoordination
{
    /// <inheritdoc />
    public PostgresNearDuplicateState CreateNearDuplicateState(DedupOptions options, bool indexTopics)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PostgresNearDuplicateState(_dataSource, options, indexTopics);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ReadKeyElements()
    {
        using var connection = OpenSync();
        using var command = Command(connection, null, "SELECT xml FROM data_protection_keys ORDER BY created_at, name");
        using var reader = command.ExecuteReader();
        var elements = new List<string>();
        while (reader.Read())
        {
            elements.Add(reader.GetString(0));
        }

        return elements;
    }

    /// <inheritdoc />
    public void StoreKeyElement(string name, string xml)
    {
        using var connection = OpenSync();
        using var command = Command(connection, null,
            "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@n, @x, now()) ON CONFLICT (name) DO NOTHING", ("n", name), ("x", xml));
        command.ExecuteNonQuery();
    }

    private NpgsqlConnection OpenSync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return _dataSource.OpenConnection();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new StoreUnavailableException($"cannot connect to {Description}: {Reason(e)}", e);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A session advisory lock keyed by the schema, on a connection of its own that is held until the lock is released
    /// (then unlocked and returned to the pool). A process that dies closes the connection, and the server frees the lock.
    /// </remarks>
    public async Task<IAsyncDisposable> AcquireIngestLockAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = Command(connection, null, "SELECT pg_advisory_lock(hashtextextended('claimcompare/ingest/' || current_schema(), 0))");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new IngestLock(connection);
        }
        catch
        {
            // A cancelled wait leaves the statement cancelled and the lock not taken; the connection goes back unlocked.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class IngestLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended('claimcompare/ingest/' || current_schema(), 0))", connection);
                await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                // Closing the session would free the lock too, should the unlock itself have failed.
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<long> GetLastChangeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT COALESCE(MAX(seq), 0) FROM store_changes");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoreChange>> ReadChangesAsync(long after, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT seq, document_id, story_key, deleted, passages_json FROM store_changes WHERE seq > @after ORDER BY seq", ("after", after));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var changes = new List<StoreChange>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var passages = reader.IsDBNull(4) ? null : StoreJson.Deserialize<List<FeedPassage>>(reader.GetString(4));
            changes.Add(new StoreChange(reader.GetInt64(0), reader.GetString(1), ReadString(reader, 2), reader.GetBoolean(3),
                passages?.ConvertAll(p => new Passage(p.Idx, p.Paragraph, p.Kind == "heading" ? PassageKind.Heading : PassageKind.Sentence, p.Start, p.End, p.Normalized, p.Normalized))));
        }

        return changes;
    }

    /// <summary>A stored passage as the feed keeps it for a delete (the JSON PostgreSQL's json_build_object makes).</summary>
    private sealed record FeedPassage(int Idx, int Paragraph, string Kind, int Start, int End, string Normalized);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredSignature>> GetSignaturesAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        if (documentIds.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, """
            SELECT s.document_id, s.passage, p.start, p."end", s.scheme, s.signature
            FROM signatures s JOIN passages p ON p.document_id = s.document_id AND p.idx = s.passage
            WHERE s.document_id = ANY(@d)
            ORDER BY s.document_id, s.passage
            """, ("d", documentIds.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var signatures = new List<StoredSignature>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            signatures.Add(new StoredSignature(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetFieldValue<byte[]>(5)));
        }

        return signatures;
    }

    /// <summary>The feed row of a stored document, in its ingest transaction.</summary>
    private static NpgsqlBatchCommand RecordStoredCommand(NewDocument document)
    {
        var command = new NpgsqlBatchCommand("INSERT INTO store_changes (document_id, story_key, deleted, passages_json, at) VALUES (@d, @k, FALSE, NULL, now()) RETURNING seq");
        command.Parameters.Add(new NpgsqlParameter("d", NpgsqlTypes.NpgsqlDbType.Text) { Value = document.Id });
        command.Parameters.Add(new NpgsqlParameter("k", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)document.StoryKey ?? DBNull.Value });
        return command;
    }

    /// <summary>Runs <paramref name="commands"/> as one batch; the first column of the first one's first row.</summary>
    private static async Task<object?> ExecuteScalarAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return await FirstValueAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="batch"/>: the first column of its first command's first row, or null; the rest of the
    /// batch is read through, so its errors surface here.</summary>
    internal static async Task<object?> FirstValueAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        object? value = null;
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            value = reader.GetValue(0);
        }

        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        return value;
    }

    /// <summary>The feed row of a deleted document with its passages as stored, in its delete transaction, before the rows go.</summary>
    private static Task<int> RecordDeletedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, CancellationToken cancellationToken) =>
        ExecuteAsync(Command(connection, transaction, """
            INSERT INTO store_changes (document_id, story_key, deleted, passages_json, at)
            SELECT d.id, d.story_key, TRUE,
                   (SELECT COALESCE(json_agg(json_build_object('idx', p.idx, 'paragraph', p.paragraph, 'kind', p.kind, 'start', p.start,
                                                              'end', p."end", 'normalized', p.normalized) ORDER BY p.idx), '[]')::text
                    FROM passages p WHERE p.document_id = d.id),
                   now()
            FROM documents d WHERE d.id = @id
            """, ("id", id)), cancellationToken);
}
