using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Tests.Similarity.Support;

/// <summary>Pairs of random hash sets with a chosen Jaccard similarity, from a fixed-seed generator.</summary>
internal static class RandomSets
{
    /// <summary>Builds two sorted distinct sets sharing <paramref name="shared"/> hashes, each with <paramref name="onlyA"/>/<paramref name="onlyB"/> of its own.</summary>
    public static (ulong[] A, ulong[] B) Pair(ref SplitMix64 random, int shared, int onlyA, int onlyB)
    {
        var common = Draw(ref random, shared);
        var a = common.Concat(Draw(ref random, onlyA)).Distinct().Order().ToArray();
        var b = common.Concat(Draw(ref random, onlyB)).Distinct().Order().ToArray();
        return (a, b);
    }

    public static double ExactJaccard(ulong[] a, ulong[] b)
    {
        var shared = ShingleSet.IntersectionCount(a, b);
        return (double)shared / (a.Length + b.Length - shared);
    }

    private static ulong[] Draw(ref SplitMix64 random, int count)
    {
        var values = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = random.Next();
        }

        return values;
    }
}
