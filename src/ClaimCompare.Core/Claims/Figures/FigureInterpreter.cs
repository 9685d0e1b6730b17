namespace ClaimCompare.Core.Claims.Figures;

/// <summary>Turns the resolver's chosen candidates into <see cref="Figure"/>s: the hedge before or after, the direction,
/// the interval (<see cref="IntervalRules"/>), the counted noun and the clause context.</summary>
internal static class FigureInterpreter
{
    /// <summary>Values above this are not figures ("hundred hundred hundred…" is 1e6 at most per word, so this stops runaway words); infinities would also break JSON writers.</summary>
    private const double MaxValue = 1e100;

    /// <summary>Appends the figures of <see cref="FigureScan.Chosen"/> to <paramref name="figures"/>, in text order.</summary>
    public static void Emit(FigureScan scan, List<Figure> figures)
    {
        var previous = FigureDirection.None;
        var previousEnd = -1;
        foreach (var c in scan.Chosen)
        {
            if (c.Source == CandidateSource.NonFigure)
            {
                continue;
            }

            var figure = c.Kind is FigureKind.Count or FigureKind.Money or FigureKind.Percent or FigureKind.Measure or FigureKind.Duration
                ? Quantity(scan, c, ref previous, ref previousEnd)
                : Other(scan, c);
            if (figure is not null)
            {
                figures.Add(figure);
            }
        }
    }

    private static Figure? Other(FigureScan scan, in Candidate c)
    {
        double? value = double.IsFinite(c.Value) ? c.Value : null;
        double? low = null;
        double? high = null;
        string? noun = null;
        switch (c.Kind)
        {
            case FigureKind.Year:
                low = double.IsFinite(c.Low) ? c.Low : value;
                high = double.IsFinite(c.High) ? c.High : value;
                break;
            case FigureKind.Ordinal:
                (low, high) = (value, value);
                noun = NounFinder.Find(scan, c.End, skipOf: false);
                break;
        }

        return Build(scan, c.First, c.End, c.Kind, value, low, true, high, true, null, null, c.Unit, FigureDirection.None, noun);
    }

    private static Figure? Quantity(FigureScan scan, in Candidate c, ref FigureDirection previous, ref int previousEnd)
    {
        var first = c.First;
        var end = c.End;
        var hedge = HedgeKind.None;
        string? hedgePhrase = null;
        if (!c.IsRange)
        {
            var before = HedgeLexicon.MatchBefore(scan, c.First);
            if (before.Kind != HedgeKind.None)
            {
                (hedge, first, hedgePhrase) = (before.Kind, before.FirstToken, before.Phrase);
            }
            else
            {
                var after = HedgeLexicon.MatchAfter(scan, c.End);
                if (after.Kind != HedgeKind.None)
                {
                    (hedge, end, hedgePhrase) = (after.Kind, after.End, after.Phrase);
                }
            }
        }

        // "over six years" (a period), "jails 24 over $1.5-bln fraud" (because of): "over" is no hedge there.
        if (hedgePhrase == "over" && (c.Kind == FigureKind.Duration
            || (c.Kind == FigureKind.Money && NounFinder.Find(scan, c.NounStart, skipOf: false) is not null)))
        {
            (hedge, first, hedgePhrase) = (HedgeKind.None, c.First, null);
        }

        var direction = DirectionReader.Read(scan, c, first, end, hedgePhrase, previous, previousEnd);
        var nonNegative = c.NonNegative || direction != FigureDirection.None;
        var v = c.Value;
        if (direction != FigureDirection.None && c.Sign != 0)
        {
            v = Math.Abs(v);
        }

        double? low;
        double? high;
        bool lowInclusive, highInclusive;
        if (c.IsRange)
        {
            (low, lowInclusive, high, highInclusive) = (c.Low, true, c.High, true);
        }
        else if (c.Vague)
        {
            (low, lowInclusive, high, highInclusive) = IntervalRules.OfVague(c.Low, c.High, hedge);
        }
        else
        {
            if (!double.IsFinite(v) || Math.Abs(v) > MaxValue)
            {
                return null;
            }

            var roundness = Math.Abs(v) >= 10 && v == Math.Floor(v) ? Recognizers.NumeralRecognizer.Roundness(v) : c.Roundness;
            (low, lowInclusive, high, highInclusive) = IntervalRules.Of(v, roundness, hedge, nonNegative, c.Exact, c.Kind == FigureKind.Duration);
        }

        double? value = double.IsFinite(v) && !c.IsRange && !c.Vague ? Scale(v, c.Factor) : null;
        low = low is { } l ? Scale(l, c.Factor) : null;
        high = high is { } h ? Scale(h, c.Factor) : null;

        var noun = c.Noun ?? (c.Kind == FigureKind.Percent
            ? (scan.Is(c.NounStart, "of") ? NounFinder.Find(scan, c.NounStart, skipOf: true) : null)
            : NounFinder.Find(scan, c.NounStart, skipOf: c.Vague));

        previous = direction;
        previousEnd = end;
        return Build(scan, first, end, c.Kind, value, low, lowInclusive, high, highInclusive, hedgePhrase, c.Currency, c.Unit, direction, noun);
    }

    // Exact decimal scaling, so 274.5 pence is 2.745 pounds and not 2.7449999999999997.
    private static double Scale(double x, double factor)
    {
        if (factor == 1)
        {
            return x;
        }

        return Math.Abs(x) < 7.9e27 ? (double)((decimal)x * (decimal)factor) : x * factor;
    }

    private static Figure Build(FigureScan scan, int first, int end, FigureKind kind, double? value, double? low, bool lowInclusive,
        double? high, bool highInclusive, string? hedge, string? currency, string? unit, FigureDirection direction, string? noun)
    {
        var start = scan.Tokens[first].Start;
        var stop = scan.Tokens[Math.Min(end, scan.Count) - 1].End;
        return new Figure
        {
            Start = start,
            End = stop,
            Text = scan.Text[start..stop],
            Kind = kind,
            Value = value,
            Low = low,
            High = high,
            LowInclusive = low is null || lowInclusive,
            HighInclusive = high is null || highInclusive,
            Hedge = hedge,
            Currency = currency,
            Unit = unit,
            Direction = direction,
            Noun = noun,
            Context = ClauseContext.Build(scan.Text, scan.Tokens, first, Math.Min(end, scan.Count)),
            PassageIndex = scan.PassageIndex,
        };
    }
}
