namespace ClaimCompare.Core.Claims;

/// <summary>How a hedge bends a stated number into an interval.</summary>
internal enum HedgeKind
{
    /// <summary>No hedge, or "exactly": the bare number, with a small roundness width.</summary>
    None,

    /// <summary>"about", "around", "some", "an estimated": X with a width that grows with roundness.</summary>
    Approximate,

    /// <summary>"nearly", "almost", "close to": below X and close to it.</summary>
    JustBelow,

    /// <summary>"just over": above X and close to it.</summary>
    JustAbove,

    /// <summary>"more than", "over": above X, exclusive, open above.</summary>
    Above,

    /// <summary>"at least", "upwards of": X or above, open above.</summary>
    AtLeast,

    /// <summary>"up to", "as many as", "no more than": at most X, inclusive.</summary>
    AtMost,

    /// <summary>"fewer than", "less than", "under": below X, exclusive.</summary>
    Below,

    /// <summary>"exactly", "precisely": X itself.</summary>
    Exact,
}

/// <summary>The hedges that turn a stated number into an interval, matched right before the number.</summary>
/// <remarks>Phrases are kept as word arrays and matched backwards from the number, longest first, so
/// "no more than" wins over "more than" and "just under" over "under".</remarks>
internal static class HedgeLexicon
{
    private static readonly (string[] Words, HedgeKind Kind)[] Phrases = Build();

    private static (string[] Words, HedgeKind Kind)[] Build()
    {
        (string Phrase, HedgeKind Kind)[] raw =
        [
            ("close to", HedgeKind.JustBelow), ("nearly", HedgeKind.JustBelow), ("almost", HedgeKind.JustBelow),
            ("just under", HedgeKind.JustBelow), ("just short of", HedgeKind.JustBelow), ("just below", HedgeKind.JustBelow),
            ("just over", HedgeKind.JustAbove), ("just above", HedgeKind.JustAbove), ("slightly more than", HedgeKind.JustAbove),
            ("slightly over", HedgeKind.JustAbove),
            ("some", HedgeKind.Approximate), ("an estimated", HedgeKind.Approximate), ("estimated", HedgeKind.Approximate),
            ("about", HedgeKind.Approximate), ("around", HedgeKind.Approximate), ("roughly", HedgeKind.Approximate),
            ("approximately", HedgeKind.Approximate), ("an approximate", HedgeKind.Approximate),
            ("circa", HedgeKind.Approximate), 
            ("more than", HedgeKind.Above), ("over", HedgeKind.Above), ("above", HedgeKind.Above),
            ("well over", HedgeKind.Above), ("in excess of", HedgeKind.Above), ("well above", HedgeKind.Above),
            ("at least", HedgeKind.AtLeast), ("upwards of", HedgeKind.AtLeast), ("no fewer than", HedgeKind.AtLeast),
            ("no less than", HedgeKind.AtLeast), ("a minimum of", HedgeKind.AtLeast),
            ("up to", HedgeKind.AtMost), ("as many as", HedgeKind.AtMost), ("as much as", HedgeKind.AtMost),
            ("no more than", HedgeKind.AtMost), ("at most", HedgeKind.AtMost), ("a maximum of", HedgeKind.AtMost),
            ("as high as", HedgeKind.AtMost),
            ("fewer than", HedgeKind.Below), ("less than", HedgeKind.Below), ("under", HedgeKind.Below),
            ("below", HedgeKind.Below),
            ("exactly", HedgeKind.Exact), ("precisely", HedgeKind.Exact),
        ];

        var result = new (string[] Words, HedgeKind Kind)[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            result[i] = (raw[i].Phrase.Split(' '), raw[i].Kind);
        }

        // Longest first: "no more than" before "more than", "just under" before "under".
        Array.Sort(result, static (a, b) => b.Words.Length.CompareTo(a.Words.Length));
        return result;
    }

    /// <summary>Finds the hedge ending right before token <paramref name="index"/>.</summary>
    /// <returns>The hedge kind, its first token index and its phrase; <see cref="HedgeKind.None"/> when none.</returns>
    public static (HedgeKind Kind, int FirstToken, string? Phrase) MatchBefore(string text, List<Token> tokens, int index)
    {
        foreach (var (words, kind) in Phrases)
        {
            var first = index - words.Length;
            if (first < 0)
            {
                continue;
            }

            var ok = true;
            for (var k = 0; k < words.Length && ok; k++)
            {
                var t = tokens[first + k];
                var w = words[k];
                ok = t.Kind == TokenKind.Word && Words.Is(t.Span(text), w);
            }

            if (ok)
            {
                return (kind, first, string.Join(' ', words));
            }
        }

        return (HedgeKind.None, index, null);
    }
}
