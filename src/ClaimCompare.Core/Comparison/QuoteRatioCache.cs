using System.Collections.Concurrent;

namespace ClaimCompare.Core.Comparison;

/// <summary>
/// FuzzySharp token-set ratios of quote keys, remembered across alignments: a service aligns every new article
/// with the stored ones, and the stored quotes meet each other again and again.
/// </summary>
/// <remarks>
/// Thread-safe and bounded (emptied when it reaches <see cref="Capacity"/> pairs). Keys are already normalised
/// to lower-case letters and digits, so FuzzySharp runs without its own preprocessing, which would drop every
/// non-ASCII letter.
/// </remarks>
internal sealed class QuoteRatioCache
{
    /// <summary>Pairs kept before the cache starts afresh.</summary>
    public const int Capacity = 1 << 16;

    private readonly ConcurrentDictionary<(string, string), int> _ratios = new();

    // ConcurrentDictionary.Count takes every lock of the table: asked on each miss it cost more than the ratios
    // themselves (23% of a service ingest's CPU). The pairs added are counted here instead; a race only makes the
    // cache start afresh a few pairs early or late.
    private int _count;

    /// <summary>Pairs computed and kept since the cache last started afresh (approximate under concurrent use).</summary>
    internal int Count => Volatile.Read(ref _count);

    /// <summary>The token-set ratio of two keys, 0 to 100.</summary>
    public int Ratio(string a, string b)
    {
        var key = string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
        if (_ratios.TryGetValue(key, out var ratio))
        {
            return ratio;
        }

        if (Volatile.Read(ref _count) >= Capacity)
        {
            _ratios.Clear();
            Volatile.Write(ref _count, 0);
        }

        ratio = Compute(key.Item1, key.Item2);
        if (_ratios.TryAdd(key, ratio))
        {
            Interlocked.Increment(ref _count);
        }

        return ratio;
    }

    /// <summary>The token-set ratio of two normalised keys, uncached.</summary>
    /// <remarks>FuzzySharp's <c>TokenSetRatio</c> with <c>PreprocessMode.None</c>, computed exactly as the verifier does it (<see cref="Similarity.IndelRatio"/>).</remarks>
    public static int Compute(string a, string b) => Similarity.IndelRatio.TokenSet(a, b);
}
