namespace ClaimCompare.Core.Claims.Figures;

/// <summary>Chooses among overlapping proposals: the resolver of the recogniser pipeline.</summary>
/// <remarks>
/// Greedy by rank, as number recognisers commonly merge their extractors' results: the proposal with the highest
/// source (a non-figure over a date over a range over a quantity), then the longest, then the earliest, takes its
/// tokens; a proposal touching a taken token is dropped. Sorting makes it O(n log n) in the proposals of a passage,
/// and the outcome does not depend on the order the recognisers ran in.
/// </remarks>
internal static class CandidateResolver
{
    /// <summary>Resolves <see cref="FigureScan.NumberCandidates"/> into <see cref="FigureScan.Numbers"/>.</summary>
    public static void ResolveNumbers(FigureScan scan)
    {
        var proposals = scan.NumberCandidates;
        proposals.Sort(static (a, b) =>
            a.Length != b.Length ? b.Length.CompareTo(a.Length)
            : a.Priority != b.Priority ? b.Priority.CompareTo(a.Priority)
            : a.First.CompareTo(b.First));
        var taken = scan.Occupancy();
        foreach (var n in proposals)
        {
            if (Free(taken, n.First, n.End))
            {
                Take(taken, n.First, n.End);
                scan.Numbers.Add(n);
            }
        }

        scan.Numbers.Sort(static (a, b) => a.First.CompareTo(b.First));
    }

    /// <summary>Resolves <see cref="FigureScan.Candidates"/> into <see cref="FigureScan.Chosen"/>.</summary>
    public static void ResolveFigures(FigureScan scan)
    {
        var proposals = scan.Candidates;
        proposals.Sort(static (a, b) =>
            a.Source != b.Source ? b.Source.CompareTo(a.Source)
            : a.Length != b.Length ? b.Length.CompareTo(a.Length)
            : a.First.CompareTo(b.First));
        var taken = scan.Occupancy();
        foreach (var c in proposals)
        {
            if (c.End > c.First && Free(taken, c.First, c.End))
            {
                Take(taken, c.First, c.End);
                scan.Chosen.Add(c);
            }
        }

        scan.Chosen.Sort(static (a, b) => a.First.CompareTo(b.First));
    }

    private static bool Free(bool[] taken, int first, int end)
    {
        for (var k = first; k < end; k++)
        {
            if (taken[k])
            {
                return false;
            }
        }

        return true;
    }

    private static void Take(bool[] taken, int first, int end)
    {
        for (var k = first; k < end; k++)
        {
            taken[k] = true;
        }
    }
}
