using ClaimCompare.Core.Claims.Figures;

namespace ClaimCompare.Core.Claims;

/// <summary>How a hedge bends a stated number into an interval.</summary>
internal enum HedgeKind
{
    /// <summary>No hedge: the bare number, with a small roundness width.</summary>
    None,

    /// <summary>"about", "around", "some", "an estimated": X with a width that grows with roundness.</summary>
    Approximate,

    /// <summary>"nearly", "almost", "close to": below X and close to it.</summary>
    JustBelow,

    /// <summary>"just over": above X and close to it.</summary>
    JustAbove,

    /// <summary>"more than", "over": above X, exclusive, open above.</summary>
    Above,

    /// <summary>"at least", "upwards of", "5% or more": X or above, open above.</summary>
    AtLeast,

    /// <summary>"up to", "as many as", "no more than": at most X, inclusive.</summary>
    AtMost,

    /// <summary>"fewer than", "less than", "under", "sub-5": below X, exclusive.</summary>
    Below,

    /// <summary>"exactly", "precisely": X itself.</summary>
    Exact,
}

/// <summary>The hedges of Claims/Figures/Data/hedges.tsv: before the number ("more than"), after the figure
/// ("or more", "-plus") or joined to it by a hyphen ("sub-5", "near-400,000").</summary>
/// <remarks>Phrases are matched backwards from the number, longest first, so "no more than" wins over "more than" and
/// "just under" over "under"; one filler word may stand between a hedge and its number ("a minimum of just five").</remarks>
internal static class HedgeLexicon
{
    private static readonly (string[] Words, HedgeKind Kind, string Phrase)[] Before;
    private static readonly (string[] Words, HedgeKind Kind, string Phrase)[] After;
    private static readonly Dictionary<string, (HedgeKind Kind, string Phrase)> Glued = new(StringComparer.OrdinalIgnoreCase);

    static HedgeLexicon()
    {
        var before = new List<(string[], HedgeKind, string)>();
        var after = new List<(string[], HedgeKind, string)>();
        foreach (var row in LexiconData.Rows("hedges.tsv"))
        {
            var kind = row[1] switch
            {
                "approx" => HedgeKind.Approximate,
                "justbelow" => HedgeKind.JustBelow,
                "justabove" => HedgeKind.JustAbove,
                "above" => HedgeKind.Above,
                "atleast" => HedgeKind.AtLeast,
                "atmost" => HedgeKind.AtMost,
                "below" => HedgeKind.Below,
                "exact" => HedgeKind.Exact,
                _ => throw new InvalidOperationException("hedges.tsv: unknown kind " + row[1]),
            };
            switch (row[2])
            {
                case "before":
                    before.Add((LexiconData.Words(row[0]), kind, row[0]));
                    break;
                case "after":
                    after.Add((LexiconData.Words(row[0]), kind, row[0]));
                    break;
                default:
                    Glued[row[0]] = (kind, row[0] + "-");
                    break;
            }
        }

        before.Sort(static (a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        after.Sort(static (a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        Before = [.. before];
        After = [.. after];
    }

    /// <summary>The hedge ending right before token <paramref name="index"/> (the number or its currency).</summary>
    /// <returns>The hedge kind, its first token and its phrase (lower case); <see cref="HedgeKind.None"/> when none.</returns>
    public static (HedgeKind Kind, int FirstToken, string? Phrase) MatchBefore(FigureScan scan, int index)
    {
        // "sub-5", "near-400,000": a prefix joined by a hyphen.
        if (index >= 2 && scan.IsHyphen(index - 1) && scan.Glued(index - 1, index) && scan.Glued(index - 2, index - 1) && scan.IsWord(index - 2)
            && Glued.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(scan.Span(index - 2), out var glued))
        {
            return (glued.Kind, index - 2, glued.Phrase);
        }

        var direct = Match(scan, index);
        if (direct.Kind != HedgeKind.None)
        {
            return direct;
        }

        // "a minimum of just five", "more than just 10".
        if (index >= 2 && (scan.Is(index - 1, "just") || scan.Is(index - 1, "only")))
        {
            return Match(scan, index - 1);
        }

        return (HedgeKind.None, index, null);
    }

    /// <summary>The hedge starting at token <paramref name="end"/>, right after a figure ("or more", "-plus").</summary>
    /// <returns>The hedge kind, the index after it and its phrase; <see cref="HedgeKind.None"/> when none.</returns>
    public static (HedgeKind Kind, int End, string? Phrase) MatchAfter(FigureScan scan, int end)
    {
        var i = end;
        if (scan.IsHyphen(i) && scan.Glued(i - 1, i) && scan.Is(i + 1, "plus") && scan.Glued(i, i + 1))
        {
            return (HedgeKind.AtLeast, i + 2, "plus");
        }

        foreach (var (words, kind, phrase) in After)
        {
            if (i + words.Length > scan.Count || words.Length == 1)
            {
                // A lone "plus" only counts when joined by a hyphen (above); "5 plus 3" is arithmetic.
                continue;
            }

            var ok = true;
            for (var k = 0; k < words.Length && ok; k++)
            {
                ok = scan.IsWord(i + k) && Words.Is(scan.Span(i + k), words[k]);
            }

            if (ok)
            {
                return (kind, i + words.Length, phrase);
            }
        }

        return (HedgeKind.None, end, null);
    }

    private static (HedgeKind Kind, int FirstToken, string? Phrase) Match(FigureScan scan, int index)
    {
        foreach (var (words, kind, phrase) in Before)
        {
            var first = index - words.Length;
            if (first < 0)
            {
                continue;
            }

            var ok = true;
            for (var k = 0; k < words.Length && ok; k++)
            {
                var t = scan.Tokens[first + k];
                ok = t.Kind != TokenKind.Number && Words.Is(t.Span(scan.Text), words[k]);
            }

            if (ok)
            {
                return (kind, first, phrase);
            }
        }

        return (HedgeKind.None, index, null);
    }
}
