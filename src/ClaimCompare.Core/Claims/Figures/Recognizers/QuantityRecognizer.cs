namespace ClaimCompare.Core.Claims.Figures.Recognizers;

/// <summary>Units and currencies: turns each resolved number into a quantity with its currency ("$", "US$", "EUR25m",
/// "3.2bn euros", "274.5p"), percent sign ("12%", "2.4pc", "per cent", "percentage points"), unit ("450bhp", "128GB",
/// "70mph", "15kW", "five-foot", "magnitude 5", "5ft 9ins") or hyphen noun ("30-nation"), and reads ages and multipliers
/// as <see cref="FigureKind.Other"/>.</summary>
/// <remarks>A proper fraction with nothing after it is a proportion: "three-quarters of voters" is 75%.</remarks>
internal static class QuantityRecognizer
{
    private static readonly HashSet<string> WeighWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "weigh", "weighs", "weighed", "weighing", "weight", "heavy", "heavier", "lighter", "gorilla", "baby",
    };

    // "pounds" in a sentence that weighs something is a mass; elsewhere it is money (currencies.tsv).
    private static readonly UnitInfo Pound = new("lb", "mass", 0.45359237);

    public static void Propose(FigureScan scan)
    {
        foreach (var n in scan.Numbers)
        {
            if (!scan.IsBlocked(n.First) && TryBuild(scan, n, out var candidate))
            {
                scan.Candidates.Add(candidate);
            }
        }
    }

    /// <summary>Reads number <paramref name="n"/> with its currency, unit or percent sign; also used by the range recogniser.</summary>
    public static bool TryBuild(FigureScan scan, NumberReading n, out Candidate c)
    {
        c = Candidate.Claim(n.First, n.End, CandidateSource.Quantity, FigureKind.Count);
        c.NumberFirst = n.First;
        c.Value = n.Has(NumberForm.Vague) ? double.NaN : n.Value;
        c.Roundness = n.Roundness;
        c.Sign = n.Sign;
        c.Vague = n.Has(NumberForm.Vague);
        c.Exact = n.Has(NumberForm.Fraction) || n.Has(NumberForm.Mixed) || c.Vague;
        if (c.Vague)
        {
            c.Low = n.Low;
            c.High = n.High;
            c.HighExclusive = true;
        }

        var digitsFirst = n.Sign != 0 && n.First < scan.Count && !scan.IsNumber(n.First) ? n.First + 1 : n.First;
        var end = n.End;
        double scale = 1;
        CurrencyInfo? currency = null;
        UnitInfo? unit = null;

        if (CurrencyLexicon.MatchBefore(scan, digitsFirst) is { } before)
        {
            currency = before.Info;
            c.First = Math.Min(c.First, before.First);
        }
        else if (UnitLexicon.MatchBefore(scan, n.First) is { } prefixUnit)
        {
            unit = prefixUnit.Unit;
            c.First = prefixUnit.First;
        }

        // "a quarter of a million", "a quarter of a point", "a quarter of a percentage point".
        if (n.Has(NumberForm.Fraction) && scan.Is(end, "of") && (scan.Is(end + 1, "a") || scan.Is(end + 1, "an")) && scan.IsWord(end + 2))
        {
            var s = NumberWordParser.DigitScale(scan.Span(end + 2));
            if (s >= 1000)
            {
                scale = s;
                end += 3;
            }
            else if (UnitLexicon.MatchAfter(scan, end + 2, n.First) is { } ofUnit)
            {
                unit = ofUnit.Unit;
                end = ofUnit.End;
            }
        }

        if (currency is null && unit is null)
        {
            // "millions of dollars", "hundreds of millions of dollars".
            if ((c.Vague || n.Has(NumberForm.Scaled)) && scan.Is(end, "of") && CurrencyLexicon.MatchAfter(scan, end + 1) is { } ofCurrency)
            {
                currency = ofCurrency.Info;
                end = ofCurrency.End;
            }
            else if (CurrencyAfter(scan, n, end) is { } after)
            {
                currency = after.Info;
                end = after.End;
            }
        }
        else if (currency is not null && scan.IsHyphen(end) && scan.Glued(end - 1, end) && CurrencyLexicon.MatchAfter(scan, end + 1) is { } hyphenCurrency
            && hyphenCurrency.Info.Code == currency.Code)
        {
            // "$1.5-billion-dollar" and the like: the same currency twice.
            end = hyphenCurrency.End;
        }

        var hyphenForm = false;
        var unitFirst = -1;
        var unitEnd = -1;
        if (currency is null && unit is null)
        {
            if (UnitLexicon.MatchAfter(scan, end, n.First) is { } u)
            {
                unit = u.Unit;
                (unitFirst, unitEnd) = (end, u.End);
                end = u.End;
            }
            else if ((scan.Is(end, "pounds") || scan.Is(end, "pound")) && IsWeighed(scan, n.First))
            {
                unit = Pound;
                end++;
            }
            else if (scan.IsHyphen(end) && scan.Glued(end - 1, end) && scan.Glued(end, end + 1) && scan.IsWord(end + 1))
            {
                hyphenForm = true;
                c.Adjectival = true;
                if (UnitLexicon.MatchAfter(scan, end + 1, n.First) is { } hu)
                {
                    unit = hu.Unit;
                    (unitFirst, unitEnd) = (end + 1, hu.End);
                    end = hu.End;
                }
                else if (CurrencyLexicon.MatchAfter(scan, end + 1) is { } hc)
                {
                    // "750 billion-euro", "800-pound gorilla" (a weight: the non-figure rules claim it first).
                    currency = hc.Info;
                    end = hc.End;
                }
                else if (scan.Span(end + 1) is var compound && compound.Length > 3 && compound.EndsWith("er", StringComparison.OrdinalIgnoreCase)
                    && !Words.IsCapitalized(compound))
                {
                    // "a four-hitter", "a two-seater", "a six-footer": a compound noun, not a count.
                    c.Kind = FigureKind.Other;
                    c.End = end + 2;
                    c.NounStart = c.End;
                    return true;
                }
                else if (!scan.Is(end + 1, "old") && !scan.Is(end + 1, "olds") && !NumberWordParser.IsNumberWord(scan.Span(end + 1)))
                {
                    // "30-nation", "nine-game", "a 5,000-strong force": a count of the noun.
                    c.Noun = scan.Tokens[end + 1].Text(scan.Text);
                    end += 2;
                    c.NounStart = end;
                }
            }
        }

        // Ages: "54-year-old", "a 41-year-old's", "1 month old", "aged 77", "16 and 17-year-olds", "Aguilera, 23,".
        if (currency is null && unit is null && !c.Vague && (IsAgeAfterName(scan, n) || IsCoordinatedAge(scan, end)))
        {
            c.Kind = FigureKind.Other;
            c.End = end;
            c.Unit = "yr";
            return true;
        }

        if (unit?.Dimension == "time" && IsAge(scan, end))
        {
            c.Kind = FigureKind.Other;
            c.End = AgeEnd(scan, end);
            c.Unit = unit.Symbol;
            c.Value = n.Value;
            c.NounStart = c.End;
            return true;
        }

        if (n.First > 0 && scan.Is(n.First - 1, "aged") && currency is null && unit is null)
        {
            c.Kind = FigureKind.Other;
            c.End = end;
            c.Unit = "yr";
            return true;
        }

        // "three times", "tenfold": a multiplier.
        if (currency is null && unit is null && (scan.Is(end, "times") || scan.Is(end, "fold")))
        {
            c.Kind = FigureKind.Other;
            c.End = end + 1;
            c.NounStart = c.End;
            return true;
        }

        // "5ft 9ins", "4 minutes 8.26 seconds": a compound of one dimension, read in the smaller unit.
        if (unit is not null && unit.Dimension is "length" or "time" && scan.IsNumber(end) && !c.Vague)
        {
            var index = scan.NumberAt(end);
            if (index >= 0 && scan.Numbers[index] is var more && UnitLexicon.MatchAfter(scan, more.End, more.First) is { } second
                && second.Unit.Dimension == unit.Dimension && second.Unit.Factor < unit.Factor)
            {
                c.Value = (c.Value * unit.Factor / second.Unit.Factor) + more.Value;
                c.Roundness = 1;
                unit = second.Unit;
                end = second.End;
            }
        }

        c.End = end;
        if (!hyphenForm || c.Noun is null)
        {
            c.NounStart = end;
        }

        if (scale > 1)
        {
            c.Value *= scale;
            c.Roundness = scale;
        }

        if (currency is not null)
        {
            c.Kind = FigureKind.Money;
            c.Currency = currency.Code;
            c.Unit = currency.Code;
            c.Factor = currency.Factor;
            c.NonNegative = true;
        }
        else if (unit is not null)
        {
            // A duration or measure is counted in its unit as printed ("hours", "hour" in "four-hour"), as nouns are.
            if (c.Noun is null && unitFirst >= 0 && unit.Kind != FigureKind.Percent)
            {
                c.Noun = scan.TextOf(unitFirst, unitEnd);
            }

            c.Kind = unit.Kind;
            c.Unit = unit.Symbol;
            c.Dimension = unit.Dimension;
            c.UnitFactor = unit.Factor;
            c.NonNegative = unit.NonNegative;
            if (n.Has(NumberForm.Fraction) && scale == 1)
            {
                c.Exact = true;
            }
        }
        else if (n.Has(NumberForm.Fraction) && scale == 1 && !c.Vague)
        {
            // A proportion: "three-quarters of voters", "a fifth of", "half of all".
            c.Kind = FigureKind.Percent;
            c.Unit = "%";
            c.Value *= 100;
            c.Exact = true;
        }
        else
        {
            c.Kind = FigureKind.Count;
            c.NonNegative = true;
        }

        return true;
    }

    private static (CurrencyInfo Info, int End)? CurrencyAfter(FigureScan scan, NumberReading n, int end)
    {
        if (CurrencyLexicon.MatchAfter(scan, end) is not { } after)
        {
            // "750 billion-euro": a currency joined by a hyphen after the scale.
            if (scan.IsHyphen(end) && scan.Glued(end - 1, end) && scan.Glued(end, end + 1) && n.Has(NumberForm.Scaled)
                && CurrencyLexicon.MatchAfter(scan, end + 1) is { } joined)
            {
                return joined;
            }

            return null;
        }

        if (after.Info.Weak && !(n.Has(NumberForm.Scaled) || Math.Abs(n.Value) >= 100))
        {
            return null;
        }

        if (after.Info.Ambiguous && IsWeighed(scan, n.First))
        {
            return null;
        }

        return after;
    }

    private static bool IsWeighed(FigureScan scan, int first)
    {
        for (var k = Math.Max(0, first - 4); k < Math.Min(scan.Count, first + 5); k++)
        {
            if (scan.IsWord(k) && WeighWords.Contains(scan.Tokens[k].Text(scan.Text)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAge(FigureScan scan, int end) =>
        scan.Is(end, "old") || scan.Is(end, "olds")
        || (scan.IsHyphen(end) && scan.Glued(end - 1, end) && (scan.Is(end + 1, "old") || scan.Is(end + 1, "olds")));

    private static int AgeEnd(FigureScan scan, int end) => scan.Is(end, "old") || scan.Is(end, "olds") ? end + 1 : end + 2;

    // "16 and 17-year-olds": a number joined to an age.
    private static bool IsCoordinatedAge(FigureScan scan, int end) =>
        (scan.Is(end, "and") || scan.Is(end, "or") || scan.Is(end, "to")) && scan.IsNumber(end + 1)
        && scan.HyphenJoined(end + 1, TokenKind.Word) && UnitLexicon.MatchAfter(scan, end + 3, end + 1) is { } u && u.Unit.Dimension == "time"
        && IsAge(scan, u.End);

    // "Pope Francis, 87, told", "Aguilera, 23, on holiday": a bare number between commas right after a name.
    private static bool IsAgeAfterName(FigureScan scan, NumberReading n)
    {
        var i = n.First;
        return n.Length == 1 && scan.IsNumber(i) && scan.Tokens[i].Length <= 3 && i >= 2 && scan.IsChar(i - 1, ',')
            && (scan.IsChar(i + 1, ',') || scan.IsChar(i + 1, '.')) && scan.IsWord(i - 2) && Words.IsCapitalized(scan.Span(i - 2))
            && FigureLexicon.Month(scan.Span(i - 2)) == 0 && !Stopwords.Contains(scan.Span(i - 2));
    }
}
