using System.Buffers.Binary;

namespace ClaimCompare.Server.Analysis;

/// <summary>
/// An index of exact passage fingerprints: finds passages whose normalised text is identical.
/// </summary>
/// <remarks>
/// The interim index until Core's MinHash <c>LshIndex</c> lands: it finds verbatim copies (after
/// whitespace, Unicode and case normalisation) and nothing looser, and it says so through
/// <see cref="CoreDocumentAnalyzer.Capabilities"/>.
/// </remarks>
public sealed class ExactPassageIndex : IPassageIndex, IDisposable
{
    private readonly Dictionary<ulong, List<IndexedPassage>> _byFingerprint = [];
    private readonly Dictionary<string, List<ulong>> _byDocument = new(StringComparer.Ordinal);
    private readonly ReaderWriterLockSlim _lock = new();
    private int _count;

    /// <inheritdoc />
    public string Scheme => CoreDocumentAnalyzer.SignatureScheme;

    /// <inheritdoc />
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <inheritdoc />
    public void Insert(IReadOnlyList<IndexedPassage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        foreach (var passage in passages)
        {
            if (!string.Equals(passage.Scheme, Scheme, StringComparison.Ordinal) || passage.Signature.Length != sizeof(ulong))
            {
                throw new ArgumentException($"signature scheme '{passage.Scheme}' does not match the index scheme '{Scheme}'", nameof(passages));
            }
        }

        _lock.EnterWriteLock();
        try
        {
            foreach (var passage in passages)
            {
                var key = BinaryPrimitives.ReadUInt64LittleEndian(passage.Signature);
                if (!_byFingerprint.TryGetValue(key, out var list))
                {
                    _byFingerprint[key] = list = [];
                }

                list.Add(passage);
                if (!_byDocument.TryGetValue(passage.Document, out var keys))
                {
                    _byDocument[passage.Document] = keys = [];
                }

                keys.Add(key);
                _count++;
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
            if (!_byDocument.Remove(documentId, out var keys))
            {
                return false;
            }

            foreach (var key in keys)
            {
                if (_byFingerprint.TryGetValue(key, out var list))
                {
                    _count -= list.RemoveAll(p => string.Equals(p.Document, documentId, StringComparison.Ordinal));
                    if (list.Count == 0)
                    {
                        _byFingerprint.Remove(key);
                    }
                }
            }

            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    /// <inheritdoc />
    public IReadOnlyList<IndexedPassage> Query(ReadOnlySpan<byte> signature)
    {
        if (signature.Length != sizeof(ulong))
        {
            throw new ArgumentException("not an exact-match signature", nameof(signature));
        }

        var key = BinaryPrimitives.ReadUInt64LittleEndian(signature);
        IndexedPassage[] hits;
        _lock.EnterReadLock();
        try
        {
            if (!_byFingerprint.TryGetValue(key, out var list))
            {
                return [];
            }

            hits = [.. list];
        }
        finally
        {
            _lock.ExitReadLock();
        }

        // Insertion order differs between a live index and one rebuilt from the store; sorting keeps answers identical.
        Array.Sort(hits, static (a, b) =>
        {
            var byDocument = string.CompareOrdinal(a.Document, b.Document);
            return byDocument != 0 ? byDocument : a.Passage.CompareTo(b.Passage);
        });
        return hits;
    }
}
