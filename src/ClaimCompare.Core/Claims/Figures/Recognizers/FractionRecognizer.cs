namespace ClaimCompare.Core.Claims.Figures.Recognizers;

/// <summary>Fractions and mixed numbers: "three-quarters", "two thirds", "a fifth", "half of", "quarter percentage
/// point", "two and a half", "one and a quarter", "1/8", "2½", "8 1/3".</summary>
/// <remarks>A proper fraction is marked <see cref="NumberForm.Fraction"/>: with no unit after it, the quantity recogniser
/// reads it as a proportion ("three-quarters of voters" is 75%). Ordinal uses are left alone ("the third quarter",
/// "a third term", "the first half", "the preceding three quarters").</remarks>
internal static class FractionRecognizer
{
    public const int Priority = 2;

    private static readonly Dictionary<string, (int Denominator, bool Plural)> Denominators = new(StringComparer.OrdinalIgnoreCase)
    {
        ["half"] = (2, false), ["halves"] = (2, true), ["third"] = (3, false), ["thirds"] = (3, true),
        ["quarter"] = (4, false), ["quarters"] = (4, true), ["fourth"] = (4, false), ["fourths"] = (4, true),
        ["fifth"] = (5, false), ["fifths"] = (5, true), ["sixth"] = (6, false), ["sixths"] = (6, true),
        ["seventh"] = (7, false), ["sevenths"] = (7, true), ["eighth"] = (8, false), ["eighths"] = (8, true),
        ["ninth"] = (9, false), ["ninths"] = (9, true), ["tenth"] = (10, false), ["tenths"] = (10, true),
        ["hundredth"] = (100, false), ["hundredths"] = (100, true),
    };

