using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// A banded locality-sensitive hashing index over MinHash signatures: passages whose signatures agree on all
/// rows of at least one band become candidates. Supports incremental insert, delete and query.
/// </summary>
/// <remarks>
/// <para>
/// <b>Memory.</b> Each band of a passage is one 64-bit entry <c>(band key &lt;&lt; 32) | id</c>, where the
/// 32-bit band key is XxHash3 of the band's rows seeded with the band number. Entries live in a few sorted
/// arrays (a log-structured merge: a new batch becomes a sorted run, and runs of similar size are merged),
/// so the tables cost exactly 8 bytes per band per passage with no per-bucket objects, plus one bit per id.
/// A bucket is a range of equal keys found by binary search. Signatures are not kept.
/// </para>
/// <para>
/// <b>Persistence.</b> <see cref="Save"/> writes the scheme, the banding and the entries (little-endian, band keys
/// computed from the little-endian bytes of the rows on every platform); <see cref="Load"/> refuses a file written
/// under another scheme, so a stored index is never queried with signatures it cannot match.
/// </para>
/// <para>
/// <b>Concurrency.</b> Any number of threads may call <see cref="Query(MinHashSignature)"/> and
/// <see cref="Contains"/> while one thread writes: writers serialise on a private lock and publish a new
/// immutable snapshot of the run list with a volatile write; runs are never modified once published, and
/// the presence bitmap is updated with interlocked operations, so a reader sees each insert or delete either
/// entirely or not at all.
/// </para>
/// </remarks>
public sealed class LshIndex
{
    private readonly Lock _gate = new();
    private Snapshot _snapshot = new([], []);
    private ulong[] _dirty = [];
    private long _staleEntries;
    private int _count;

