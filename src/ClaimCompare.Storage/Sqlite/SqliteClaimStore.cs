using System.Globalization;
using System.Runtime.CompilerServices;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using Microsoft.Data.Sqlite;

namespace ClaimCompare.Storage.Sqlite;

/// <summary>
/// <see cref="IClaimStore"/> on one SQLite file in WAL mode: one writer connection behind a lock,
/// pooled connections for readers (which WAL lets run while a write is in progress).
/// </summary>
/// <remarks>
/// Review updates are conditional on the item's version inside the write transaction, so two
/// decisions made on the same version cannot both win even across processes sharing the file.
/// </remarks>
public sealed partial class SqliteClaimStore : IClaimStore, IAsyncDisposable, IDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly IIngestStepHook? _hook;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteConnection? _writer;
    private bool _disposed;

    /// <summary>Creates a store over <paramref name="options"/>'s file; call <see cref="MigrateAsync"/> before use.</summary>
    /// <param name="options">Where the file is.</param>
    /// <param name="hook">Optional observer of ingest steps (fault-injection tests).</param>
    public SqliteClaimStore(SqliteStoreOptions options, IIngestStepHook? hook = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        _options = options;
        _hook = hook;
    }

    /// <inheritdoc />
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
            return await SqliteMigrator.MigrateAsync(writer, Migrations.All, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Rewrites the header's <c>user_version</c> with its own value in an IMMEDIATE transaction: no row changes, but the
    /// page is written to the WAL and committed, so a read-only file or a full disk fails here as an ingest would.
    /// </remarks>
    public Task ProbeWriteAsync(CancellationToken cancellationToken) => WriteAsync(async (connection, transaction) =>
    {
        using var read = Command(connection, transaction, "PRAGMA user_version");
        var version = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        using var write = Command(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version}"));
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }, cancellationToken);

    /// <summary>The schema version recorded in the file (0 before the first migration).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The highest applied version.</returns>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        try
        {
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            return 0;
        }
    }

    /// <inheritdoc />
    public async Task<string?> FindByContentHashAsync(string contentHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, "SELECT id FROM documents WHERE content_hash = $h", ("$h", contentHash));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async Task<string?> FindByItemKeyAsync(string itemKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, "SELECT document_id FROM feed_items WHERE item_key = $k", ("$k", itemKey));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async Task<DocumentOriginal?> GetOriginalAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, "SELECT format, markup, blocks_json FROM document_originals WHERE document_id = $d", ("$d", documentId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new DocumentOriginal(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    /// <inheritdoc />
    public async Task<IngestOutcome> IngestAsync(NewDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.EngineState is not null)
        {
            throw new NotSupportedException("The SQLite store keeps no near-duplicate engine state: the engine's state stays in memory.");
        }

        return await WriteAsync(async (connection, transaction) =>
        {
            using (var existing = Command(connection, transaction,
                "SELECT id, story_id FROM documents WHERE content_hash = $h", ("$h", document.ContentHash)))
            await using (var reader = await existing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return new IngestOutcome(reader.GetString(0), reader.GetInt64(1), Duplicate: true, [], []);
                }
            }

            var now = Now();
            var storyId = await ResolveStoryAsync(connection, transaction, document.Story, now, cancellationToken).ConfigureAwait(false);

            await ExecuteAsync(Command(connection, transaction, """
                INSERT INTO documents (id, content_hash, source, url, published, title, text, story_id, story_key, claims_json, ingested_at)
                VALUES ($id, $hash, $source, $url, $published, $title, $text, $story, $key, $claims, $at)
                """,
                ("$id", document.Id), ("$hash", document.ContentHash), ("$source", document.Source), ("$url", document.Url),
                ("$published", FormatTime(document.Published)), ("$title", document.Title), ("$text", document.Text),
                ("$story", storyId), ("$key", document.StoryKey), ("$claims", document.ClaimsJson), ("$at", now)), cancellationToken).ConfigureAwait(false);
            _hook?.AfterStep("document");

            if (document.Original is { } original)
            {
                await ExecuteAsync(Command(connection, transaction,
                    "INSERT INTO document_originals (document_id, format, markup, blocks_json) VALUES ($d, $f, $m, $b)",
                    ("$d", document.Id), ("$f", original.Format), ("$m", original.Markup), ("$b", original.BlocksJson)), cancellationToken).ConfigureAwait(false);
            }

            if (document.ItemKey is { } itemKey)
            {
                // A feed item already stored under another document keeps its first document.
                await ExecuteAsync(Command(connection, transaction,
                    "INSERT OR IGNORE INTO feed_items (item_key, document_id) VALUES ($k, $d)",
                    ("$k", itemKey), ("$d", document.Id)), cancellationToken).ConfigureAwait(false);
            }

            using (var insert = Command(connection, transaction, """
                INSERT INTO passages (document_id, idx, paragraph, kind, start, "end", normalized)
                VALUES ($d, $i, $p, $k, $s, $e, $n)
                """, ("$d", document.Id), ("$i", 0), ("$p", 0), ("$k", ""), ("$s", 0), ("$e", 0), ("$n", "")))
            {
                foreach (var passage in document.Passages)
                {
                    insert.Parameters["$i"].Value = passage.Index;
                    insert.Parameters["$p"].Value = passage.Paragraph;
                    insert.Parameters["$k"].Value = passage.Kind == PassageKind.Heading ? "heading" : "sentence";
                    insert.Parameters["$s"].Value = passage.Start;
                    insert.Parameters["$e"].Value = passage.End;
                    insert.Parameters["$n"].Value = passage.Normalized;
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            using (var insert = Command(connection, transaction,
                "INSERT INTO removed_spans (document_id, start, \"end\", reason) VALUES ($d, $s, $e, $r)",
                ("$d", document.Id), ("$s", 0), ("$e", 0), ("$r", "")))
            {
                foreach (var removed in document.Removed)
                {
                    insert.Parameters["$s"].Value = removed.Start;
                    insert.Parameters["$e"].Value = removed.End;
                    insert.Parameters["$r"].Value = removed.Reason;
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            _hook?.AfterStep("passages");

            using (var insert = Command(connection, transaction,
                "INSERT INTO signatures (document_id, passage, scheme, signature) VALUES ($d, $p, $s, $b)",
                ("$d", document.Id), ("$p", 0), ("$s", ""), ("$b", Array.Empty<byte>())))
            {
                foreach (var signature in document.Signatures)
                {
                    insert.Parameters["$p"].Value = signature.Passage;
                    insert.Parameters["$s"].Value = signature.Scheme;
                    insert.Parameters["$b"].Value = signature.Signature;
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            _hook?.AfterStep("signatures");

            using (var insert = Command(connection, transaction, """
                INSERT OR IGNORE INTO near_duplicates
                    (a_document, a_passage, a_start, a_end, b_document, b_passage, b_start, b_end, a_text, b_text, jaccard, containment, fuzzy, kind, confidence)
                VALUES ($ad, $ap, $as, $ae, $bd, $bp, $bs, $be, $at, $bt, $j, $c, $f, $k, $q)
                """, ("$ad", ""), ("$ap", 0), ("$as", 0), ("$ae", 0), ("$bd", ""), ("$bp", 0), ("$bs", 0), ("$be", 0), ("$at", ""), ("$bt", ""),
                ("$j", 0.0), ("$c", 0.0), ("$f", 0.0), ("$k", ""), ("$q", 1.0)))
            {
                foreach (var edge in document.NearDuplicates)
                {
                    insert.Parameters["$ad"].Value = edge.Document;
                    insert.Parameters["$ap"].Value = edge.Passage;
                    insert.Parameters["$as"].Value = edge.Span.Start;
                    insert.Parameters["$ae"].Value = edge.Span.End;
                    insert.Parameters["$bd"].Value = edge.OtherDocument;
                    insert.Parameters["$bp"].Value = edge.OtherPassage;
                    insert.Parameters["$bs"].Value = edge.OtherSpan.Start;
                    insert.Parameters["$be"].Value = edge.OtherSpan.End;
                    insert.Parameters["$at"].Value = edge.Span.Text;
                    insert.Parameters["$bt"].Value = edge.OtherSpan.Text;
                    insert.Parameters["$j"].Value = edge.Jaccard;
                    insert.Parameters["$c"].Value = edge.Containment;
                    insert.Parameters["$f"].Value = edge.Fuzzy;
                    insert.Parameters["$k"].Value = edge.Kind;
                    insert.Parameters["$q"].Value = edge.Confidence;
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            _hook?.AfterStep("near-duplicates");

            var findingIds = new List<(long Id, Finding Finding)>(document.Findings.Count);
            foreach (var finding in document.Findings)
            {
                var key = ReviewItemKey.IsReviewable(finding.Kind) ? ReviewItemKey.Compute(storyId, finding) : null;
                using var insert = Command(connection, transaction, """
                    INSERT INTO findings (document_id, story_id, kind, topic, item_key, json)
                    VALUES ($d, $s, $k, $t, $key, $json) RETURNING id
                    """, ("$d", document.Id), ("$s", storyId), ("$k", finding.Kind.ToWireName()), ("$t", finding.Topic),
                    ("$key", key), ("$json", StoreJson.Serialize(finding)));
                var id = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                findingIds.Add((id, finding));
            }

            _hook?.AfterStep("findings");

            var (created, updated) = await UpsertReviewItemsAsync(
                connection, transaction, storyId, findingIds, document.Actor, now, cancellationToken).ConfigureAwait(false);
            _hook?.AfterStep("review-items");

            return new IngestOutcome(document.Id, storyId, Duplicate: false, created, updated);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> ResolveStoryAsync(
        SqliteConnection connection, SqliteTransaction transaction, StoryTarget target, string now, CancellationToken cancellationToken)
    {
        if (target.StoryId is { } id)
        {
            using var exists = Command(connection, transaction, "SELECT 1 FROM stories WHERE id = $id", ("$id", id));
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return id;
            }
        }

        if (target.Key is { } key)
        {
            using var find = Command(connection, transaction, "SELECT id FROM stories WHERE story_key = $k", ("$k", key));
            if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long found)
            {
                return found;
            }
        }

        using var insert = Command(connection, transaction,
            "INSERT INTO stories (story_key, title, created_at) VALUES ($k, $t, $at) RETURNING id",
            ("$k", target.Key), ("$t", target.Title), ("$at", now));
        return (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<StoredDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var documents = await ReadDocumentsAsync(connection, "d.id = $id", [("$id", id)], cancellationToken).ConfigureAwait(false);
        return documents.Count == 0 ? null : documents[0];
    }

    /// <inheritdoc />
    public async Task<bool> DeleteDocumentAsync(string id, CancellationToken cancellationToken) =>
        await WriteAsync(async (connection, transaction) =>
        {
            // Cascades remove passages, signatures, edges and findings; review evidence is kept on purpose.
            using var delete = Command(connection, transaction, "DELETE FROM documents WHERE id = $id", ("$id", id));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredSignature> ReadSignaturesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, """
            SELECT s.document_id, s.passage, p.start, p."end", s.scheme, s.signature
            FROM signatures s JOIN passages p ON p.document_id = s.document_id AND p.idx = s.passage
            ORDER BY s.document_id, s.passage
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new StoredSignature(
                reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), (byte[])reader[5]);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredPassage> ReadPassagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, """
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
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var edges = await ReadEdgesAsync(connection, "n.a_document = $d OR n.b_document = $d", [("$d", documentId)], cancellationToken)
            .ConfigureAwait(false);
        return [.. edges.Select(e => e.Document == documentId ? e : e.Reverse())];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<NearDuplicateEdge>> GetEdgesAsync(IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        if (documentIds is null)
        {
            return await ReadEdgesAsync(connection, "1 = 1", [], cancellationToken).ConfigureAwait(false);
        }

        var (list, parameters) = InList("$d", documentIds);
        return await ReadEdgesAsync(connection, $"n.a_document IN ({list}) AND n.b_document IN ({list})", parameters, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentHeader>> GetDocumentHeadersAsync(IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var (where, parameters) = documentIds is null ? ("1 = 1", []) : InClause("id", "$d", documentIds);
        using var command = Command(connection, null, $"SELECT id, source, published, story_id, url, title FROM documents WHERE {where} ORDER BY id", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<DocumentHeader>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new DocumentHeader(reader.GetString(0), reader.GetString(1), ParseTime(reader, 2), reader.GetInt64(3))
            {
                Url = reader.IsDBNull(4) ? null : reader.GetString(4),
                Title = reader.IsDBNull(5) ? null : reader.GetString(5),
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

        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var (where, parameters) = InClause("id", "$d", documentIds);
        using var command = Command(connection, null, $"SELECT id, story_id, published, ingested_at FROM documents WHERE {where} ORDER BY id", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<DocumentStory>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new DocumentStory(reader.GetString(0), reader.GetInt64(1), ParseTime(reader, 2), ParseTime(reader, 3)!.Value));
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

        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var (where, parameters) = InClause("id", "$d", documentIds);
        using var command = Command(connection, null,
            $"SELECT id, claims_json FROM documents WHERE {where} AND claims_json IS NOT NULL ORDER BY id", parameters);
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
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, "SELECT id FROM stories WHERE story_key = $k", ("$k", key));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    /// <inheritdoc />
    public async Task<PagedResult<StorySummary>> ListStoriesAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var count = Command(connection, null, "SELECT COUNT(*) FROM stories");
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var stories = await ReadStoriesAsync(connection, "1 = 1 ORDER BY s.id DESC LIMIT $limit OFFSET $offset",
            [("$limit", pageSize), ("$offset", (long)(page - 1) * pageSize)], cancellationToken).ConfigureAwait(false);
        return new PagedResult<StorySummary>(stories, page, pageSize, total);
    }

    /// <inheritdoc />
    public async Task<StorySummary?> GetStoryAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var stories = await ReadStoriesAsync(connection, "s.id = $id", [("$id", id)], cancellationToken).ConfigureAwait(false);
        return stories.Count == 0 ? null : stories[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredDocument>> GetStoryDocumentsAsync(long storyId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadDocumentsAsync(connection, "d.story_id = $s", [("$s", storyId)], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetStoryDocumentIdsAsync(long storyId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, "SELECT id FROM documents WHERE story_id = $s ORDER BY ingested_at, id", ("$s", storyId));
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
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null,
            "SELECT id, document_id, story_id, json FROM findings WHERE story_id = $s ORDER BY id", ("$s", storyId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<StoredFinding>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new StoredFinding(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), StoreJson.Deserialize<Finding>(reader.GetString(3))));
        }

        return result;
    }

    private static async Task<List<StorySummary>> ReadStoriesAsync(
        SqliteConnection connection, string where, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        using var command = Command(connection, null, $"""
            SELECT s.id, s.story_key, s.title, s.created_at,
                   (SELECT COUNT(*) FROM documents d WHERE d.story_id = s.id),
                   (SELECT MIN(published) FROM documents d WHERE d.story_id = s.id),
                   (SELECT MAX(published) FROM documents d WHERE d.story_id = s.id),
                   (SELECT group_concat(source, char(31)) FROM (SELECT DISTINCT source FROM documents d WHERE d.story_id = s.id ORDER BY source))
            FROM stories s WHERE {where}
            """, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<StorySummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var sources = reader.IsDBNull(7) ? [] : reader.GetString(7).Split('\u001f');
            result.Add(new StorySummary(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                ParseTime(reader, 3)!.Value,
                reader.GetInt32(4),
                ParseTime(reader, 5),
                ParseTime(reader, 6),
                sources));
        }

        return result;
    }

    private static async Task<List<StoredDocument>> ReadDocumentsAsync(
        SqliteConnection connection, string where, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var documents = new List<StoredDocument>();
        using (var command = Command(connection, null, $"""
            SELECT d.id, d.content_hash, d.source, d.url, d.published, d.title, d.text, d.story_id, d.ingested_at, d.story_key
            FROM documents d WHERE {where} ORDER BY d.id
            """, parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                documents.Add(new StoredDocument(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), ParseTime(reader, 4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6),
                    reader.GetInt64(7), ParseTime(reader, 8)!.Value, [])
                {
                    StoryKey = reader.IsDBNull(9) ? null : reader.GetString(9),
                });
            }
        }

        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            using var command = Command(connection, null,
                "SELECT idx, paragraph, kind, start, \"end\", normalized FROM passages WHERE document_id = $d ORDER BY idx", ("$d", document.Id));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var passages = new List<Passage>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                passages.Add(PassageText.Create(document.Text, reader.GetInt32(0), reader.GetInt32(1),
                    reader.GetString(2) == "heading" ? PassageKind.Heading : PassageKind.Sentence,
                    reader.GetInt32(3), reader.GetInt32(4), reader.GetString(5)));
            }

            var removed = new List<RemovedSpan>();
            using (var spans = Command(connection, null,
                "SELECT start, \"end\", reason FROM removed_spans WHERE document_id = $d ORDER BY start", ("$d", document.Id)))
            await using (var spanReader = await spans.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await spanReader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var (start, end) = (spanReader.GetInt32(0), spanReader.GetInt32(1));
                    removed.Add(new RemovedSpan(start, end, spanReader.GetString(2), document.Text[start..end]));
                }
            }

            documents[i] = document with { Passages = passages, Removed = removed };
        }

        return documents;
    }

    private static async Task<List<NearDuplicateEdge>> ReadEdgesAsync(
        SqliteConnection connection, string where, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        using var command = Command(connection, null, $"""
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
}
