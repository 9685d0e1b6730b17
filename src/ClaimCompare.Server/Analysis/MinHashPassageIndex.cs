using System.Runtime.InteropServices;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Server.Analysis;

/// <summary>
/// The near-duplicate index: Core's MinHash <see cref="LshIndex"/> over copy shingles (word 3-grams, digits
/// masked), with incremental insert and delete, rebuilt from the stored signatures on start.
/// </summary>
/// <remarks>
/// Core's index keys passages by int; this adapter hands out ids in insertion order and keeps the map to
/// (document, passage). Candidates are only candidates: <see cref="CoreDocumentAnalyzer"/> verifies each exactly.
/// </remarks>
public sealed class MinHashPassageIndex : IPassageIndex, IDisposable
{
    private readonly LshIndex _index;
    private readonly Dictionary<int, IndexedPassage> _byId = [];
    private readonly Dictionary<string, List<int>> _byDocument = new(StringComparer.Ordinal);
    private readonly ReaderWriterLockSlim _lock = new();
    private int _nextId;

    /// <summary>Creates an empty index for <see cref="DedupOptions.Default"/>'s copy scheme.</summary>
    public MinHashPassageIndex()
        : this(DedupOptions.Default)
    {
    }

    /// <summary>Creates an empty index for <paramref name="options"/>' copy scheme and candidate threshold.</summary>
    /// <param name="options">Core's near-duplicate settings.</param>
    public MinHashPassageIndex(DedupOptions options)
        : this(options?.CopyScheme ?? throw new ArgumentNullException(nameof(options)),
            LshParameters.Optimal(options.EffectiveCandidateThreshold, options.CopyScheme.Permutations, maxBands: options.CopyMaxBands))
    {
    }

    /// <summary>Creates an empty index for any signature scheme and banding (the rewrite index uses content words).</summary>
    /// <param name="scheme">The signatures' scheme.</param>
    /// <param name="parameters">Bands and rows.</param>
    public MinHashPassageIndex(SignatureScheme scheme, LshParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        SignatureScheme = scheme;
        Scheme = SchemeName(SignatureScheme);
        _index = new LshIndex(SignatureScheme, parameters);
    }

    /// <summary>Core's scheme of the signatures this index holds.</summary>
    public SignatureScheme SignatureScheme { get; }

    /// <inheritdoc />
    public string Scheme { get; }

    /// <inheritdoc />
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _byId.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>The stored name of a scheme: Core's description of hash family, seed, k, shingles and normaliser.</summary>
    /// <param name="scheme">The scheme.</param>
    /// <returns>A stable string.</returns>
    public static string SchemeName(SignatureScheme scheme) => "minhash/" + scheme;

    /// <summary>The signature's values as stored bytes (little-endian uint32).</summary>
    /// <param name="signature">A signature.</param>
    /// <returns>4 × k bytes.</returns>
    public static byte[] ToBytes(MinHashSignature signature) => MemoryMarshal.AsBytes(signature.Values).ToArray();

    /// <inheritdoc />
    public void Insert(IReadOnlyList<IndexedPassage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var signatures = new MinHashSignature[passages.Count];
        for (var i = 0; i < passages.Count; i++)
        {
            if (!string.Equals(passages[i].Scheme, Scheme, StringComparison.Ordinal))
            {
                throw new ArgumentException($"signature scheme '{passages[i].Scheme}' does not match the index scheme '{Scheme}'", nameof(passages));
            }

            signatures[i] = FromBytes(passages[i].Signature);
        }

        _lock.EnterWriteLock();
        try
        {
            for (var i = 0; i < passages.Count; i++)
            {
                var id = _nextId++;
                _index.Insert(id, signatures[i]);
                _byId[id] = passages[i];
                if (!_byDocument.TryGetValue(passages[i].Document, out var ids))
                {
                    _byDocument[passages[i].Document] = ids = [];
                }

                ids.Add(id);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public bool Delete(string documentId)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_byDocument.Remove(documentId, out var ids))
            {
                return false;
            }

            foreach (var id in ids)
            {
                _index.Delete(id);
                _byId.Remove(id);
            }

            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<IndexedPassage> Query(ReadOnlySpan<byte> signature)
    {
        var query = FromBytes(signature.ToArray());
        List<IndexedPassage> hits;
        _lock.EnterReadLock();
        try
        {
            var ids = _index.Query(query);
            hits = new List<IndexedPassage>(ids.Count);
            foreach (var id in ids)
            {
                if (_byId.TryGetValue(id, out var passage))
                {
                    hits.Add(passage);
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        // Ids differ between a live index and one rebuilt from the store; sorting keeps answers identical.
        hits.Sort(static (a, b) =>
        {
            var byDocument = string.CompareOrdinal(a.Document, b.Document);
            return byDocument != 0 ? byDocument : a.Passage.CompareTo(b.Passage);
        });
        return hits;
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private MinHashSignature FromBytes(byte[] bytes)
    {
        if (bytes.Length != SignatureScheme.Permutations * sizeof(uint))
        {
            throw new ArgumentException($"a signature of this scheme has {SignatureScheme.Permutations * sizeof(uint)} bytes, not {bytes.Length}", nameof(bytes));
        }

        return new MinHashSignature(SignatureScheme, MemoryMarshal.Cast<byte, uint>(bytes).ToArray());
    }
}
