namespace ClaimCompare.Core.Claims.Figures.Recognizers;

/// <summary>Ranges: two numbers read as one interval, sharing a scale, unit or currency: "six to seven thousand",
/// "$2 to $3 billion", "2 to 2.5 degrees", "150,000 to 180,000", "between 20% and 30%", "5-6 million", "five or six
/// megabits per second", "16 months to four years". Scores ("3-1", "31-17 win") are proposed as <see cref="FigureKind.Other"/>.</summary>
/// <remarks>"From X to Y" is two levels, not a range; two years ("2002 and 2004", "1965-71") are left to the calendar
/// recogniser.</remarks>
internal static class RangeRecognizer
{
    private static readonly HashSet<string> ScoreWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "win", "wins", "defeat", "defeats", "victory", "loss", "lead", "draw", "scoreline", "score", "triumph", "thrashing",
        "rout", "decision", "majority", "vote", "home", "away", "aggregate", "penalty", "penalties",
    };

    public static void Propose(FigureScan scan)
    {
        for (var k = 0; k + 1 < scan.Numbers.Count; k++)
        {
            var a = scan.Numbers[k];
            var b = scan.Numbers[k + 1];
            if (scan.IsBlocked(a.First) || scan.IsBlocked(b.First) || a.Has(NumberForm.Vague) || b.Has(NumberForm.Vague) || !QuantityRecognizer.TryBuild(scan, a, out var qa)
                || qa.Kind == FigureKind.Other)
            {
                continue;
            }

            var j = qa.End;
            var between = qa.First > 0 && scan.Is(qa.First - 1, "between");
            var hyphen = false;
            if (between)
            {
                if (!scan.Is(j, "and"))
                {
                    continue;
                }
            }
            else if (scan.Is(j, "to") || scan.Is(j, "or"))
            {
                // "from 70% to 49%" is a level and a level; "rise by a quarter point to 2.25%" a change and a level.
                if (scan.Is(j, "to") && qa.First > 0 && (scan.Is(qa.First - 1, "from") || HedgeBeforeIsFrom(scan, qa.First) || IsChangeBefore(scan, qa.First)))
                {
                    continue;
                }
            }
            else if (scan.IsDashLike(j))
            {
                hyphen = scan.IsHyphen(j);
                if (hyphen && !(scan.Glued(j - 1, j) && scan.Glued(j, j + 1)))
                {
                    continue;
                }
            }
            else
            {
                continue;
            }

            if (b.First != j + 1 && !(CurrencyLexicon.MatchBefore(scan, b.First) is { } prefix && prefix.First == j + 1))
            {
                continue;
            }

            if (!QuantityRecognizer.TryBuild(scan, b, out var qb) || qb.Kind == FigureKind.Other)
            {
                continue;
            }

            var plain = qa.Unit is null && qb.Unit is null && a.Has(NumberForm.Digits) && b.Has(NumberForm.Digits)
                && a.Value == Math.Floor(a.Value) && b.Value == Math.Floor(b.Value) && !a.Has(NumberForm.Scaled) && !b.Has(NumberForm.Scaled);
            if (plain && IsYear(scan, a) && (IsYear(scan, b) || scan.Span(b.First).Length == 2))
            {
                continue;
            }

            if (hyphen && plain && (a.Value >= b.Value || (scan.IsWord(b.End) && ScoreWords.Contains(scan.Tokens[b.End].Text(scan.Text)))))
            {
                var score = Candidate.Claim(a.First, b.End, CandidateSource.Range, FigureKind.Other);
                scan.Candidates.Add(score);
                continue;
            }

            var low = qa.Value;
            var high = qb.Value;
            if (b.Has(NumberForm.Scaled) && !a.Has(NumberForm.Scaled) && Math.Abs(a.Value) <= Math.Abs(b.Unscaled))
            {
                low = a.Value * b.Scale;
            }

            if (qa.Unit is not null && qb.Unit is not null && qa.Unit != qb.Unit)
            {
                if (qa.Dimension is null || qa.Dimension != qb.Dimension || qa.UnitFactor <= 0 || qb.UnitFactor <= 0 || qa.Dimension == "percent")
                {
                    continue;
                }

                // "16 months to four years": both in the smaller unit.
                if (qa.UnitFactor < qb.UnitFactor)
                {
                    high = qb.Value * qb.UnitFactor / qa.UnitFactor;
                    qb.Unit = qa.Unit;
                    qb.UnitFactor = qa.UnitFactor;
                }
                else
                {
                    low = qa.Value * qa.UnitFactor / qb.UnitFactor;
                }
            }

            if ((qa.Currency is not null && qb.Currency is not null && qa.Currency != qb.Currency)
                || (qa.Unit is not null && qb.Unit is null && qa.Kind != FigureKind.Count && qb.Kind == FigureKind.Count && !ScaleShared(a, b))
                || !(low < high))
            {
                continue;
            }

            var range = qb.Kind == FigureKind.Count && qa.Kind != FigureKind.Count ? qa : qb;
            range.Source = CandidateSource.Range;
            range.First = between ? qa.First - 1 : qa.First;
            range.End = qb.End;
            range.NumberFirst = qa.NumberFirst;
            range.NounStart = qb.NounStart;
            range.IsRange = true;
            range.Exact = true;
            range.Value = double.NaN;
            range.Low = low;
            range.High = high;
            range.HighExclusive = false;
            range.Vague = false;
            if (qa.Unit is not null && qb.Unit is null)
            {
                range.Unit = qa.Unit;
            }

            scan.Candidates.Add(range);
        }
    }

    // "rose 2% to", "by a quarter of a point to": the first figure is a change, what follows "to" a level.
    private static bool IsChangeBefore(FigureScan scan, int first)
    {
        var j = first - 1;
        if (scan.Is(j, "by"))
        {
            return true;
        }

        return scan.IsWord(j) && (DirectionLexicon.Verb(scan.Span(j)).Direction != FigureDirection.None
            || DirectionLexicon.Adverb(scan.Span(j)) != FigureDirection.None);
    }

    private static bool ScaleShared(NumberReading a, NumberReading b) => b.Has(NumberForm.Scaled) && !a.Has(NumberForm.Scaled);

    // "up from 16.3% to", "from about 10 to 20": a hedge between "from" and the number.
    private static bool HedgeBeforeIsFrom(FigureScan scan, int first)
    {
        var hedge = HedgeLexicon.MatchBefore(scan, first);
        return hedge.Kind != HedgeKind.None && hedge.FirstToken > 0 && scan.Is(hedge.FirstToken - 1, "from");
    }

    private static bool IsYear(FigureScan scan, NumberReading n) =>
        n.Has(NumberForm.Digits) && n.Length == 1 && scan.Span(n.First).Length == 4 && n.Value is >= 1000 and <= 2100;
}