    /// <summary>Creates an empty index.</summary>
    /// <param name="scheme">The scheme of every signature inserted or queried.</param>
    /// <param name="parameters">The banding; <c>Bands × Rows</c> must not exceed the scheme's k.</param>
    /// <exception cref="ArgumentOutOfRangeException">The banding needs more rows than the scheme has permutations.</exception>
    public LshIndex(SignatureScheme scheme, LshParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        if (parameters.Bands < 1 || parameters.Rows < 1 || parameters.Bands * parameters.Rows > scheme.Permutations)
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters, $"Bands × rows must be between 1 and k = {scheme.Permutations}.");
        }

        Scheme = scheme;
        Parameters = parameters;
    }

    /// <summary>Creates an index whose banding is chosen for <paramref name="threshold"/> by <see cref="LshParameters.Optimal"/>.</summary>
    /// <param name="scheme">The signature scheme.</param>
    /// <param name="threshold">Target Jaccard threshold, in (0, 1).</param>
    /// <param name="maxBands">The most bands allowed (8 bytes per band per passage).</param>
    public static LshIndex ForThreshold(SignatureScheme scheme, double threshold, int maxBands = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        return new LshIndex(scheme, LshParameters.Optimal(threshold, scheme.Permutations, maxBands: maxBands));
    }

    /// <summary>The scheme of the indexed signatures.</summary>
    public SignatureScheme Scheme { get; }

    /// <summary>The banding.</summary>
    public LshParameters Parameters { get; }

    /// <summary>The number of ids in the index.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Bytes held by the band tables (sorted entry runs and presence bitmap).</summary>
    public long BandTableBytes
    {
        get
        {
            var snapshot = Volatile.Read(ref _snapshot);
            long bytes = snapshot.Present.Length * sizeof(ulong);
            foreach (var run in snapshot.Runs)
            {
                bytes += run.Length * sizeof(ulong);
            }

            return bytes;
        }
    }

    /// <summary>Whether <paramref name="id"/> is in the index.</summary>
    public bool Contains(int id) => id >= 0 && IsSet(Volatile.Read(ref _snapshot).Present, id);

    /// <summary>Adds a signature under <paramref name="id"/>.</summary>
    /// <param name="id">A non-negative id, not already in the index (ids may be reused after <see cref="Delete"/>).</param>
    /// <param name="signature">A signature of the index's scheme.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is already in the index.</exception>
    /// <exception cref="SchemeMismatchException">The signature's scheme differs from the index's.</exception>
    public void Insert(int id, MinHashSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        Scheme.EnsureSame(signature.Scheme);
        InsertRange([id], signature.Values);
    }

    /// <summary>Adds many signatures at once, building one sorted run (much faster than one insert at a time).</summary>
    /// <exception cref="ArgumentException">The lists differ in length, an id repeats or is already in the index.</exception>
    /// <exception cref="SchemeMismatchException">A signature's scheme differs from the index's.</exception>
    public void InsertRange(IReadOnlyList<int> ids, IReadOnlyList<MinHashSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(signatures);
        if (ids.Count != signatures.Count)
        {
            throw new ArgumentException("Every id needs exactly one signature.", nameof(signatures));
        }

        var k = Scheme.Permutations;
        var flat = new uint[signatures.Count * k];
        var idArray = new int[ids.Count];
        for (var i = 0; i < signatures.Count; i++)
        {
            Scheme.EnsureSame(signatures[i].Scheme);
            signatures[i].Values.CopyTo(flat.AsSpan(i * k, k));
            idArray[i] = ids[i];
        }

        InsertRange(idArray, flat);
    }

    /// <summary>Adds signatures given as consecutive blocks of k values.</summary>
    internal void InsertRange(ReadOnlySpan<int> ids, ReadOnlySpan<uint> values)
    {
        var k = Scheme.Permutations;
        var bands = Parameters.Bands;
        if (values.Length != ids.Length * k)
        {
            throw new ArgumentException($"Expected {ids.Length} signatures of {k} values.", nameof(values));
        }

        var run = new ulong[ids.Length * bands];
        for (var i = 0; i < ids.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(ids[i]);
            ComputeBandKeys(values.Slice(i * k, k), run.AsSpan(i * bands, bands));
            for (var band = 0; band < bands; band++)
            {
                run[(i * bands) + band] = (run[(i * bands) + band] << 32) | (uint)ids[i];
            }
        }

        run.AsSpan().Sort();

        lock (_gate)
        {
            var snapshot = _snapshot;
            var maxId = -1;
            foreach (var id in ids)
            {
                maxId = Math.Max(maxId, id);
            }

            var present = EnsureCapacity(snapshot.Present, maxId);
            _dirty = EnsureCapacity(_dirty, maxId);
            var needsPurge = false;
            for (var i = 0; i < ids.Length; i++)
            {
                if (IsSet(present, ids[i]))
                {
                    // Undo what this batch already marked before reporting the duplicate.
                    for (var j = 0; j < i; j++)
                    {
                        Interlocked.And(ref present[ids[j] >> 6], ~(1UL << ids[j]));
                    }

                    throw new ArgumentException($"Id {ids[i]} is already in the index or repeats in the batch.", nameof(ids));
                }

                Interlocked.Or(ref present[ids[i] >> 6], 1UL << ids[i]);
                needsPurge |= IsSet(_dirty, ids[i]);
            }

            var runs = new List<ulong[]>(snapshot.Runs.Length + 1);
            if (needsPurge)
            {
                // A reused id still has stale entries from before its deletion: drop them first.
                runs.Add(Purge(snapshot.Runs, _dirty));
                Array.Clear(_dirty);
                _staleEntries = 0;
            }
            else
            {
                runs.AddRange(snapshot.Runs);
            }

            runs.Add(run);
            MergeSimilarRuns(runs);
            Volatile.Write(ref _snapshot, new Snapshot([.. runs], present));
            _count += ids.Length;
        }
    }

    /// <summary>Removes <paramref name="id"/> from the index.</summary>
    /// <returns>Whether the id was in the index.</returns>
    public bool Delete(int id)
    {
        lock (_gate)
        {
            var snapshot = _snapshot;
            if (id < 0 || !IsSet(snapshot.Present, id))
            {
                return false;
            }

            Interlocked.And(ref snapshot.Present[id >> 6], ~(1UL << id));
            _dirty[id >> 6] |= 1UL << id;
            _staleEntries += Parameters.Bands;
            _count--;

            long total = 0;
            foreach (var run in snapshot.Runs)
            {
                total += run.Length;
            }

            if (_staleEntries * 4 > total)
            {
                Volatile.Write(ref _snapshot, new Snapshot([Purge(snapshot.Runs, _dirty)], snapshot.Present));
                Array.Clear(_dirty);
                _staleEntries = 0;
            }

            return true;
        }
    }

    /// <summary>Returns the ids that share at least one band with <paramref name="signature"/>, ascending and distinct.</summary>
    /// <exception cref="SchemeMismatchException">The signature's scheme differs from the index's.</exception>
    public IReadOnlyList<int> Query(MinHashSignature signature)
    {
        var results = new List<int>();
        Query(signature, results);
        return results;
    }

    /// <summary>Adds the candidates of <paramref name="signature"/> to <paramref name="results"/> (which is cleared first), ascending and distinct.</summary>
    /// <exception cref="SchemeMismatchException">The signature's scheme differs from the index's.</exception>
    public void Query(MinHashSignature signature, List<int> results)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(results);
        Scheme.EnsureSame(signature.Scheme);
        results.Clear();
        var snapshot = Volatile.Read(ref _snapshot);
        Span<ulong> keys = stackalloc ulong[Parameters.Bands];
        ComputeBandKeys(signature.Values, keys);
        foreach (var run in snapshot.Runs)
        {
            foreach (var key in keys)
            {
                var i = LowerBound(run, key << 32);
                for (; i < run.Length && (run[i] >> 32) == key; i++)
                {
                    var id = (int)(uint)run[i];
                    if (IsSet(snapshot.Present, id))
                    {
                        results.Add(id);
                    }
                }
            }
        }

        var span = CollectionsMarshal.AsSpan(results);
        span.Sort();
        var distinct = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (distinct == 0 || span[i] != span[distinct - 1])
            {
                span[distinct++] = span[i];
            }
        }

        results.RemoveRange(distinct, results.Count - distinct);
    }

    /// <summary>
    /// Lists every pair of ids that share a band, as <c>(low id &lt;&lt; 32) | high id</c>, sorted and distinct.
    /// A bucket larger than <paramref name="maxBucket"/> contributes only the pairs of its first id with the others.
    /// </summary>
    internal List<ulong> CandidatePairs(int maxBucket)
    {
        ulong[] all;
        ulong[] present;
        lock (_gate)
        {
            var snapshot = _snapshot;
            all = snapshot.Runs.Length == 1 ? snapshot.Runs[0] : Purge(snapshot.Runs, _dirty);
            present = snapshot.Present;
        }

        var pairs = new List<ulong>();
        var ids = new List<int>();
        var start = 0;
        while (start < all.Length)
        {
            var key = all[start] >> 32;
            var end = start + 1;
            while (end < all.Length && (all[end] >> 32) == key)
            {
                end++;
            }

            if (end - start > 1)
            {
                ids.Clear();
                for (var i = start; i < end; i++)
                {
                    var id = (int)(uint)all[i];
                    if (IsSet(present, id))
                    {
                        ids.Add(id);
                    }
                }

                var limit = ids.Count > maxBucket ? 1 : ids.Count;
                for (var i = 0; i < limit; i++)
                {
                    for (var j = i + 1; j < ids.Count; j++)
                    {
                        pairs.Add(((ulong)(uint)ids[i] << 32) | (uint)ids[j]);
                    }
                }
            }

            start = end;
        }

        var span = CollectionsMarshal.AsSpan(pairs);
        span.Sort();
        var distinct = Shingler.Deduplicate(span);
        pairs.RemoveRange(distinct, pairs.Count - distinct);
        return pairs;
    }

    /// <summary>
    /// The band keys of a signature, one per band: the 32-bit key each band's bucket is found by. A store that keeps
    /// the band tables itself (a database) buckets by these, so it answers exactly as this index does.
    /// </summary>
    /// <param name="values">The signature's k values.</param>
    /// <param name="keys">Receives <see cref="LshParameters.Bands"/> keys (each below 2^32).</param>
    /// <exception cref="ArgumentException">Fewer values than bands × rows, or <paramref name="keys"/> is not one per band.</exception>
    public void ComputeBandKeys(ReadOnlySpan<uint> values, Span<ulong> keys)
    {
        if (values.Length < Parameters.Bands * Parameters.Rows || keys.Length != Parameters.Bands)
        {
            throw new ArgumentException($"A signature of at least {Parameters.Bands * Parameters.Rows} values and {Parameters.Bands} keys are needed.", nameof(keys));
        }


        var rows = Parameters.Rows;
        Span<uint> littleEndian = BitConverter.IsLittleEndian ? default : stackalloc uint[rows];
        for (var band = 0; band < keys.Length; band++)
        {
            var slice = values.Slice(band * rows, rows);
            ulong h;
            if (BitConverter.IsLittleEndian)
            {
                h = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(slice), band);
            }
            else
            {
                BinaryPrimitives.ReverseEndianness(slice, littleEndian);
                h = XxHash3.HashToUInt64(MemoryMarshal.AsBytes((ReadOnlySpan<uint>)littleEndian), band);
            }

            keys[band] = (uint)(h ^ (h >> 32));
        }
    }

    private const string FileMagic = "CCLSH01";

    /// <summary>Writes the index to <paramref name="stream"/> (the stream is left open).</summary>
    /// <param name="stream">A writable stream.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ulong[] entries;
        ulong[] present;
        int count;
        lock (_gate)
        {
            var snapshot = _snapshot;
            entries = Purge(snapshot.Runs, _dirty);
            present = snapshot.Present;
            count = _count;
        }

        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(FileMagic);
        writer.Write(Scheme.HashFamily);
        writer.Write(Scheme.Seed);
        writer.Write(Scheme.Permutations);
        writer.Write((int)Scheme.Shingles.Kind);
        writer.Write(Scheme.Shingles.Size);
        writer.Write(Scheme.Shingles.MaskDigits);
        writer.Write(Scheme.NormalizerVersion);
        writer.Write(Parameters.Bands);
        writer.Write(Parameters.Rows);
        writer.Write(count);
        writer.Write(present.Length);
        foreach (var word in present)
        {
            writer.Write(Volatile.Read(in word));
        }

        writer.Write(entries.Length);
        foreach (var entry in entries)
        {
            writer.Write(entry);
        }
    }

    /// <summary>Reads an index written by <see cref="Save"/>.</summary>
    /// <param name="stream">A readable stream positioned at the start of a saved index (left open).</param>
    /// <param name="expected">The scheme the caller will insert and query with; null to accept the stored one.</param>
    /// <returns>The index, ready for queries, inserts and deletes.</returns>
    /// <exception cref="InvalidDataException">The stream does not hold a saved index.</exception>
    /// <exception cref="SchemeMismatchException">The stored scheme differs from <paramref name="expected"/>.</exception>
    public static LshIndex Load(Stream stream, SignatureScheme? expected = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadString() != FileMagic)
            {
                throw new InvalidDataException("Not a saved LSH index.");
            }

            var scheme = new SignatureScheme
            {
                HashFamily = reader.ReadString(),
                Seed = reader.ReadUInt64(),
                Permutations = reader.ReadInt32(),
                Shingles = new ShingleOptions { Kind = (ShingleKind)reader.ReadInt32(), Size = reader.ReadInt32(), MaskDigits = reader.ReadBoolean() },
                NormalizerVersion = reader.ReadInt32(),
            };
            expected?.EnsureSame(scheme);
            var index = new LshIndex(scheme, new LshParameters(reader.ReadInt32(), reader.ReadInt32()));
            var count = reader.ReadInt32();
            var present = new ulong[reader.ReadInt32()];
            for (var i = 0; i < present.Length; i++)
            {
                present[i] = reader.ReadUInt64();
            }

            var entries = new ulong[reader.ReadInt32()];
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = reader.ReadUInt64();
            }

            for (var i = 1; i < entries.Length; i++)
            {
                if (entries[i - 1] > entries[i])
                {
                    throw new InvalidDataException("The stored entries are not sorted.");
                }
            }

            index._snapshot = new Snapshot(entries.Length == 0 ? [] : [entries], present);
            index._dirty = new ulong[present.Length];
            index._count = count;
            return index;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The saved LSH index is truncated.", e);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException("The saved LSH index holds values out of range.", e);
        }
    }

    private static void MergeSimilarRuns(List<ulong[]> runs)
    {
        while (runs.Count >= 2 && runs[^2].Length <= 2L * runs[^1].Length)
        {
            var merged = Merge(runs[^2], runs[^1]);
            runs.RemoveRange(runs.Count - 2, 2);
            runs.Add(merged);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong[] Merge(ulong[] a, ulong[] b)
    {
        var result = new ulong[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            result[n++] = a[i] <= b[j] ? a[i++] : b[j++];
        }

        a.AsSpan(i).CopyTo(result.AsSpan(n));
        n += a.Length - i;
        b.AsSpan(j).CopyTo(result.AsSpan(n));
        return result;
    }

    /// <summary>
    /// The entries of all runs whose ids are not marked in <paramref name="dirty"/>, as one sorted run: each run is sorted,
    /// so each is filtered in order and the runs are merged in pairs (linear per level), never sorted again. A run with
    /// nothing to drop is merged as it is; one such run alone is returned itself (runs are immutable once published).
    /// </summary>
    private static ulong[] Purge(ulong[][] runs, ulong[] dirty)
    {
        var kept = new List<ulong[]>(runs.Length);
        foreach (var run in runs)
        {
            var stale = 0;
            foreach (var entry in run)
            {
                stale += IsSet(dirty, (int)(uint)entry) ? 1 : 0;
            }

            if (stale == 0)
            {
                kept.Add(run);
                continue;
            }

            var filtered = new ulong[run.Length - stale];
            var n = 0;
            foreach (var entry in run)
            {
                if (!IsSet(dirty, (int)(uint)entry))
                {
                    filtered[n++] = entry;
                }
            }

            kept.Add(filtered);
        }

        while (kept.Count > 1)
        {
            var merged = new List<ulong[]>((kept.Count + 1) / 2);
            for (var i = 0; i < kept.Count; i += 2)
            {
                merged.Add(i + 1 < kept.Count ? Merge(kept[i], kept[i + 1]) : kept[i]);
            }

            kept = merged;
        }

        return kept.Count == 0 ? [] : kept[0];
    }

    private static int LowerBound(ulong[] run, ulong value)
    {
        int lo = 0, hi = run.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (run[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static bool IsSet(ulong[] bits, int id) => (id >> 6) < bits.Length && (Volatile.Read(ref bits[id >> 6]) & (1UL << id)) != 0;

    private static ulong[] EnsureCapacity(ulong[] bits, int maxId)
    {
        var words = (maxId >> 6) + 1;
        if (words <= bits.Length)
        {
            return bits;
        }

        var grown = new ulong[Math.Max(words, bits.Length * 2)];
        bits.CopyTo(grown, 0);
        return grown;
    }

    private sealed record Snapshot(ulong[][] Runs, ulong[] Present);
}
