using System.Runtime.InteropServices;
using ClaimCompare.Core.Similarity;
using Npgsql;
using NpgsqlTypes;

namespace ClaimCompare.Storage.Postgres;

/// <summary>
/// An engine write staged by <see cref="PostgresNearDuplicateState.Stage"/>: what the insert or delete adds and removes
/// (documents, passages, groups, band rows, word-count changes), readable by the staging flow only, written by
/// <see cref="PostgresClaimStore"/> in the document's transaction.
/// </summary>
/// <remarks>Give it to the store, call <see cref="Committed"/> once the store's transaction committed, and dispose it either way.</remarks>
public sealed class NearDuplicateStateWrite : IDisposable
{
    private readonly PostgresNearDuplicateState _state;
    private readonly Lock _lock = new();
    private readonly Lock _basesGate = new();
    private readonly List<EngineDocument> _documents = [];
    private readonly Dictionary<string, List<EnginePassage>> _added = new(StringComparer.Ordinal);
    private readonly Dictionary<int, EnginePassage> _addedById = [];
    private readonly HashSet<string> _removedDocuments = new(StringComparer.Ordinal);
    private readonly List<(int Id, ulong Key, ulong[] Shingles)> _groups = [];
    private readonly HashSet<int> _removedGroups = [];
    private readonly List<short> _bandTables = [];
    private readonly List<long> _bandKeys = [];
    private readonly List<int> _bandPassages = [];
    private readonly List<(short Table, int Passage)> _removedBands = [];
    private readonly Dictionary<int, EnginePassage> _touched = [];
    private readonly HashSet<int> _signed = [];
    private readonly Dictionary<ulong, WordCount> _deltas = [];
    private readonly Dictionary<ulong, WordCount> _bases = [];
    private int? _basePassageCount;
    private bool _flushed;
    private bool _done;

    internal NearDuplicateStateWrite(PostgresNearDuplicateState state) => _state = state;

    /// <summary>Documents this write adds.</summary>
    public int AddedDocuments => _documents.Count;

    /// <summary>Documents this write removes.</summary>
    public int RemovedDocuments => _removedDocuments.Count;

    internal bool HasRemovals => _removedDocuments.Count > 0 || _removedBands.Count > 0;

    internal bool TouchedExisting => _signed.Any(id => !_addedById.ContainsKey(id));

    internal int PassageDelta { get; private set; }

    /// <summary>What <see cref="PostgresNearDuplicateState.StageInsert"/> read ahead for the insert, if it staged one.</summary>
    internal InsertPrefetch? Prefetched { get; set; }

    internal IReadOnlyDictionary<ulong, WordCount> Deltas => _deltas;

    internal int? BasePassageCount
    {
        get
        {
            lock (_lock)
            {
                return _basePassageCount;
            }
        }
    }

    internal bool TryGetDocument(string id, out EngineDocument? document)
    {
        if (_removedDocuments.Contains(id))
        {
            document = null;
            return true;
        }

        document = _documents.Find(d => string.Equals(d.Id, id, StringComparison.Ordinal));
        return document is not null;
    }

    internal bool HoldsAny(string[] ids, out string id)
    {
        foreach (var candidate in ids)
        {
            if (_added.ContainsKey(candidate))
            {
                id = candidate;
                return true;
            }
        }

        id = string.Empty;
        return false;
    }

    internal bool TryGetPassages(string documentId, out IReadOnlyList<EnginePassage> passages)
    {
        if (_added.TryGetValue(documentId, out var list))
        {
            passages = list;
            return true;
        }

        passages = [];
        return _removedDocuments.Contains(documentId);
    }

    internal bool TryGetPassage(int id, out EnginePassage? passage)
    {
        var found = _addedById.TryGetValue(id, out var added);
        passage = added;
        return found;
    }

    internal void Touch(EnginePassage passage)
    {
        lock (_lock)
        {
            _touched[passage.Id] = passage;
        }
    }

    internal void AddDocument(EngineDocument document, List<EnginePassage> passages)
    {
        _documents.Add(document);
        _added[document.Id] = passages;
        foreach (var passage in passages)
        {
            _addedById[passage.Id] = passage;
        }
    }

    internal void AddGroup(int id, ulong key, ulong[] shingles) => _groups.Add((id, key, shingles));

    internal void RemoveGroup(int id) => _removedGroups.Add(id);

    internal void RemoveDocument(string id) => _removedDocuments.Add(id);

    internal void AddBands(short table, int passage, ReadOnlySpan<ulong> keys)
    {
        lock (_lock)
        {
            for (var band = 0; band < keys.Length; band++)
            {
                _bandTables.Add(table);
                _bandKeys.Add(((long)band << 32) | (long)(uint)keys[band]);
                _bandPassages.Add(passage);
            }

            _signed.Add(passage);
        }
    }

    internal void RemoveBands(short table, int passage)
    {
        lock (_lock)
        {
            _removedBands.Add((table, passage));
        }
    }

