using System.Runtime.CompilerServices;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// The distinct 64-bit hashes of a passage's shingles, sorted ascending, with the options that produced them.
/// </summary>
/// <remarks>
/// Sorted distinct hashes make exact Jaccard and containment a linear merge with no allocation, and take
/// 8 bytes per shingle to store.
/// </remarks>
public sealed class ShingleSet
{
    private readonly ulong[] _hashes;

    /// <summary>Creates a set from hashes that are already sorted ascending and distinct.</summary>
    /// <param name="options">The shingling that produced the hashes.</param>
    /// <param name="normalizerVersion">The version of the text normaliser that produced the input text.</param>
    /// <param name="sortedDistinctHashes">The hashes; the set takes ownership of the array.</param>
    /// <exception cref="ArgumentException">The hashes are not strictly ascending.</exception>
    public ShingleSet(ShingleOptions options, int normalizerVersion, ulong[] sortedDistinctHashes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sortedDistinctHashes);
        for (var i = 1; i < sortedDistinctHashes.Length; i++)
        {
            if (sortedDistinctHashes[i - 1] >= sortedDistinctHashes[i])
            {
                throw new ArgumentException("Shingle hashes must be sorted ascending and distinct.", nameof(sortedDistinctHashes));
            }
        }

        Options = options;
        NormalizerVersion = normalizerVersion;
        _hashes = sortedDistinctHashes;
    }

    /// <summary>The shingling that produced the hashes.</summary>
    public ShingleOptions Options { get; }

    /// <summary>The version of the text normaliser that produced the shingled text.</summary>
    public int NormalizerVersion { get; }

    /// <summary>The sorted distinct shingle hashes.</summary>
    public ReadOnlySpan<ulong> Hashes => _hashes;

    /// <summary>The number of distinct shingles.</summary>
    public int Count => _hashes.Length;

    /// <summary>Bytes used by the hashes (8 per shingle), for memory accounting.</summary>
    public long HashBytes => _hashes.Length * sizeof(ulong);

    /// <summary>The number of hashes two sorted distinct hash lists share.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int IntersectionCount(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var i = 0;
        var j = 0;
        var shared = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = a[i];
            var y = b[j];
            if (x == y)
            {
                shared++;
                i++;
                j++;
            }
            else if (x < y)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }

    /// <summary>Exact Jaccard similarity |A ∩ B| / |A ∪ B|, in [0, 1]; 0 when both sets are empty.</summary>
    /// <exception cref="SchemeMismatchException">The sets were produced by different shingling or normalisation.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Jaccard(ShingleSet a, ShingleSet b)
    {
        EnsureSameScheme(a, b);
        var shared = IntersectionCount(a.Hashes, b.Hashes);
        var union = a.Count + b.Count - shared;
        return union == 0 ? 0 : (double)shared / union;
    }

    /// <summary>
    /// Containment of the smaller set in the larger, |A ∩ B| / min(|A|, |B|), in [0, 1]; 0 when either set is empty.
    /// </summary>
    /// <exception cref="SchemeMismatchException">The sets were produced by different shingling or normalisation.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Containment(ShingleSet a, ShingleSet b)
    {
        EnsureSameScheme(a, b);
        var min = Math.Min(a.Count, b.Count);
        return min == 0 ? 0 : (double)IntersectionCount(a.Hashes, b.Hashes) / min;
    }

    internal static void EnsureSameScheme(ShingleSet a, ShingleSet b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.Options.Equals(b.Options) || a.NormalizerVersion != b.NormalizerVersion)
        {
            throw new SchemeMismatchException(
                $"Cannot compare shingle sets of different schemes: {a.Options} (normaliser v{a.NormalizerVersion}) " +
                $"and {b.Options} (normaliser v{b.NormalizerVersion}).");
        }
    }
}
