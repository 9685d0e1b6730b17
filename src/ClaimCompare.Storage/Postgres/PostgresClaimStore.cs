using System.Runtime.CompilerServices;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using Npgsql;
using NpgsqlTypes;

namespace ClaimCompare.Storage.Postgres;

/// <summary>
/// <see cref="IClaimStore"/> on a PostgreSQL database, with the same semantics as the SQLite store, written for several
/// processes writing at once: pooled connections, one READ COMMITTED transaction per write, no process-local lock.
/// </summary>
/// <remarks>
/// <para>Idempotency rests on unique constraints, not on a read before the write: a document is inserted with
/// <c>ON CONFLICT (content_hash) DO NOTHING</c>, so of two ingests of one article (in one process or two) one inserts
/// and the other waits for it to commit, then finds the row and reports a duplicate having written nothing. Stories by
/// client key and review items by item key are inserted the same way.</para>
/// <para>Review items of one story are created and extended under a transaction-scoped advisory lock on the story, so
/// two ingests in one story take their turn there (the rest of their transactions run side by side) and the second sees
/// the items the first created, as the item identity rules need (a later finding attaches to the item that already holds
/// one of its claims). Assign and decide lock the item's row (<c>SELECT … FOR UPDATE</c>) and update it only
/// <c>WHERE version = expected</c>: of two decisions made on one version, exactly one wins, across processes too.</para>
/// <para>Transactions aborted as deadlock victims are run again (<see cref="PostgresStoreOptions.MaxAttempts"/>).</para>
/// </remarks>
public sealed partial class PostgresClaimStore : IClaimStore, IAsyncDisposable, IDisposable
{
    // Advisory lock class for "review items of story N" (pg_advisory_xact_lock(class, N)); the two-key space does not
    // overlap the one-key space the migrator uses.
    private const int ReviewStoryLockClass = 0x43435253;

    private readonly PostgresStoreOptions _options;
    private readonly IIngestStepHook? _hook;
    private readonly NpgsqlDataSource _dataSource;
    private bool _disposed;