    private static readonly HashSet<string> OrdinalContext = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "this", "that", "first", "second", "third", "fourth", "last", "next", "previous", "preceding", "past",
        "coming", "following", "its", "their", "his", "her", "our", "final", "latest",
    };

    public static void Propose(FigureScan scan)
    {
        for (var i = 0; i < scan.Count; i++)
        {
            var token = scan.Tokens[i];
            if (token.Kind == TokenKind.Word)
            {
                ProposeWords(scan, i);
            }
            else if (token.Kind == TokenKind.Number)
            {
                ProposeDigits(scan, i);
            }
            else if (Vulgar(scan.Text[token.Start]) is { } alone && !scan.Glued(i - 1, i))
            {
                scan.NumberCandidates.Add(Fraction(i, i + 1, alone, NumberForm.Fraction));
            }
        }
    }

    private static void ProposeWords(FigureScan scan, int i)
    {
        var word = scan.Span(i);
        if (Proportion(scan, i))
        {
            return;
        }

        // "two and a half", "one and a quarter", "five and three quarters".
        var whole = NumberWordParser.Parse(scan.Text, scan.Tokens, i);
        if (whole is { Vague: false } w && w.Value >= 1 && i + w.TokenCount + 2 < scan.Count && scan.Is(i + w.TokenCount, "and"))
        {
            var k = i + w.TokenCount + 1;
            if (WordFraction(scan, k, out var part, out var partEnd) && part < 1)
            {
                scan.NumberCandidates.Add(Fraction(i, partEnd, w.Value + part, NumberForm.Mixed | NumberForm.Words));
                return;
            }
        }

        if (WordFraction(scan, i, out var value, out var end))
        {
            scan.NumberCandidates.Add(Fraction(i, end, value, NumberForm.Fraction | NumberForm.Words));
            return;
        }

        // "half of", "in half", "nearly half", "half-point", "quarter percentage point": a bare half or quarter.
        if ((Words.Is(word, "half") || Words.Is(word, "quarter")) && IsBareFraction(scan, i))
        {
            scan.NumberCandidates.Add(Fraction(i, i + 1, Words.Is(word, "half") ? 0.5 : 0.25, NumberForm.Fraction | NumberForm.Words));
        }
    }

    /// <summary>"a third", "two-thirds", "three quarters", "one eighth" starting at <paramref name="i"/>.</summary>
    private static bool WordFraction(FigureScan scan, int i, out double value, out int end)
    {
        value = 0;
        end = i;
        if (!scan.IsWord(i))
        {
            return false;
        }

        double numerator;
        int k;
        if (scan.Is(i, "a") || scan.Is(i, "an"))
        {
            numerator = 1;
            k = i + 1;
        }
        else
        {
            var n = NumberWordParser.Parse(scan.Text, scan.Tokens, i);
            if (n is not { Vague: false } p || p.TokenCount != 1 || p.Value < 1 || p.Value > 99)
            {
                return false;
            }

            numerator = p.Value;
            k = i + 1;
        }

        if (scan.IsHyphen(k) && scan.Glued(k - 1, k) && scan.Glued(k, k + 1))
        {
            k++;
        }

        if (!scan.IsWord(k) || !Denominators.TryGetValue(scan.Tokens[k].Text(scan.Text), out var d))
        {
            return false;
        }

        // "a third term", "one fourth-quarter": a singular denominator followed by a noun is an ordinal.
        if (!d.Plural && numerator == 1 && scan.IsWord(k + 1) && !scan.Is(k + 1, "of") && !scan.Is(k + 1, "and") && !scan.Is(k + 1, "or")
            && UnitLexicon.MatchAfter(scan, k + 1, k) is null && NumberWordParser.DigitScale(scan.Span(k + 1)) <= 0)
        {
            return false;
        }

        // "one thirds", "two third": not a fraction as written.
        if ((numerator == 1) == d.Plural)
        {
            return false;
        }

        // "the preceding three quarters": a period, read by the unit lexicon as quarters of a year.
        if (i > 0 && scan.IsWord(i - 1) && OrdinalContext.Contains(scan.Tokens[i - 1].Text(scan.Text)) && d.Denominator == 4 && d.Plural)
        {
            return false;
        }

        value = numerator / d.Denominator;
        end = k + 1;
        return value < 1 || d.Plural;
    }

    private static bool IsBareFraction(FigureScan scan, int i)
    {
        // "half-point", "quarter-point", "quarter percentage point".
        if (scan.IsHyphen(i + 1) && scan.Glued(i, i + 1) && UnitLexicon.MatchAfter(scan, i + 2, i) is not null)
        {
            return true;
        }

        if (i > 0 && scan.IsWord(i - 1) && OrdinalContext.Contains(scan.Tokens[i - 1].Text(scan.Text)))
        {
            return false;
        }

        if (UnitLexicon.MatchAfter(scan, i + 1, i) is { } unit && unit.Unit.Dimension is "percent" or "points")
        {
            return true;
        }

        if (!scan.Is(i, "half"))
        {
            return false;
        }

        if (scan.Is(i + 1, "of") && !scan.Is(i + 2, "a") && !scan.Is(i + 2, "an"))
        {
            return true;
        }

        if (i > 0 && scan.Is(i - 1, "in") && i > 1 && !scan.Is(i - 2, "and"))
        {
            return true;
        }

        return i > 0 && HedgeLexicon.MatchBefore(scan, i).Kind != HedgeKind.None;
    }

    // "two in five of the reports", "seven out of 10 regions", "one in four adults": a proportion.
    private static bool Proportion(FigureScan scan, int i)
    {
        if (!SmallWhole(scan, i, out var n))
        {
            return false;
        }

        var k = i + 1;
        if (scan.Is(k, "in"))
        {
            k++;
        }
        else if (scan.Is(k, "out") && scan.Is(k + 1, "of"))
        {
            k += 2;
        }
        else
        {
            return false;
        }

        if (!SmallWhole(scan, k, out var d) || n >= d || d > 100 || !scan.IsWord(k + 1) || UnitLexicon.MatchAfter(scan, k + 1, k) is not null
            || CurrencyLexicon.MatchAfter(scan, k + 1) is not null)
        {
            return false;
        }

        scan.NumberCandidates.Add(Fraction(i, k + 1, n / d, NumberForm.Fraction | NumberForm.Words));
        return true;
    }

    private static bool SmallWhole(FigureScan scan, int i, out double value)
    {
        value = 0;
        if (scan.IsNumber(i))
        {
            if (scan.Span(i).Length <= 3 && int.TryParse(scan.Span(i), out var n) && n >= 1)
            {
                value = n;
                return true;
            }

            return false;
        }

        if (!scan.IsWord(i) || NumberWordParser.Parse(scan.Text, scan.Tokens, i) is not { Vague: false, TokenCount: 1 } p || p.Value < 1)
        {
            return false;
        }

        value = p.Value;
        return true;
    }

    private static void ProposeDigits(FigureScan scan, int i)
    {
        if (Proportion(scan, i))
        {
            return;
        }

        // "2½".
        if (scan.IsPunct(i + 1) && scan.Glued(i, i + 1) && Vulgar(scan.Text[scan.Tokens[i + 1].Start]) is { } glued)
        {
            var whole = (double)NumeralRecognizer.ParseDigits(scan.Span(i)).Value;
            scan.NumberCandidates.Add(Fraction(i, i + 2, whole + glued, NumberForm.Mixed | NumberForm.Digits));
            return;
        }

        // "8 1/3", "2  1/4".
        if (IsDigitFraction(scan, i + 1, out var part) && !scan.Glued(i, i + 1) && scan.Tokens[i].Length <= 3
            && !scan.Span(i).Contains('.'))
        {
            var whole = (double)NumeralRecognizer.ParseDigits(scan.Span(i)).Value;
            scan.NumberCandidates.Add(Fraction(i, i + 4, whole + part, NumberForm.Mixed | NumberForm.Digits));
        }

        if (IsDigitFraction(scan, i, out var proper))
        {
            scan.NumberCandidates.Add(Fraction(i, i + 3, proper, NumberForm.Fraction | NumberForm.Digits));
        }
    }

    // "3/4", "1/8": small numerator below a usual denominator, nothing glued around (not "1/8/2022", "24/7", "9/11").
    private static bool IsDigitFraction(FigureScan scan, int i, out double value)
    {
        value = 0;
        if (!scan.IsNumber(i) || !scan.IsChar(i + 1, '/') || !scan.IsNumber(i + 2) || !scan.Glued(i, i + 1) || !scan.Glued(i + 1, i + 2))
        {
            return false;
        }

        if (scan.Glued(i - 1, i) || (scan.IsPunct(i + 3) && scan.Glued(i + 2, i + 3) && scan.IsChar(i + 3, '/')))
        {
            return false;
        }

        if (!int.TryParse(scan.Span(i), out var n) || !int.TryParse(scan.Span(i + 2), out var d))
        {
            return false;
        }

        if (n < 1 || n >= d || d is not (2 or 3 or 4 or 5 or 6 or 8 or 10 or 16 or 32 or 64 or 100))
        {
            return false;
        }

        value = (double)n / d;
        return true;
    }

    private static double? Vulgar(char c) => c switch
    {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅓' => 1.0 / 3,
        '⅔' => 2.0 / 3,
        '⅕' => 0.2,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        _ => null,
    };

    private static NumberReading Fraction(int first, int end, double value, NumberForm form) =>
        NumberReading.Exact(first, end, value, 1, form, Priority);
}
