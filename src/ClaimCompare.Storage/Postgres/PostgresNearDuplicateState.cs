using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;
using Npgsql;
using NpgsqlTypes;

namespace ClaimCompare.Storage.Postgres;

/// <summary>
/// The near-duplicate engine's state in PostgreSQL (schema version 7): documents, passages with what the verifier
/// needs, groups of identical copies, the band tables and the corpus word counts are rows with indexes, so every
/// service instance on the database answers candidate queries from the same state and a restart loads nothing.
/// </summary>
/// <remarks>
/// <para>
/// <b>Reads</b> are synchronous (the engine and the verifier are): a candidate query is one statement on the band
/// table's primary key (<c>key = ANY(@keys)</c>), the expansion of its groups to their members, sorted and limited, is
/// a second, and the word counts the verifier asks about come with one more for the words not cached. Small bounded
/// caches (passages by id, documents, word counts) spare repeated round trips; see <see cref="Invalidate"/> for when
/// they are dropped.
/// </para>
/// <para>
/// <b>Writes</b> happen only through <see cref="Stage"/>: the engine's insert or delete runs against an overlay that
/// only its own flow sees, and the resulting <see cref="NearDuplicateStateWrite"/> is written by the store inside the
/// document's own transaction (<see cref="NewDocument.EngineState"/>, <see cref="ISharedStoreCoordination.DeleteDocumentAsync"/>),
/// so a document and its engine rows commit together or not at all. Writers are serialised by the service's ingest
/// lock, as the engine requires.
/// </para>
/// </remarks>
public sealed class PostgresNearDuplicateState : INearDuplicateState
{
    /// <summary>At most this many passages (with their fingerprints) are cached.</summary>
    public const int PassageCacheSize = 16_384;

    /// <summary>At most this many word counts are cached.</summary>
    public const int WordCacheSize = 262_144;

    private const int DocumentCacheSize = 16_384;

    private readonly NpgsqlDataSource _dataSource;
    private readonly DedupOptions _options;
    private readonly LshIndex _copyBands;
    private readonly LshIndex _rewriteBands;
    private readonly Shingler _shingler;
    private readonly Shingler _contentShingler;
    private readonly ConcurrentDictionary<int, EnginePassage> _passages = new();
    private readonly ConcurrentDictionary<string, EngineDocument> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Dictionary<int, int>> _passageIds = new(StringComparer.Ordinal);
    private readonly AsyncLocal<NearDuplicateStateWrite?> _staging = new();
    private readonly Lock _cacheLock = new();
    private readonly PostgresWordStatistics _words;
    private long _generation;

    /// <summary>Creates the state over a store's database (its schema must be migrated to version 7).</summary>
    /// <param name="dataSource">The store's connections.</param>
    /// <param name="options">The engine's options (schemes and bandings must stay the same for one database: see <see cref="EnsureSchemeAsync"/>).</param>
    /// <param name="indexTopics">Whether the engine keeps the topic table.</param>
    internal PostgresNearDuplicateState(NpgsqlDataSource dataSource, DedupOptions options, bool indexTopics)
    {
        _dataSource = dataSource;
        options.Validate();
        _options = options;
        _copyBands = new LshIndex(options.CopyScheme, InMemoryNearDuplicateState.CopyBanding(options));
        _rewriteBands = new LshIndex(options.RewriteScheme, InMemoryNearDuplicateState.RewriteBanding(options));
        _shingler = new Shingler(options.CopyScheme.Shingles, options.NormalizerVersion);
        _contentShingler = new Shingler(options.RewriteScheme.Shingles, options.NormalizerVersion);
        _words = new PostgresWordStatistics(this);
        SchemeKey = $"{options.CopyScheme}|{options.RewriteScheme}|{InMemoryNearDuplicateState.CopyBanding(options)}|{InMemoryNearDuplicateState.RewriteBanding(options)}"
            + $"|{options.MinTokens}|{options.DetectRewrites}|{options.RewriteMinSharedWords}|{options.CommonWordShare}|{options.CommonWordMinPassages}"
            + $"|{options.CommonWordMaxPassages}|{options.NameCapitalizedShare}|topics={indexTopics}";
    }

    /// <summary>What the stored rows depend on: schemes, bandings, word rules and whether topics are indexed.</summary>
    public string SchemeKey { get; }

    /// <summary>Passages cached in this process (the rest are only in the database).</summary>
    public int CachedPassages => _passages.Count;

    /// <summary>Word counts cached in this process.</summary>
    public int CachedWords => _words.CachedCount;

    /// <inheritdoc />
    public int DocumentCount => (int)(long)Scalar("SELECT count(*) FROM nd_documents")!;

