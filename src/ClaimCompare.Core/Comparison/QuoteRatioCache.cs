using System.Collections.Concurrent;
using FuzzySharp;
using FuzzySharp.PreProcess;

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

    /// <summary>The token-set ratio of two keys, 0 to 100.</summary>
    public int Ratio(string a, string b)
    {
        var key = string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
        if (_ratios.TryGetValue(key, out var ratio))
        {
            return ratio;
        }

        if (_ratios.Count >= Capacity)
        {
            _ratios.Clear();
        }

        ratio = Compute(key.Item1, key.Item2);
        _ratios.TryAdd(key, ratio);
        return ratio;
    }

    /// <summary>The token-set ratio of two normalised keys, uncached.</summary>
    public static int Compute(string a, string b) => Fuzz.TokenSetRatio(a, b, PreprocessMode.None);
}
