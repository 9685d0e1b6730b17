namespace ClaimCompare.Core.Claims.Figures.Recognizers;

/// <summary>Ordinals: "the second", "its 14th", "2nd". They are figures of their own kind, never compared as counts.</summary>
internal static class OrdinalRecognizer
{
    public static void Propose(FigureScan scan)
    {
        for (var i = 0; i < scan.Count; i++)
        {
            if (scan.IsWord(i))
            {
                // "a fifth of its stake" is a fraction the number layer read; only a free word is an ordinal.
                var rank = NumberWordParser.Ordinal(scan.Span(i));
                if (rank > 0 && IsDeterminerBefore(scan, i) && !InNumber(scan, i))
                {
                    var c = Candidate.Claim(i, i + 1, CandidateSource.Ordinal, FigureKind.Ordinal);
                    c.Value = rank;
                    scan.Candidates.Add(c);
                }
            }
            else if (scan.IsNumber(i) && scan.IsWord(i + 1) && scan.Glued(i, i + 1) && DateTimeRecognizer.IsOrdinalSuffix(scan.Span(i + 1))
                && !scan.Glued(i - 1, i))
            {
                var c = Candidate.Claim(i, i + 2, CandidateSource.Ordinal, FigureKind.Ordinal);
                c.Value = (double)NumeralRecognizer.ParseDigits(scan.Span(i)).Value;
                scan.Candidates.Add(c);
            }
        }
    }

    private static bool InNumber(FigureScan scan, int i)
    {
        foreach (var n in scan.Numbers)
        {
            if (n.First <= i && i < n.End)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDeterminerBefore(FigureScan scan, int i)
    {
        if (i == 0 || !scan.IsWord(i - 1))
        {
            return false;
        }

        var w = scan.Span(i - 1);
        return Words.Is(w, "the") || Words.Is(w, "a") || Words.Is(w, "an") || Words.Is(w, "its") || Words.Is(w, "his")
            || Words.Is(w, "her") || Words.Is(w, "their") || Words.Is(w, "our") || Words.Is(w, "this") || Words.Is(w, "that")
            || Words.Is(w, "every") || Words.Is(w, "each") || Words.Is(w, "my") || Words.Is(w, "your")
            || (w.Length > 2 && Tokenizer.IsApostrophe(w[^2]) && (w[^1] == 's' || w[^1] == 'S'));
    }
}