    /// <inheritdoc />
    public int PassageCount => (int)(long)Scalar("SELECT count(*) FROM nd_passages")!;

    /// <inheritdoc />
    public ICorpusWordStatistics Words => _words;

    private NearDuplicateStateWrite? Staging => _staging.Value;

    /// <summary>
    /// Runs an engine write (<see cref="NearDuplicateEngine.Insert(PreparedDocument)"/>, <see cref="NearDuplicateEngine.Delete"/>,
    /// <see cref="NearDuplicateEngine.InsertRange(IReadOnlyList{ProcessedDocument}, CancellationToken)"/>) against an overlay
    /// and returns what it would write; nothing reaches the database until the store writes it in its transaction.
    /// </summary>
    /// <param name="write">The engine call; it runs synchronously on this flow (and the threads it starts).</param>
    /// <returns>The staged write: give it to the store, then call <see cref="NearDuplicateStateWrite.Committed"/> after its commit, and dispose it.</returns>
    public NearDuplicateStateWrite Stage(Action write) => StageWith(write, null);

    /// <summary>
    /// Stages the insert of one prepared document with every read the insert needs made in one round trip first:
    /// whether the document is held, the stored groups of its copies' keys, passage and group ids, and the stored
    /// counts of its words. So the engine's insert then runs without touching the database.
    /// </summary>
    /// <param name="document">The document, prepared by the engine <paramref name="insert"/> feeds it to.</param>
    /// <param name="insert">The engine call (<see cref="NearDuplicateEngine.Insert(PreparedDocument)"/> of <paramref name="document"/>).</param>
    /// <returns>
    /// The staged write; empty (the insert not run) when the document is held already, e.g. the same article sent twice
    /// at once, the first committed (the store then answers the second as a duplicate).
    /// </returns>
    public NearDuplicateStateWrite StageInsert(PreparedDocument document, Action insert)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(insert);
        return StageWith(insert, staged => PrefetchInsert(staged, document));
    }

    private NearDuplicateStateWrite StageWith(Action write, Func<NearDuplicateStateWrite, bool>? prepare)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_staging.Value is not null)
        {
            throw new InvalidOperationException("A write is already being staged on this flow.");
        }

        var staged = new NearDuplicateStateWrite(this);
        _staging.Value = staged;
        try
        {
            if (prepare is null || prepare(staged))
            {
                write();
            }
        }
        catch
        {
            staged.Dispose();
            throw;
        }
        finally
        {
            _staging.Value = null;
        }

        return staged;
    }

    /// <summary>Stages <paramref name="write"/> and commits it in a transaction of its own (start-up backfill, tests).</summary>
    /// <param name="write">The engine call.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Completes when committed.</returns>
    public async Task WriteAsync(Action write, CancellationToken cancellationToken)
    {
        using var staged = Stage(write);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await staged.WriteAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        staged.Committed();
    }

    /// <summary>
    /// Drops the caches: call when other writers committed (another instance's documents, seen in the change feed), so
    /// that what is read next is the database's. A cache read after the call is never older than the call.
    /// </summary>
    /// <param name="removals">
    /// Whether documents were removed. Inserts change only word counts (a stored passage and document never change, and
    /// ids are never reused), so without removals the cached passages and documents stay.
    /// </param>
    public void Invalidate(bool removals = true)
    {
        lock (_cacheLock)
        {
            _generation++;
            if (removals)
            {
                _passages.Clear();
                _documents.Clear();
                _passageIds.Clear();
            }

            _words.Clear();
        }
    }

    /// <summary>
    /// Checks that the stored rows were written under this state's schemes and bandings; when they were not (the
    /// options changed), empties the engine tables so that they are filled again from the documents. Call once on
    /// start, under the ingest lock.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the engine tables were emptied.</returns>
    public async Task<bool> EnsureSchemeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        string? stored;
        await using (var read = new NpgsqlCommand("SELECT scheme FROM nd_meta FOR UPDATE", connection, transaction))
        {
            stored = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }

        if (string.Equals(stored, SchemeKey, StringComparison.Ordinal))
        {
            return false;
        }

        await using (var reset = new NpgsqlCommand("""
            TRUNCATE nd_bands, nd_passages, nd_groups, nd_documents, nd_words;
            UPDATE nd_meta SET passage_count = 0, scheme = @s;
            """, connection, transaction))
        {
            reset.Parameters.AddWithValue("s", SchemeKey);
            await reset.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Invalidate();
        return stored is not null;
    }

    /// <summary>Stored documents the engine tables do not hold (stored before version 7, or by a writer that bypassed the service), in ingest order.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Their ids.</returns>
    public async Task<IReadOnlyList<string>> GetMissingDocumentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM nd_documents n WHERE n.id = d.id) ORDER BY d.ingested_at, d.id
            """, connection);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Which of <paramref name="ids"/> the engine tables hold.</summary>
    /// <param name="ids">Document ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The held ones.</returns>
    public async Task<IReadOnlySet<string>> GetHeldDocumentsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT id FROM nd_documents WHERE id = ANY(@ids)", connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids.ToArray() });
        var held = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            held.Add(reader.GetString(0));
        }

        return held;
    }

    /// <inheritdoc />
    public EngineDocument? GetDocument(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Staging is { } staging && staging.TryGetDocument(id, out var staged))
        {
            return staged;
        }

        if (_documents.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var generation = Volatile.Read(ref _generation);
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT id, outlet, day FROM nd_documents WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var document = ReadDocument(reader);
        Remember(_documents, id, document, DocumentCacheSize, generation);
        return document;
    }

    /// <inheritdoc />
    public IReadOnlyList<EngineDocument> GetDocuments()
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT id, outlet, day FROM nd_documents ORDER BY seq", connection);
        using var reader = command.ExecuteReader();
        var documents = new List<EngineDocument>();
        while (reader.Read())
        {
            documents.Add(ReadDocument(reader));
        }

        return documents;
    }

    private static EngineDocument ReadDocument(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : DateOnly.FromDayNumber(reader.GetInt32(2)));

    /// <inheritdoc />
    public IReadOnlyList<EnginePassage> GetPassages(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        if (Staging is { } staging && staging.TryGetPassages(documentId, out var staged))
        {
            return staged;
        }

        return ReadPassages("SELECT id, document_id, group_id, passage, informative FROM nd_passages WHERE document_id = @d ORDER BY idx", ("d", documentId));
    }

    /// <inheritdoc />
    public EnginePassage? GetPassage(int id)
    {
        if (Staging is { } staging && staging.TryGetPassage(id, out var staged))
        {
            return staged;
        }

        if (!_passages.TryGetValue(id, out var passage))
        {
            var read = ReadPassages("SELECT id, document_id, group_id, passage, informative FROM nd_passages WHERE id = @id", ("id", id));
            passage = read.Count == 0 ? null : read[0];
        }

        if (passage is not null)
        {
            Staging?.Touch(passage);
        }

        return passage;
    }

    /// <inheritdoc />
    public EnginePassage? FindPassage(string documentId, int passageIndex)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        if (Staging is { } staging && staging.TryGetPassages(documentId, out var staged))
        {
            return staged.FirstOrDefault(p => p.Passage.Index == passageIndex);
        }

        // The neighbour rule asks for passages next to linked ones: the whole document is read once and its passages cached.
        if (!_passageIds.TryGetValue(documentId, out var ids))
        {
            var generation = Volatile.Read(ref _generation);
            var all = ReadPassages("SELECT id, document_id, group_id, passage, informative FROM nd_passages WHERE document_id = @d ORDER BY idx", ("d", documentId));
            ids = [];
            foreach (var passage in all)
            {
                ids.TryAdd(passage.Passage.Index, passage.Id);
            }

            Remember(_passageIds, documentId, ids, DocumentCacheSize, generation);
            return all.Find(p => p.Passage.Index == passageIndex);
        }

        return ids.TryGetValue(passageIndex, out var id) ? GetPassage(id) : null;
    }

    /// <inheritdoc />
    public IReadOnlyList<(int Id, int Group, bool NewGroup)> AddDocuments(
        IReadOnlyList<EngineDocument> documents, IReadOnlyList<IReadOnlyList<(Passage Passage, PassageFingerprint Fingerprint, bool Indexable)>> passages)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(passages);
        if (documents.Count != passages.Count)
        {
            throw new ArgumentException("Every document needs its list of passages.", nameof(passages));
        }

        var staging = RequireStaging();
        var total = 0;
        foreach (var list in passages)
        {
            total += list.Count;
        }

        var ids = documents.Select(d => d.Id).ToArray();
        if (staging.HoldsAny(ids, out var heldId))
        {
            throw new ArgumentException($"Document '{heldId}' is already held.", nameof(documents));
        }

        // An insert staged by StageInsert read all of this in one round trip; otherwise (batches: start-up, tests) it is read here.
        var prefetched = staging.Prefetched is { } p && documents.Count == 1 && string.Equals(p.DocumentId, ids[0], StringComparison.Ordinal)
            && p.PassageIds.Length == total ? p : null;
        using var connection = prefetched is null ? _dataSource.OpenConnection() : null;
        if (connection is not null)
        {
            using var held = new NpgsqlCommand("SELECT id FROM nd_documents WHERE id = ANY(@ids) LIMIT 1", connection);
            held.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
            if (held.ExecuteScalar() is string id)
            {
                throw new ArgumentException($"Document '{id}' is already held.", nameof(documents));
            }
        }

        // Identical copies: the groups with the same key among the stored ones and those this write founds.
        var keys = new List<long>();
        foreach (var list in passages)
        {
            foreach (var (_, fingerprint, indexable) in list)
            {
                if (indexable)
                {
                    keys.Add(unchecked((long)GroupKey(fingerprint)));
                }
            }
        }

        Dictionary<long, List<(int Group, ulong[] Shingles)>> stored;
        if (prefetched is not null)
        {
            stored = prefetched.Groups;
        }
        else if (keys.Count > 0)
        {
            using var groups = new NpgsqlCommand("SELECT id, key, shingles FROM nd_groups WHERE key = ANY(@k)", connection);
            groups.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = keys.Distinct().ToArray() });
            using var reader = groups.ExecuteReader();
            stored = ReadGroups(reader);
        }
        else
        {
            stored = [];
        }

        var passageIds = prefetched?.PassageIds ?? NextValues(connection!, "nd_passage_ids", total);
        var result = new (int Id, int Group, bool NewGroup)[total];
        var founded = new List<(int Slot, ulong Key, ulong[] Shingles)>();
        var n = 0;
        for (var d = 0; d < documents.Count; d++)
        {
            foreach (var (_, fingerprint, indexable) in passages[d])
            {
                var group = -1;
                var created = false;
                if (indexable)
                {
                    var key = GroupKey(fingerprint);
                    var hashes = fingerprint.Shingles.Hashes;
                    if (stored.TryGetValue(unchecked((long)key), out var list))
                    {
                        foreach (var (id, shingles) in list)
                        {
                            if (hashes.SequenceEqual(shingles))
                            {
                                group = id;
                                break;
                            }
                        }
                    }

                    if (group < 0)
                    {
                        // Founded earlier in this write? (negative placeholders until the ids are drawn)
                        for (var f = 0; f < founded.Count && group < 0; f++)
                        {
                            if (founded[f].Key == key && hashes.SequenceEqual(founded[f].Shingles))
                            {
                                group = -2 - f;
                            }
                        }

                        if (group < 0)
                        {
                            group = -2 - founded.Count;
                            founded.Add((n, key, hashes.ToArray()));
                            created = true;
                        }
                    }
                }

                result[n] = (passageIds[n], group, created);
                n++;
            }
        }

        var groupIds = prefetched is not null && prefetched.GroupIds.Length >= founded.Count
            ? prefetched.GroupIds
            : founded.Count == 0 ? [] : NextValues(connection ?? _dataSource.OpenConnection(), "nd_group_ids", founded.Count, dispose: connection is null);
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i].Group <= -2)
            {
                result[i].Group = groupIds[-2 - result[i].Group];
            }
        }

        n = 0;
        for (var d = 0; d < documents.Count; d++)
        {
            var added = new List<EnginePassage>(passages[d].Count);
            foreach (var (passage, fingerprint, _) in passages[d])
            {
                added.Add(new EnginePassage(result[n].Id, documents[d].Id, passage, fingerprint, result[n].Group));
                n++;
            }

            staging.AddDocument(documents[d], added);
        }

        for (var f = 0; f < founded.Count; f++)
        {
            staging.AddGroup(groupIds[f], founded[f].Key, founded[f].Shingles);
        }

        return result;
    }

    /// <summary>
    /// The reads an insert of <paramref name="document"/> needs, as one batch: held or not, stored groups by key, passage
    /// ids, group ids (one per distinct key: more than the insert founds when copies of stored groups are among them), the
    /// counted passages and the counts of every content word (the words an insert counts are among them).
    /// </summary>
    /// <returns>False when the document is held already.</returns>
    private bool PrefetchInsert(NearDuplicateStateWrite staged, PreparedDocument document)
    {
        var keys = new HashSet<long>();
        var words = new HashSet<ulong>();
        foreach (var passage in document.Passages)
        {
            if (passage.Indexable)
            {
                keys.Add(unchecked((long)GroupKey(passage.Fingerprint)));
            }

            foreach (var word in passage.Fingerprint.ContentWords.Hashes)
            {
                words.Add(word);
            }
        }

        using var connection = _dataSource.OpenConnection();
        using var batch = new NpgsqlBatch(connection);
        var held = new NpgsqlBatchCommand("SELECT 1 FROM nd_documents WHERE id = @id");
        held.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = document.Document.Id });
        batch.BatchCommands.Add(held);
        var groups = new NpgsqlBatchCommand("SELECT id, key, shingles FROM nd_groups WHERE key = ANY(@k)");
        groups.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = keys.ToArray() });
        batch.BatchCommands.Add(groups);
        batch.BatchCommands.Add(NextValuesCommand("nd_passage_ids", document.Passages.Count));
        batch.BatchCommands.Add(NextValuesCommand("nd_group_ids", keys.Count));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT passage_count FROM nd_meta"));
        var counts = new NpgsqlBatchCommand("SELECT word, capitalized, lower, passages FROM nd_words WHERE word = ANY(@w)");
        counts.Parameters.Add(new NpgsqlParameter("w", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = words.Select(w => unchecked((long)w)).ToArray() });
        batch.BatchCommands.Add(counts);

        using var reader = batch.ExecuteReader();
        var isHeld = reader.Read();
        reader.NextResult();
        var stored = ReadGroups(reader);
        reader.NextResult();
        var passageIds = ReadValues(reader);
        reader.NextResult();
        var groupIds = ReadValues(reader);
        reader.NextResult();
        var passageCount = reader.Read() ? reader.GetInt32(0) : 0;
        reader.NextResult();
        var bases = new Dictionary<ulong, WordCount>(words.Count);
        while (reader.Read())
        {
            bases[unchecked((ulong)reader.GetInt64(0))] = new WordCount(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
        }

        if (isHeld)
        {
            return false;
        }

        foreach (var word in words)
        {
            bases.TryAdd(word, default);
        }

        staged.SetBases(bases, passageCount);
        staged.Prefetched = new InsertPrefetch(document.Document.Id, stored, passageIds, groupIds);
        return true;
    }

    private static Dictionary<long, List<(int Group, ulong[] Shingles)>> ReadGroups(NpgsqlDataReader reader)
    {
        var stored = new Dictionary<long, List<(int Group, ulong[] Shingles)>>();
        while (reader.Read())
        {
            var key = reader.GetInt64(1);
            if (!stored.TryGetValue(key, out var list))
            {
                stored[key] = list = [];
            }

            list.Add((reader.GetInt32(0), MemoryMarshal.Cast<byte, ulong>(reader.GetFieldValue<byte[]>(2)).ToArray()));
        }

        return stored;
    }

    private static int[] ReadValues(NpgsqlDataReader reader)
    {
        var values = new List<int>();
        while (reader.Read())
        {
            values.Add(checked((int)reader.GetInt64(0)));
        }

        return [.. values];
    }

    private static NpgsqlBatchCommand NextValuesCommand(string sequence, int count)
    {
        var command = new NpgsqlBatchCommand($"SELECT nextval('{sequence}') FROM generate_series(1, @n) ORDER BY 1");
        command.Parameters.Add(new NpgsqlParameter("n", NpgsqlDbType.Integer) { Value = count });
        return command;
    }

    private static ulong GroupKey(PassageFingerprint fingerprint) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(fingerprint.Shingles.Hashes));

    /// <summary>Draws <paramref name="count"/> values of a sequence, ascending (not necessarily consecutive).</summary>
    private static int[] NextValues(NpgsqlConnection connection, string sequence, int count, bool dispose = false)
    {
        try
        {
            using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(NextValuesCommand(sequence, count));
            using var reader = batch.ExecuteReader();
            return ReadValues(reader);
        }
        finally
        {
            if (dispose)
            {
                connection.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<RemovedPassage>? RemoveDocument(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var staging = RequireStaging();
        if (staging.TryGetDocument(id, out var staged) && staged is null)
        {
            return null;
        }

        using var connection = _dataSource.OpenConnection();
        using (var exists = new NpgsqlCommand("SELECT 1 FROM nd_documents WHERE id = @id", connection))
        {
            exists.Parameters.AddWithValue("id", id);
            if (exists.ExecuteScalar() is null)
            {
                return null;
            }
        }

        var passages = new List<EnginePassage>();
        var members = new List<int[]>();
        using (var command = new NpgsqlCommand("""
            SELECT p.id, p.document_id, p.group_id, p.passage, p.informative,
                   (SELECT array_agg(m.id ORDER BY m.id) FROM nd_passages m WHERE m.group_id = p.group_id)
            FROM nd_passages p WHERE p.document_id = @id ORDER BY p.id
            """, connection))
        {
            command.Parameters.AddWithValue("id", id);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                passages.Add(ReadPassage(reader));
                members.Add(reader.IsDBNull(5) ? [] : reader.GetFieldValue<int[]>(5));
            }
        }

        var removedIds = passages.Select(p => p.Id).ToHashSet();
        var removed = new RemovedPassage[passages.Count];
        for (var i = 0; i < passages.Count; i++)
        {
            var passage = passages[i];
            var wasRepresentative = passage.Group >= 0 && members[i].Length > 0 && members[i][0] == passage.Id;
            var representative = -1;
            if (passage.Group >= 0)
            {
                var remaining = members[i].Where(m => !removedIds.Contains(m)).ToArray();
                if (remaining.Length == 0)
                {
                    staging.RemoveGroup(passage.Group);
                }
                else if (wasRepresentative)
                {
                    representative = remaining[0];
                }
            }

            removed[i] = new RemovedPassage(passage, wasRepresentative, representative);
        }

        staging.RemoveDocument(id);
        return removed;
    }

    /// <inheritdoc />
    public IReadOnlyList<int> GetGroupMembers(int group)
    {
        if (group < 0)
        {
            return [];
        }

        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT id FROM nd_passages WHERE group_id = @g ORDER BY id", connection);
        command.Parameters.AddWithValue("g", group);
        using var reader = command.ExecuteReader();
        var members = new List<int>();
        while (reader.Read())
        {
            members.Add(reader.GetInt32(0));
        }

        return members;
    }

    /// <inheritdoc />
    public void AddSignatures(LshTable table, ReadOnlySpan<int> ids, ReadOnlySpan<uint> values)
    {
        var staging = RequireStaging();
        var bands = Bands(table);
        var k = bands.Scheme.Permutations;
        if (values.Length != ids.Length * k)
        {
            throw new ArgumentException($"Expected {k} values per id.", nameof(values));
        }

        Span<ulong> keys = stackalloc ulong[bands.Parameters.Bands];
        for (var i = 0; i < ids.Length; i++)
        {
            bands.ComputeBandKeys(values.Slice(i * k, k), keys);
            staging.AddBands((short)table, ids[i], keys);
        }
    }

    /// <inheritdoc />
    public bool RemoveSignature(LshTable table, int id)
    {
        RequireStaging().RemoveBands((short)table, id);
        return true;
    }

    /// <inheritdoc />
    public void QueryCandidates(LshTable table, MinHashSignature signature, List<int> results)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(results);
        var bands = Bands(table);
        bands.Scheme.EnsureSame(signature.Scheme);
        results.Clear();
        Span<ulong> keys = stackalloc ulong[bands.Parameters.Bands];
        bands.ComputeBandKeys(signature.Values, keys);
        var wanted = new long[keys.Length];
        for (var band = 0; band < keys.Length; band++)
        {
            wanted[band] = BandKey(band, keys[band]);
        }

        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT DISTINCT passage FROM nd_bands WHERE tbl = @t AND key = ANY(@k) ORDER BY passage", connection);
        command.Parameters.AddWithValue("t", (short)table);
        command.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = wanted });
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            results.Add(reader.GetInt32(0));
        }
    }

    /// <inheritdoc />
    public List<EnginePassage> ExpandCandidates(IReadOnlyList<int> representatives, string? excludeDocument, int limit)
    {
        ArgumentNullException.ThrowIfNull(representatives);
        if (representatives.Count == 0)
        {
            return [];
        }

        // One statement: the groups' members, sorted by (document, passage) and limited in the database.
        var passages = ReadPassages("""
            SELECT m.id, m.document_id, m.group_id, m.passage, m.informative FROM nd_passages m
            WHERE m.group_id IN (SELECT r.group_id FROM nd_passages r WHERE r.id = ANY(@reps) AND r.group_id IS NOT NULL)
              AND m.document_id IS DISTINCT FROM @ex
            ORDER BY m.document_id, m.idx
            LIMIT @limit
            """, ("reps", representatives.ToArray()), ("ex", (object?)excludeDocument ?? DBNull.Value), ("limit", limit));
        _words.Prefetch(passages);
        return passages;
    }

    /// <inheritdoc />
    public IReadOnlyList<List<EnginePassage>> QueryMembersBatch(IReadOnlyList<(LshTable Table, MinHashSignature Signature)> queries, string? excludeDocument, int limit)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var numbers = new List<int>();
        var tables = new List<short>();
        var wanted = new List<long>();
        for (var q = 0; q < queries.Count; q++)
        {
            var (table, signature) = queries[q];
            var bands = Bands(table);
            bands.Scheme.EnsureSame(signature.Scheme);
            var keys = new ulong[bands.Parameters.Bands];
            bands.ComputeBandKeys(signature.Values, keys);
            for (var band = 0; band < keys.Length; band++)
            {
                numbers.Add(q);
                tables.Add((short)table);
                wanted.Add(BandKey(band, keys[band]));
            }
        }

        var answers = new List<EnginePassage>[queries.Count];
        for (var q = 0; q < answers.Length; q++)
        {
            answers[q] = [];
        }

        if (queries.Count == 0)
        {
            return answers;
        }

        // One statement for all: per query, the representatives sharing a bucket, their groups' members, the first
        // `limit` by (document, passage).
        var generation = Volatile.Read(ref _generation);
        using (var connection = _dataSource.OpenConnection())
        using (var command = new NpgsqlCommand("""
            WITH q AS (SELECT * FROM unnest(@n, @t, @k) AS q(n, t, k)),
            g AS (SELECT DISTINCT q.n, r.group_id FROM q JOIN nd_bands b ON b.tbl = q.t AND b.key = q.k
                  JOIN nd_passages r ON r.id = b.passage WHERE r.group_id IS NOT NULL),
            m AS (SELECT g.n, p.id, row_number() OVER (PARTITION BY g.n ORDER BY p.document_id, p.idx) AS rn
                  FROM g JOIN nd_passages p ON p.group_id = g.group_id WHERE p.document_id IS DISTINCT FROM @ex)
            SELECT p.id, p.document_id, p.group_id, p.passage, p.informative, m.n
            FROM m JOIN nd_passages p ON p.id = m.id WHERE m.rn <= @limit ORDER BY m.n, m.rn
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter("n", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = numbers.ToArray() });
            command.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = tables.ToArray() });
            command.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = wanted.ToArray() });
            command.Parameters.Add(new NpgsqlParameter("ex", NpgsqlDbType.Text) { Value = (object?)excludeDocument ?? DBNull.Value });
            command.Parameters.AddWithValue("limit", limit);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                answers[reader.GetInt32(5)].Add(CachedPassage(reader, generation));
            }
        }

        var all = new List<EnginePassage>();
        foreach (var answer in answers)
        {
            all.AddRange(answer);
        }

        _words.Prefetch(all);
        return answers;
    }

    /// <inheritdoc />
    public List<EnginePassage> QueryMembers(LshTable table, MinHashSignature signature, string? excludeDocument, int limit)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var bands = Bands(table);
        bands.Scheme.EnsureSame(signature.Scheme);
        Span<ulong> keys = stackalloc ulong[bands.Parameters.Bands];
        bands.ComputeBandKeys(signature.Values, keys);
        var wanted = new long[keys.Length];
        for (var band = 0; band < keys.Length; band++)
        {
            wanted[band] = BandKey(band, keys[band]);
        }

        // One statement: the representatives sharing a bucket, their groups' members, sorted and limited.
        var passages = ReadPassages("""
            SELECT m.id, m.document_id, m.group_id, m.passage, m.informative FROM nd_passages m
            WHERE m.group_id IN (SELECT r.group_id FROM nd_bands b JOIN nd_passages r ON r.id = b.passage
                                 WHERE b.tbl = @t AND b.key = ANY(@k) AND r.group_id IS NOT NULL)
              AND m.document_id IS DISTINCT FROM @ex
            ORDER BY m.document_id, m.idx
            LIMIT @limit
            """, ("t", (short)table), ("k", wanted), ("ex", (object?)excludeDocument ?? DBNull.Value), ("limit", limit));
        _words.Prefetch(passages);
        return passages;
    }

    private LshIndex Bands(LshTable table) => table == LshTable.Copies ? _copyBands : _rewriteBands;

    /// <summary>The stored key of a band's bucket: the band in the high half, its 32-bit key in the low.</summary>
    private static long BandKey(int band, ulong key) => ((long)band << 32) | (long)(uint)key;

    private NearDuplicateStateWrite RequireStaging() =>
        Staging ?? throw new InvalidOperationException("Writes to the PostgreSQL engine state go through PostgresNearDuplicateState.Stage, so that the store writes them with the document.");

    /// <summary>Reads passages (id, document, group, passage, informative), from the cache when held there.</summary>
    private List<EnginePassage> ReadPassages(string sql, params (string Name, object? Value)[] parameters)
    {
        var generation = Volatile.Read(ref _generation);
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is DBNull ? new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = value } : new NpgsqlParameter(name, value));
        }

        var passages = new List<EnginePassage>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            passages.Add(CachedPassage(reader, generation));
        }

        return passages;
    }

    /// <summary>The passage of the reader's row (id, document, group, passage, informative): the cached one, else read and cached.</summary>
    private EnginePassage CachedPassage(NpgsqlDataReader reader, long generation)
    {
        var id = reader.GetInt32(0);
        if (!_passages.TryGetValue(id, out var passage))
        {
            passage = ReadPassage(reader);
            Remember(_passages, id, passage, PassageCacheSize, generation);
        }

        return passage;
    }

    private EnginePassage ReadPassage(NpgsqlDataReader reader)
    {
        var passage = DecodePassage(reader.GetFieldValue<byte[]>(3));
        PassageWordEvidence.Create(passage.Normalized, passage.Kind, _shingler, _contentShingler, out var fingerprint);
        fingerprint.InformativeWords = reader.IsDBNull(4) ? null : MemoryMarshal.Cast<byte, ulong>(reader.GetFieldValue<byte[]>(4)).ToArray();
        return new EnginePassage(reader.GetInt32(0), reader.GetString(1), passage, fingerprint, reader.IsDBNull(2) ? -1 : reader.GetInt32(2));
    }

    /// <summary>Caches a value read at <paramref name="generation"/>, unless the caches were invalidated or changed since.</summary>
    private void Remember<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, TValue value, int capacity, long generation)
        where TKey : notnull
    {
        lock (_cacheLock)
        {
            if (_generation != generation)
            {
                return;
            }

            if (cache.Count >= capacity)
            {
                cache.Clear();
            }

            cache[key] = value;
        }
    }

    private object? Scalar(string sql)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    internal static byte[] EncodePassage(Passage passage)
    {
        using var stream = new MemoryStream(16 + (passage.Text.Length * 2));
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(passage.Index);
            writer.Write(passage.Paragraph);
            writer.Write((byte)passage.Kind);
            writer.Write(passage.Start);
            writer.Write(passage.End);
            writer.Write(passage.Normalized);
            // The raw text only when it differs (usually it does not).
            var same = string.Equals(passage.Text, passage.Normalized, StringComparison.Ordinal);
            writer.Write(same);
            if (!same)
            {
                writer.Write(passage.Text);
            }
        }

        return stream.ToArray();
    }

    private static Passage DecodePassage(byte[] data)
    {
        using var reader = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
        var index = reader.ReadInt32();
        var paragraph = reader.ReadInt32();
        var kind = (PassageKind)reader.ReadByte();
        var start = reader.ReadInt32();
        var end = reader.ReadInt32();
        var normalized = reader.ReadString();
        var text = reader.ReadBoolean() ? normalized : reader.ReadString();
        return new Passage(index, paragraph, kind, start, end, text, normalized);
    }

    /// <summary>After a staged write committed: the caches take its changes (the generation moves, so reads that started before are not cached).</summary>
    internal void Apply(NearDuplicateStateWrite write)
    {
        lock (_cacheLock)
        {
            _generation++;
            if (write.HasRemovals)
            {
                _passages.Clear();
                _documents.Clear();
                _passageIds.Clear();
            }

            _words.Apply(write);
        }
    }

    /// <summary>After a staged write was abandoned: passages it touched may carry informative words that were never stored.</summary>
    internal void Abandon(NearDuplicateStateWrite write, bool flushed)
    {
        if (flushed || write.TouchedExisting)
        {
            Invalidate();
        }
    }

    /// <summary>Under the cache lock: a staged write is being written; nothing read from now on is cached until it committed or was abandoned.</summary>
    internal void BeginCommit()
    {
        _generation++;
        _words.BeginCommit();
    }

    /// <summary>Word counts from the cache or the database (one statement for every word missing).</summary>
    internal Dictionary<ulong, WordCount> ReadWords(IEnumerable<ulong> words, out int passageCount) =>
        _words.Read(words, out passageCount);

    internal DedupOptions Options => _options;

    internal Shingler CopyShingler => _shingler;

    internal Shingler ContentShingler => _contentShingler;

    internal NpgsqlDataSource DataSource => _dataSource;

    internal long Generation => Volatile.Read(ref _generation);

    internal Lock CacheLock => _cacheLock;

    internal NearDuplicateStateWrite? CurrentStaging => Staging;
}

/// <summary>One word's counts.</summary>
/// <param name="Capitalized">Occurrences written with a capital away from the sentence start.</param>
/// <param name="Lower">Occurrences written in lower case there.</param>
/// <param name="Passages">Counted passages containing it.</param>
internal readonly record struct WordCount(int Capitalized, int Lower, int Passages)
{
    public static WordCount operator +(WordCount a, WordCount b) => new(a.Capitalized + b.Capitalized, a.Lower + b.Lower, a.Passages + b.Passages);
}
