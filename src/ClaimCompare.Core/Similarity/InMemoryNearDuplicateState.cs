using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// The near-duplicate engine's state in memory: the CLI's (one batch over every document) and the service's default.
/// </summary>
/// <remarks>
/// <para>
/// Passages live in one list indexed by id (ids are never reused, so a removed passage leaves a null slot); the band
/// tables are two <see cref="LshIndex"/>es (8 bytes per band per representative); groups of identical copies are
/// found by the XxHash3 of their copy shingles, then compared exactly.
/// </para>
/// <para>
/// Concurrency: one writer at a time (the engine's caller serialises writes); any number of readers meanwhile. Reads of
/// documents, passages and groups take a read lock; the band tables and word statistics have their own lock-free reads.
/// </para>
/// </remarks>
public sealed class InMemoryNearDuplicateState : INearDuplicateState, IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly List<EnginePassage?> _passages = [];
    private readonly Dictionary<string, DocumentEntry> _documents = new(StringComparer.Ordinal);
    private readonly List<EngineDocument> _order = [];
    private readonly Dictionary<ulong, List<int>> _groupsByKey = [];
    private readonly List<List<int>?> _groups = [];
    private readonly LshIndex _copies;
    private readonly LshIndex _rewrites;
    private readonly LshIndex _topics;
    private int _passageCount;
    private bool _orderStale;

    /// <summary>Creates an empty state for <paramref name="options"/>' schemes and bandings.</summary>
    /// <param name="options">The engine's options; <see cref="DedupOptions.Default"/> when null.</param>
    public InMemoryNearDuplicateState(DedupOptions? options = null)
    {
        options ??= DedupOptions.Default;
        options.Validate();
        _copies = new LshIndex(options.CopyScheme, CopyBanding(options));
        _rewrites = new LshIndex(options.RewriteScheme, RewriteBanding(options));
        _topics = new LshIndex(options.RewriteScheme, RewriteBanding(options));
        Words = new CorpusWordStatistics(options);
    }

    /// <summary>The copy table's banding for <paramref name="options"/>.</summary>
    internal static LshParameters CopyBanding(DedupOptions options) =>
        LshParameters.Optimal(options.EffectiveCandidateThreshold, options.CopyScheme.Permutations, maxBands: options.CopyMaxBands);

    /// <summary>The rewrite table's banding for <paramref name="options"/>.</summary>
    internal static LshParameters RewriteBanding(DedupOptions options) =>
        LshParameters.Optimal(options.RewriteCandidateThreshold, options.RewriteScheme.Permutations, maxBands: options.RewriteMaxBands, minRows: options.RewriteMinRows);

    /// <inheritdoc />
    public int DocumentCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _documents.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <inheritdoc />
    public int PassageCount => Volatile.Read(ref _passageCount);

    /// <summary>The statistics, as the concrete type.</summary>
    public CorpusWordStatistics Words { get; }

    ICorpusWordStatistics INearDuplicateState.Words => Words;

    /// <summary>The copy band table (the batch detector lists its candidate pairs in bulk).</summary>
    internal LshIndex Copies => _copies;

    /// <summary>The rewrite band table.</summary>
    internal LshIndex Rewrites => _rewrites;

    /// <summary>The band table for <paramref name="table"/>.</summary>
    internal LshIndex Table(LshTable table) => table switch
    {
        LshTable.Copies => _copies,
        LshTable.Rewrites => _rewrites,
        _ => _topics,
    };

    /// <summary>The passage slots by id, for the batch detector's single-threaded passes (null for a removed passage).</summary>
    internal List<EnginePassage?> Passages => _passages;

    /// <inheritdoc />
    public EngineDocument? GetDocument(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _lock.EnterReadLock();
        try
        {
            return _documents.TryGetValue(id, out var entry) ? entry.Document : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<EngineDocument> GetDocuments()
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_orderStale)
            {
                _lock.EnterWriteLock();
                try
                {
                    _order.RemoveAll(d => !_documents.TryGetValue(d.Id, out var entry) || !ReferenceEquals(entry.Document, d));
                    _orderStale = false;
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }

            return [.. _order];
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<EnginePassage> GetPassages(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        _lock.EnterReadLock();
        try
        {
            if (!_documents.TryGetValue(documentId, out var entry))
            {
                return [];
            }

            var list = new EnginePassage[entry.Count];
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = _passages[entry.First + i]!;
            }

            return list;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public EnginePassage? GetPassage(int id)
    {
        _lock.EnterReadLock();
        try
        {
            return id >= 0 && id < _passages.Count ? _passages[id] : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public EnginePassage? FindPassage(string documentId, int passageIndex)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        _lock.EnterReadLock();
        try
        {
            if (!_documents.TryGetValue(documentId, out var entry))
            {
                return null;
            }

            // Passages are held in index order and usually numbered from 0 without gaps.
            if (passageIndex >= 0 && passageIndex < entry.Count && _passages[entry.First + passageIndex]!.Passage.Index == passageIndex)
            {
                return _passages[entry.First + passageIndex];
            }

            for (var i = 0; i < entry.Count; i++)
            {
                if (_passages[entry.First + i]!.Passage.Index == passageIndex)
                {
                    return _passages[entry.First + i];
                }
            }

            return null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
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

        var total = 0;
        foreach (var list in passages)
        {
            total += list.Count;
        }

        var result = new (int, int, bool)[total];
        _lock.EnterWriteLock();
        try
        {
            foreach (var document in documents)
            {
                if (_documents.ContainsKey(document.Id))
                {
                    throw new ArgumentException($"Document '{document.Id}' is already held.", nameof(documents));
                }
            }

            _passages.EnsureCapacity(_passages.Count + total);
            var n = 0;
            for (var d = 0; d < documents.Count; d++)
            {
                var document = documents[d];
                var first = _passages.Count;
                foreach (var (passage, fingerprint, indexable) in passages[d])
                {
                    var id = _passages.Count;
                    var (group, created) = indexable ? JoinGroup(id, fingerprint) : (-1, false);
                    _passages.Add(new EnginePassage(id, document.Id, passage, fingerprint, group));
                    result[n++] = (id, group, created);
                }

                _documents.Add(document.Id, new DocumentEntry(document, first, passages[d].Count));
                _order.Add(document);
            }

            _passageCount += total;
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return result;
    }

    /// <summary>Finds the group whose copy shingles equal the fingerprint's, or founds one; call under the write lock.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Group, bool Created) JoinGroup(int id, PassageFingerprint fingerprint)
    {
        var key = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(fingerprint.Shingles.Hashes));
        ref var candidates = ref CollectionsMarshal.GetValueRefOrAddDefault(_groupsByKey, key, out _);
        candidates ??= [];
        foreach (var group in candidates)
        {
            var members = _groups[group]!;
            if (_passages[members[0]]!.Fingerprint.Shingles.Hashes.SequenceEqual(fingerprint.Shingles.Hashes))
            {
                members.Add(id);
                return (group, false);
            }
        }

        var created = _groups.Count;
        _groups.Add([id]);
        candidates.Add(created);
        return (created, true);
    }

    /// <inheritdoc />
    public IReadOnlyList<RemovedPassage>? RemoveDocument(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _lock.EnterWriteLock();
        try
        {
            if (!_documents.Remove(id, out var entry))
            {
                return null;
            }

            _orderStale = true;
            var passages = new EnginePassage[entry.Count];
            var wasRepresentative = new bool[entry.Count];
            for (var i = 0; i < entry.Count; i++)
            {
                passages[i] = _passages[entry.First + i]!;
                _passages[entry.First + i] = null;
                wasRepresentative[i] = passages[i].Group >= 0 && _groups[passages[i].Group]![0] == passages[i].Id;
            }

            foreach (var passage in passages)
            {
                if (passage.Group >= 0)
                {
                    _groups[passage.Group]!.Remove(passage.Id);
                }
            }

            var removed = new RemovedPassage[entry.Count];
            for (var i = 0; i < entry.Count; i++)
            {
                var passage = passages[i];
                var representative = -1;
                if (passage.Group >= 0 && _groups[passage.Group] is { } members)
                {
                    if (members.Count == 0)
                    {
                        _groups[passage.Group] = null;
                        var key = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(passage.Fingerprint.Shingles.Hashes));
                        if (_groupsByKey.TryGetValue(key, out var groups))
                        {
                            groups.Remove(passage.Group);
                            if (groups.Count == 0)
                            {
                                _groupsByKey.Remove(key);
                            }
                        }
                    }
                    else if (wasRepresentative[i])
                    {
                        representative = members[0];
                    }
                }

                removed[i] = new RemovedPassage(passage, wasRepresentative[i], representative);
            }

            _passageCount -= entry.Count;
            return removed;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<int> GetGroupMembers(int group)
    {
        _lock.EnterReadLock();
        try
        {
            return group >= 0 && group < _groups.Count && _groups[group] is { } members ? [.. members] : [];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The groups' member lists by group number (null for an emptied group), for the batch detector.</summary>
    internal List<List<int>?> Groups => _groups;

    /// <inheritdoc />
    public void AddSignatures(LshTable table, ReadOnlySpan<int> ids, ReadOnlySpan<uint> values) => Table(table).InsertRange(ids, values);

    /// <inheritdoc />
    public bool RemoveSignature(LshTable table, int id) => Table(table).Delete(id);

    /// <inheritdoc />
    public void QueryCandidates(LshTable table, MinHashSignature signature, List<int> results) => Table(table).Query(signature, results);

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private sealed record DocumentEntry(EngineDocument Document, int First, int Count);
}