    /// <summary>Creates a store over <paramref name="options"/>'s database; call <see cref="MigrateAsync"/> before use.</summary>
    /// <param name="options">The connection string.</param>
    /// <param name="hook">Optional observer of ingest steps (fault-injection tests).</param>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public PostgresClaimStore(PostgresStoreOptions options, IIngestStepHook? hook = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        _options = options;
        _hook = hook;
        Description = PostgresConnectionString.Describe(options.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    /// <summary><c>PostgreSQL user@host:port/database</c>, without the password.</summary>
    public string Description { get; }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refuses the login.</exception>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresMigrator.MigrateAsync(connection, PostgresMigrations.All, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Rewrites the newest <c>schema_version</c> row with its own values in a transaction: nothing changes, but a new row
    /// version is written to the WAL and committed, so a read-only database (a standby, <c>default_transaction_read_only</c>,
    /// a user without write rights) or a full disk fails here as an ingest would. Call after <see cref="MigrateAsync"/>.
    /// </remarks>
    public Task ProbeWriteAsync(CancellationToken cancellationToken) => WriteAsync(async (connection, transaction) =>
    {
        await using var write = Command(connection, transaction,
            "UPDATE schema_version SET applied_at = applied_at WHERE version = (SELECT MAX(version) FROM schema_version)");
        return await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    /// <summary>The schema version recorded in the database (0 before the first migration).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The highest applied version.</returns>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await PostgresMigrator.CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <inheritdoc />
    public async Task<string?> FindByContentHashAsync(string contentHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT id FROM documents WHERE content_hash = @h", ("h", contentHash));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async Task<string?> FindByItemKeyAsync(string itemKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT document_id FROM feed_items WHERE item_key = @k", ("k", itemKey));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async Task<DocumentOriginal?> GetOriginalAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT format, markup, blocks_json FROM document_originals WHERE document_id = @d", ("d", documentId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new DocumentOriginal(reader.GetString(0), reader.GetString(1), ReadString(reader, 2))
            : null;
    }

    /// <inheritdoc />
    public async Task<IngestOutcome> IngestAsync(NewDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        for (var attempt = 1; ; attempt++)
        {
            // Stored already: answered without a transaction.
            if (await FindStoredAsync(document.ContentHash, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                return new IngestOutcome(stored.Id, stored.StoryId, Duplicate: true, [], []);
            }

            IngestOutcome? outcome;
            try
            {
                outcome = await WriteAsync((connection, transaction) => WriteDocumentAsync(connection, transaction, document, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (DuplicateDocumentException)
            {
                // Another transaction stored the same content first; ours rolled back with everything it wrote.
                outcome = null;
            }

            if (outcome is not null)
            {
                return outcome;
            }

            if (attempt >= 3)
            {
                // The winner was deleted again each time before it could be read: give up rather than loop.
                throw new InvalidOperationException($"The document {document.Id} was stored and deleted concurrently three times; try again.");
            }
        }
    }

    private async Task<(string Id, long StoryId)?> FindStoredAsync(string contentHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT id, story_id FROM documents WHERE content_hash = @h", ("h", contentHash));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }

    private async Task<IngestOutcome> WriteDocumentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NewDocument document, CancellationToken cancellationToken)
    {
        var storyId = await ResolveStoryAsync(connection, transaction, document.Story, cancellationToken).ConfigureAwait(false);

        // One statement, one round trip: the document and every row hanging off it. The unique content hash decides
        // between racing ingests of one article: the loser's document insert waits for the winner's commit and inserts
        // nothing, so neither do the inserts that read its RETURNING row, and the transaction rolls back (with the story
        // it may have created). Foreign keys are checked at the end of the statement, when all of it is in.
        await using (var insert = BuildDocumentInsert(connection, transaction, document, storyId))
        {
            if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                throw new DuplicateDocumentException();
            }
        }

        if (document.Original is { } original)
        {
            await ExecuteAsync(Command(connection, transaction,
                "INSERT INTO document_originals (document_id, format, markup, blocks_json) VALUES (@d, @f, @m, @b)",
                ("d", document.Id), ("f", original.Format), ("m", original.Markup), ("b", original.BlocksJson)), cancellationToken).ConfigureAwait(false);
        }

        if (document.ItemKey is { } itemKey)
        {
            // A feed item already stored under another document keeps its first document.
            await ExecuteAsync(Command(connection, transaction,
                "INSERT INTO feed_items (item_key, document_id) VALUES (@k, @d) ON CONFLICT (item_key) DO NOTHING",
                ("k", itemKey), ("d", document.Id)), cancellationToken).ConfigureAwait(false);
        }

        _hook?.AfterStep("document");
        _hook?.AfterStep("passages");
        _hook?.AfterStep("signatures");
        _hook?.AfterStep("near-duplicates");

        var findingIds = await InsertFindingsAsync(connection, transaction, document, storyId, cancellationToken).ConfigureAwait(false);
        _hook?.AfterStep("findings");

        var audits = new List<NpgsqlBatchCommand>();
        var (created, updated) = await UpsertReviewItemsAsync(
            connection, transaction, storyId, findingIds, document.Actor, audits, cancellationToken).ConfigureAwait(false);
        _hook?.AfterStep("review-items");

        // The change feed (other service instances on this database learn of the document from it), the review items'
        // audit rows and the near-duplicate engine's rows, with the document or not at all: one round trip.
        List<NpgsqlBatchCommand> last = [RecordStoredCommand(document), .. audits];
        var sequence = document.EngineState is { } engine
            ? await engine.WriteAsync(connection, transaction, cancellationToken, last).ConfigureAwait(false)
            : await ExecuteScalarAsync(connection, transaction, last, cancellationToken).ConfigureAwait(false);
        return new IngestOutcome(document.Id, storyId, Duplicate: false, created, updated) { ChangeSequence = sequence as long? };
    }

    private static NpgsqlCommand BuildDocumentInsert(NpgsqlConnection connection, NpgsqlTransaction transaction, NewDocument document, long storyId)
    {
        var passages = document.Passages;
        var idx = new int[passages.Count];
        var paragraph = new int[passages.Count];
        var passageKind = new string[passages.Count];
        var passageStart = new int[passages.Count];
        var passageEnd = new int[passages.Count];
        var normalized = new string[passages.Count];
        for (var i = 0; i < passages.Count; i++)
        {
            idx[i] = passages[i].Index;
            paragraph[i] = passages[i].Paragraph;
            passageKind[i] = passages[i].Kind == PassageKind.Heading ? "heading" : "sentence";
            passageStart[i] = passages[i].Start;
            passageEnd[i] = passages[i].End;
            normalized[i] = passages[i].Normalized;
        }

        var removed = document.Removed;
        var removedStart = new int[removed.Count];
        var removedEnd = new int[removed.Count];
        var reason = new string[removed.Count];
        for (var i = 0; i < removed.Count; i++)
        {
            (removedStart[i], removedEnd[i], reason[i]) = (removed[i].Start, removed[i].End, removed[i].Reason);
        }

        var signatures = document.Signatures;
        var signaturePassage = new int[signatures.Count];
        var scheme = new string[signatures.Count];
        var bytes = new byte[signatures.Count][];
        for (var i = 0; i < signatures.Count; i++)
        {
            (signaturePassage[i], scheme[i], bytes[i]) = (signatures[i].Passage, signatures[i].Scheme, signatures[i].Signature);
        }

        var edges = document.NearDuplicates;
        var n = edges.Count;
        var (ad, ap, @as, ae) = (new string[n], new int[n], new int[n], new int[n]);
        var (bd, bp, bs, be) = (new string[n], new int[n], new int[n], new int[n]);
        var (at, bt, edgeKind) = (new string[n], new string[n], new string[n]);
        var (j, c, f, q) = (new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            var edge = edges[i];
            (ad[i], ap[i], @as[i], ae[i], at[i]) = (edge.Document, edge.Passage, edge.Span.Start, edge.Span.End, edge.Span.Text);
            (bd[i], bp[i], bs[i], be[i], bt[i]) = (edge.OtherDocument, edge.OtherPassage, edge.OtherSpan.Start, edge.OtherSpan.End, edge.OtherSpan.Text);
            (j[i], c[i], f[i], edgeKind[i], q[i]) = (edge.Jaccard, edge.Containment, edge.Fuzzy, edge.Kind, edge.Confidence);
        }

        var command = Command(connection, transaction, """
            WITH doc AS (
                INSERT INTO documents (id, content_hash, source, url, published, title, text, story_id, story_key, claims_json, ingested_at)
                VALUES (@id, @hash, @source, @url, @published, @title, @text, @story, @key, @claims, now())
                ON CONFLICT (content_hash) DO NOTHING
                RETURNING id),
            passage_rows AS (
                INSERT INTO passages (document_id, idx, paragraph, kind, start, "end", normalized)
                SELECT doc.id, u.* FROM doc, unnest(@idx, @paragraph, @passage_kind, @passage_start, @passage_end, @normalized) AS u),
            removed_rows AS (
                INSERT INTO removed_spans (document_id, start, "end", reason)
                SELECT doc.id, u.* FROM doc, unnest(@removed_start, @removed_end, @reason) AS u),
            signature_rows AS (
                INSERT INTO signatures (document_id, passage, scheme, signature)
                SELECT doc.id, u.* FROM doc, unnest(@signature_passage, @scheme, @signature) AS u),
            edge_rows AS (
                INSERT INTO near_duplicates
                    (a_document, a_passage, a_start, a_end, b_document, b_passage, b_start, b_end, a_text, b_text, jaccard, containment, fuzzy, kind, confidence)
                SELECT u.* FROM doc, unnest(@ad, @ap, @as, @ae, @bd, @bp, @bs, @be, @at, @bt, @j, @c, @f, @edge_kind, @q) AS u
                ON CONFLICT DO NOTHING)
            SELECT id FROM doc
            """,
            ("id", document.Id), ("hash", document.ContentHash), ("source", document.Source), ("url", document.Url),
            ("title", document.Title), ("text", document.Text), ("story", storyId), ("key", document.StoryKey), ("claims", document.ClaimsJson),
            ("idx", idx), ("paragraph", paragraph), ("passage_kind", passageKind), ("passage_start", passageStart), ("passage_end", passageEnd),
            ("normalized", normalized), ("removed_start", removedStart), ("removed_end", removedEnd), ("reason", reason),
            ("signature_passage", signaturePassage), ("scheme", scheme),
            ("ad", ad), ("ap", ap), ("as", @as), ("ae", ae), ("bd", bd), ("bp", bp), ("bs", bs), ("be", be),
            ("at", at), ("bt", bt), ("j", j), ("c", c), ("f", f), ("edge_kind", edgeKind), ("q", q));
        command.Parameters.Add(Nullable("published", NpgsqlDbType.TimestampTz, document.Published?.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter("signature", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = bytes });
        return command;
    }

    /// <summary>Inserts the findings in one round trip (one statement each, so each returns its id in order).</summary>
    private static async Task<List<(long Id, Finding Finding)>> InsertFindingsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NewDocument document, long storyId, CancellationToken cancellationToken)
    {
        var result = new List<(long Id, Finding Finding)>(document.Findings.Count);
        if (document.Findings.Count == 0)
        {
            return result;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var finding in document.Findings)
        {
            var key = ReviewItemKey.IsReviewable(finding.Kind) ? ReviewItemKey.Compute(storyId, finding) : null;
            var command = new NpgsqlBatchCommand("""
                INSERT INTO findings (document_id, story_id, kind, topic, item_key, json)
                VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = document.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = storyId });
            command.Parameters.Add(new NpgsqlParameter { Value = finding.Kind.ToWireName() });
            command.Parameters.Add(new NpgsqlParameter { Value = finding.Topic });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)key ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = StoreJson.Serialize(finding) });
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var i = 0;
        do
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add((reader.GetInt64(0), document.Findings[i]));
            }

            i++;
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

        return result;
    }

    /// <summary>
    /// The story given by id, else the one with the client key, else a new one. A story key is unique: of two ingests
    /// creating one key at once, one inserts and the other finds it once the first commits.
    /// </summary>
    private static async Task<long> ResolveStoryAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StoryTarget target, CancellationToken cancellationToken)
    {
        if (target.StoryId is { } id)
        {
            await using var exists = Command(connection, transaction, "SELECT 1 FROM stories WHERE id = @id", ("id", id));
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return id;
            }
        }

        if (target.Key is null)
        {
            await using var create = Command(connection, transaction,
                "INSERT INTO stories (story_key, title, created_at) VALUES (NULL, @t, now()) RETURNING id", ("t", target.Title));
            return (long)(await create.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        // Looked up first, so that joining an existing story draws no identity value (ids stay dense).
        await using var find = Command(connection, transaction, "SELECT id FROM stories WHERE story_key = @k", ("k", target.Key));
        if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long found)
        {
            return found;
        }

        await using var insert = Command(connection, transaction, """
            INSERT INTO stories (story_key, title, created_at) VALUES (@k, @t, now())
            ON CONFLICT (story_key) DO NOTHING RETURNING id
            """, ("k", target.Key), ("t", target.Title));
        if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long inserted)
        {
            return inserted;
        }

        // Created by a transaction that committed while ours waited on the key; this statement sees it.
        return (long)(await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<StoredDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var documents = await ReadDocumentsAsync(connection, "d.id = @id", [("id", id)], cancellationToken).ConfigureAwait(false);
        return documents.Count == 0 ? null : documents[0];
    }

    /// <inheritdoc />
    public Task<bool> DeleteDocumentAsync(string id, CancellationToken cancellationToken) => DeleteDocumentAsync(id, null, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteDocumentAsync(string id, NearDuplicateStateWrite? engineState, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            if (engineState is not null)
            {
                // The engine's rows go in the same transaction (the write checked that the document is held).
                await engineState.WriteAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            }

            // The change feed first, while the passages are still there (nothing is written for an unknown id).
            await RecordDeletedAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
            // Cascades remove passages, signatures, edges, removed spans and findings; review evidence is kept on purpose.
            await using var delete = Command(connection, transaction, "DELETE FROM documents WHERE id = @id", ("id", id));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredSignature> ReadSignaturesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, """
            SELECT s.document_id, s.passage, p.start, p."end", s.scheme, s.signature
            FROM signatures s JOIN passages p ON p.document_id = s.document_id AND p.idx = s.passage
            ORDER BY s.document_id, s.passage
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new StoredSignature(
                reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), reader.GetFieldValue<byte[]>(5));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredPassage> ReadPassagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, """
            SELECT document_id, idx, paragraph, kind, start, "end", normalized FROM passages ORDER BY document_id, idx
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var normalized = reader.GetString(6);
            var kind = reader.GetString(3) == "heading" ? PassageKind.Heading : PassageKind.Sentence;
            yield return new StoredPassage(
                reader.GetString(0), new Passage(reader.GetInt32(1), reader.GetInt32(2), kind, reader.GetInt32(4), reader.GetInt32(5), normalized, normalized));
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<NearDuplicateEdge>> GetEdgesForDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var edges = await ReadEdgesAsync(connection, "n.a_document = @d OR n.b_document = @d", [("d", documentId)], cancellationToken)
            .ConfigureAwait(false);
        var result = new List<NearDuplicateEdge>(edges.Count);
        foreach (var edge in edges)
        {
            result.Add(edge.Document == documentId ? edge : edge.Reverse());
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<NearDuplicateEdge>> GetEdgesAsync(IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (documentIds is null)
        {
            return await ReadEdgesAsync(connection, "TRUE", [], cancellationToken).ConfigureAwait(false);
        }

        return await ReadEdgesAsync(connection, "n.a_document = ANY(@d) AND n.b_document = ANY(@d)", [("d", documentIds.ToArray())], cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentHeader>> GetDocumentHeadersAsync(IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = documentIds is null
            ? Command(connection, null, "SELECT id, source, published, story_id, url, title FROM documents ORDER BY id")
            : Command(connection, null, "SELECT id, source, published, story_id, url, title FROM documents WHERE id = ANY(@d) ORDER BY id", ("d", documentIds.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<DocumentHeader>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new DocumentHeader(reader.GetString(0), reader.GetString(1), ReadTime(reader, 2), reader.GetInt64(3))
            {
                Url = ReadString(reader, 4),
                Title = ReadString(reader, 5),
            });
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentStory>> GetDocumentStoriesAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
    {
        if (documentIds.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT id, story_id, published, ingested_at FROM documents WHERE id = ANY(@d) ORDER BY id", ("d", documentIds.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<DocumentStory>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new DocumentStory(reader.GetString(0), reader.GetInt64(1), ReadTime(reader, 2), ReadTime(reader, 3)!.Value));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredClaims>> GetClaimsAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
    {
        if (documentIds.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT id, claims_json FROM documents WHERE id = ANY(@d) AND claims_json IS NOT NULL ORDER BY id", ("d", documentIds.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<StoredClaims>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new StoredClaims(reader.GetString(0), reader.GetString(1)));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<long?> FindStoryByKeyAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT id FROM stories WHERE story_key = @k", ("k", key));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    /// <inheritdoc />
    public async Task<PagedResult<StorySummary>> ListStoriesAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var count = Command(connection, null, "SELECT COUNT(*) FROM stories");
        var total = (int)(long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        var stories = await ReadStoriesAsync(connection, "TRUE ORDER BY s.id DESC LIMIT @limit OFFSET @offset",
            [("limit", pageSize), ("offset", (long)(page - 1) * pageSize)], cancellationToken).ConfigureAwait(false);
        return new PagedResult<StorySummary>(stories, page, pageSize, total);
    }

    /// <inheritdoc />
    public async Task<StorySummary?> GetStoryAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var stories = await ReadStoriesAsync(connection, "s.id = @id", [("id", id)], cancellationToken).ConfigureAwait(false);
        return stories.Count == 0 ? null : stories[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredDocument>> GetStoryDocumentsAsync(long storyId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadDocumentsAsync(connection, "d.story_id = @s", [("s", storyId)], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetStoryDocumentIdsAsync(long storyId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT id FROM documents WHERE story_id = @s ORDER BY ingested_at, id", ("s", storyId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredFinding>> GetStoryFindingsAsync(long storyId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT id, document_id, story_id, json FROM findings WHERE story_id = @s ORDER BY id", ("s", storyId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<StoredFinding>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new StoredFinding(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), StoreJson.Deserialize<Finding>(reader.GetString(3))));
        }

        return result;
    }

    private static async Task<List<StorySummary>> ReadStoriesAsync(
        NpgsqlConnection connection, string where, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, $"""
            SELECT s.id, s.story_key, s.title, s.created_at, d.documents, d.first_published, d.last_published, d.sources
            FROM stories s
            CROSS JOIN LATERAL (
                SELECT COUNT(*) AS documents, MIN(published) AS first_published, MAX(published) AS last_published,
                       array_agg(DISTINCT source ORDER BY source) FILTER (WHERE source IS NOT NULL) AS sources
                FROM documents WHERE story_id = s.id) d
            WHERE {where}
            """, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<StorySummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new StorySummary(
                reader.GetInt64(0),
                ReadString(reader, 1),
                ReadString(reader, 2),
                ReadTime(reader, 3)!.Value,
                (int)reader.GetInt64(4),
                ReadTime(reader, 5),
                ReadTime(reader, 6),
                reader.IsDBNull(7) ? [] : reader.GetFieldValue<string[]>(7)));
        }

        return result;
    }

    /// <summary>Documents with their passages and removed spans: three queries, whatever the number of documents.</summary>
    private static async Task<List<StoredDocument>> ReadDocumentsAsync(
        NpgsqlConnection connection, string where, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var documents = new List<StoredDocument>();
        await using (var command = Command(connection, null, $"""
            SELECT d.id, d.content_hash, d.source, d.url, d.published, d.title, d.text, d.story_id, d.ingested_at, d.story_key
            FROM documents d WHERE {where} ORDER BY d.id
            """, parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                documents.Add(new StoredDocument(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), ReadString(reader, 3), ReadTime(reader, 4),
                    ReadString(reader, 5), reader.GetString(6), reader.GetInt64(7), ReadTime(reader, 8)!.Value, [])
                {
                    StoryKey = ReadString(reader, 9),
                });
            }
        }

        if (documents.Count == 0)
        {
            return documents;
        }

        var ids = new string[documents.Count];
        var byId = new Dictionary<string, int>(documents.Count, StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            ids[i] = documents[i].Id;
            byId[ids[i]] = i;
        }

        var passages = new List<Passage>[documents.Count];
        var removed = new List<RemovedSpan>[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            passages[i] = [];
            removed[i] = [];
        }

        await using (var command = Command(connection, null, """
            SELECT document_id, idx, paragraph, kind, start, "end", normalized FROM passages WHERE document_id = ANY(@d) ORDER BY document_id, idx
            """, ("d", ids)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var i = byId[reader.GetString(0)];
                passages[i].Add(PassageText.Create(documents[i].Text, reader.GetInt32(1), reader.GetInt32(2),
                    reader.GetString(3) == "heading" ? PassageKind.Heading : PassageKind.Sentence,
                    reader.GetInt32(4), reader.GetInt32(5), reader.GetString(6)));
            }
        }

        await using (var command = Command(connection, null, """
            SELECT document_id, start, "end", reason FROM removed_spans WHERE document_id = ANY(@d) ORDER BY document_id, start
            """, ("d", ids)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var i = byId[reader.GetString(0)];
                var (start, end) = (reader.GetInt32(1), reader.GetInt32(2));
                removed[i].Add(new RemovedSpan(start, end, reader.GetString(3), documents[i].Text[start..end]));
            }
        }

        for (var i = 0; i < documents.Count; i++)
        {
            documents[i] = documents[i] with { Passages = passages[i], Removed = removed[i] };
        }

        return documents;
    }

    private static async Task<List<NearDuplicateEdge>> ReadEdgesAsync(
        NpgsqlConnection connection, string where, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, $"""
            SELECT n.a_document, n.a_passage, n.a_start, n.a_end, n.b_document, n.b_passage, n.b_start, n.b_end,
                   n.jaccard, n.containment, n.fuzzy, n.kind, n.a_text, n.b_text, n.confidence
            FROM near_duplicates n
            WHERE {where}
            ORDER BY n.a_document, n.a_passage, n.b_document, n.b_passage
            """, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<NearDuplicateEdge>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new NearDuplicateEdge(
                reader.GetString(0), reader.GetInt32(1), new SourceSpan(reader.GetInt32(2), reader.GetInt32(3), reader.GetString(12)),
                reader.GetString(4), reader.GetInt32(5), new SourceSpan(reader.GetInt32(6), reader.GetInt32(7), reader.GetString(13)),
                reader.GetDouble(8), reader.GetDouble(9), reader.GetDouble(10), reader.GetString(11)) { Confidence = reader.GetDouble(14) });
        }

        return result;
    }

    /// <summary>Thrown inside the ingest transaction when another transaction stored the same content first; rolls ours back.</summary>
    private sealed class DuplicateDocumentException : Exception
    {
    }
}