    internal void AddWords(PassageWordEvidence evidence, bool countPassage, int sign)
    {
        lock (_lock)
        {
            if (countPassage)
            {
                foreach (var word in evidence.ContentWords)
                {
                    _deltas[word] = _deltas.GetValueOrDefault(word) + new WordCount(0, 0, sign);
                }

                PassageDelta += sign;
            }

            foreach (var word in evidence.Capitalized)
            {
                _deltas[word] = _deltas.GetValueOrDefault(word) + new WordCount(sign, 0, 0);
            }

            foreach (var word in evidence.Lower)
            {
                _deltas[word] = _deltas.GetValueOrDefault(word) + new WordCount(0, sign, 0);
            }
        }
    }

    /// <summary>
    /// Reads, in one statement, the stored counts of every word this write changes that has none yet: the engine then
    /// judges a whole batch's words (on many threads) without a round trip each.
    /// </summary>
    internal void EnsureBases(Func<List<ulong>, (Dictionary<ulong, WordCount> Counts, int PassageCount)> fetch)
    {
        lock (_basesGate)
        {
            List<ulong> missing;
            lock (_lock)
            {
                missing = [.. _deltas.Keys.Where(w => !_bases.ContainsKey(w))];
                if (missing.Count == 0 && _basePassageCount is not null)
                {
                    return;
                }
            }

            var (counts, passageCount) = fetch(missing);
            lock (_lock)
            {
                foreach (var word in missing)
                {
                    _bases.TryAdd(word, counts.GetValueOrDefault(word));
                }

                _basePassageCount ??= passageCount;
            }
        }
    }

    internal bool TryGetBase(ulong word, out WordCount count)
    {
        lock (_lock)
        {
            return _bases.TryGetValue(word, out count);
        }
    }

    internal void SetBases(Dictionary<ulong, WordCount> counts, int passageCount)
    {
        lock (_lock)
        {
            foreach (var (word, count) in counts)
            {
                _bases.TryAdd(word, count);
            }

            _basePassageCount ??= passageCount;
        }
    }

    internal WordCount Delta(ulong word)
    {
        lock (_lock)
        {
            return _deltas.GetValueOrDefault(word);
        }
    }

    /// <summary>Writes the staged rows in the caller's transaction: one round trip.</summary>
    /// <param name="connection">The transaction's connection.</param>
    /// <param name="transaction">The document's transaction.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="first">Statements of the caller's to send in the same round trip, first (e.g. the change feed's row); null for none.</param>
    /// <returns>The first column of the first of <paramref name="first"/>'s first row (null without any, or when it returned none).</returns>
    internal async Task<object?> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken, IReadOnlyList<NpgsqlBatchCommand>? first = null)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        lock (_state.CacheLock)
        {
            _flushed = true;
            _state.BeginCommit();
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in first ?? [])
        {
            batch.BatchCommands.Add(command);
        }

        if (_removedBands.Count > 0)
        {
            Add(batch, "DELETE FROM nd_bands b USING unnest(@t, @p) AS r(t, p) WHERE b.tbl = r.t AND b.passage = r.p",
                ("t", NpgsqlDbType.Smallint, _removedBands.Select(r => r.Table).ToArray()), ("p", NpgsqlDbType.Integer, _removedBands.Select(r => r.Passage).ToArray()));
        }

        if (_removedDocuments.Count > 0)
        {
            // Passages and their band rows go with the document (ON DELETE CASCADE).
            Add(batch, "DELETE FROM nd_documents WHERE id = ANY(@ids)", ("ids", NpgsqlDbType.Text, _removedDocuments.ToArray()));
        }

        if (_removedGroups.Count > 0)
        {
            Add(batch, "DELETE FROM nd_groups g WHERE g.id = ANY(@g) AND NOT EXISTS (SELECT 1 FROM nd_passages p WHERE p.group_id = g.id)",
                ("g", NpgsqlDbType.Integer, _removedGroups.ToArray()));
        }

        if (_documents.Count > 0)
        {
            // In the order given: the identity column keeps the order documents were added in.
            Add(batch, "INSERT INTO nd_documents (id, outlet, day) SELECT id, outlet, day FROM unnest(@id, @outlet, @day) WITH ORDINALITY AS u(id, outlet, day, n) ORDER BY n",
                ("id", NpgsqlDbType.Text, _documents.Select(d => d.Id).ToArray()),
                ("outlet", NpgsqlDbType.Text, _documents.Select(d => d.Outlet).ToArray()),
                ("day", NpgsqlDbType.Integer, _documents.Select(d => d.Date?.DayNumber).ToArray()));
        }

        if (_groups.Count > 0)
        {
            Add(batch, "INSERT INTO nd_groups (id, key, shingles) SELECT * FROM unnest(@id, @key, @shingles)",
                ("id", NpgsqlDbType.Integer, _groups.Select(g => g.Id).ToArray()),
                ("key", NpgsqlDbType.Bigint, _groups.Select(g => unchecked((long)g.Key)).ToArray()),
                ("shingles", NpgsqlDbType.Bytea, _groups.Select(g => MemoryMarshal.AsBytes(g.Shingles.AsSpan()).ToArray()).ToArray()));
        }

        if (_addedById.Count > 0)
        {
            var passages = _addedById.Values.OrderBy(p => p.Id).ToArray();
            Add(batch, "INSERT INTO nd_passages (id, document_id, idx, group_id, passage, informative) SELECT i, d, x, NULLIF(g, -1), p, f FROM unnest(@i, @d, @x, @g, @p, @f) AS u(i, d, x, g, p, f)",
                ("i", NpgsqlDbType.Integer, passages.Select(p => p.Id).ToArray()),
                ("d", NpgsqlDbType.Text, passages.Select(p => p.Document).ToArray()),
                ("x", NpgsqlDbType.Integer, passages.Select(p => p.Passage.Index).ToArray()),
                ("g", NpgsqlDbType.Integer, passages.Select(p => p.Group).ToArray()),
                ("p", NpgsqlDbType.Bytea, passages.Select(p => PostgresNearDuplicateState.EncodePassage(p.Passage)).ToArray()),
                ("f", NpgsqlDbType.Bytea, passages.Select(p => Informative(p)).ToArray()));
        }

        if (_bandKeys.Count > 0)
        {
            Add(batch, "INSERT INTO nd_bands (tbl, key, passage) SELECT * FROM unnest(@t, @k, @p) ON CONFLICT DO NOTHING",
                ("t", NpgsqlDbType.Smallint, _bandTables.ToArray()), ("k", NpgsqlDbType.Bigint, _bandKeys.ToArray()), ("p", NpgsqlDbType.Integer, _bandPassages.ToArray()));
        }

        // A passage that became its group's representative (a delete) was indexed with new informative words.
        var existing = _signed.Where(id => !_addedById.ContainsKey(id) && _touched.ContainsKey(id)).Order().ToArray();
        if (existing.Length > 0)
        {
            Add(batch, "UPDATE nd_passages p SET informative = u.f FROM unnest(@i, @f) AS u(i, f) WHERE p.id = u.i",
                ("i", NpgsqlDbType.Integer, existing), ("f", NpgsqlDbType.Bytea, existing.Select(id => Informative(_touched[id])).ToArray()));
        }

        var words = _deltas.Where(d => d.Value != default).OrderBy(d => d.Key).ToArray();
        if (words.Length > 0)
        {
            Add(batch, """
                INSERT INTO nd_words AS w (word, capitalized, lower, passages) SELECT * FROM unnest(@w, @c, @l, @p)
                ON CONFLICT (word) DO UPDATE SET capitalized = w.capitalized + excluded.capitalized, lower = w.lower + excluded.lower,
                                                 passages = w.passages + excluded.passages
                """,
                ("w", NpgsqlDbType.Bigint, words.Select(w => unchecked((long)w.Key)).ToArray()),
                ("c", NpgsqlDbType.Integer, words.Select(w => w.Value.Capitalized).ToArray()),
                ("l", NpgsqlDbType.Integer, words.Select(w => w.Value.Lower).ToArray()),
                ("p", NpgsqlDbType.Integer, words.Select(w => w.Value.Passages).ToArray()));
        }

        if (PassageDelta != 0)
        {
            var update = new NpgsqlBatchCommand("UPDATE nd_meta SET passage_count = passage_count + @d");
            update.Parameters.AddWithValue("d", PassageDelta);
            batch.BatchCommands.Add(update);
        }

        if (first is { Count: > 0 })
        {
            return await PostgresClaimStore.FirstValueAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private static byte[]? Informative(EnginePassage passage) =>
        passage.Fingerprint.InformativeWords is { } words ? MemoryMarshal.AsBytes(words.AsSpan()).ToArray() : null;

    private static void Add(NpgsqlBatch batch, string sql, params (string Name, NpgsqlDbType Type, object Value)[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, type, value) in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = value });
        }

        batch.BatchCommands.Add(command);
    }

    /// <summary>Call after the store's transaction committed: this process's caches take the write's changes.</summary>
    public void Committed()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _done = true;
        _state.Apply(this);
    }

    /// <summary>Abandons the write when it was not committed (nothing of it is in the database, unless its transaction's fate is unknown: then every cache is dropped).</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _state.Abandon(this, _flushed);
    }
}

/// <summary>The rows an insert of one document reads, read ahead in one round trip.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Groups">Stored groups of identical copies by key, with their shingles.</param>
/// <param name="PassageIds">One passage id per passage, ascending.</param>
/// <param name="GroupIds">Ids for the groups the insert founds, ascending (at least as many as it founds, unless keys collide).</param>
internal sealed record InsertPrefetch(string DocumentId, Dictionary<long, List<(int Group, ulong[] Shingles)>> Groups, int[] PassageIds, int[] GroupIds);
