using System.Globalization;

namespace ClaimCompare.Core.Claims.Figures.Recognizers;

/// <summary>Numbers in digits and in words: "3,000", "2.5", "10 000", "four", "thirty-five", "two dozen", "half a
/// million", with their scale ("1.5 million", "3bn", "£5m", "100k", "$1.5-bln") and printed sign ("-3", "minus 40"),
/// and the vague quantities ("dozens", "tens of thousands", "several hundred").</summary>
/// <remarks>Proposes <see cref="NumberReading"/>s only; units, currencies and hedges are the figure recognisers' work.
/// A bare "one" is a pronoun or determiner far more often than a count ("no one", "one of"), so it is read only before
/// a unit, a scale or a counted noun.</remarks>
internal static class NumeralRecognizer
{
    public const int Priority = 1;

    /// <summary>More digits than this are an identifier, not a figure.</summary>
    public const int MaxDigits = 18;

    private static readonly HashSet<string> MetreContext = new(StringComparer.OrdinalIgnoreCase)
    {
        "sprint", "race", "dash", "hurdles", "freestyle", "relay", "backstroke", "breaststroke", "butterfly", "medley", "final",
        "run", "swim", "high", "long", "deep", "tall", "wide", "away", "above", "below", "ahead", "behind", "wall", "drop",
        "title", "record", "event", "world", "gold", "silver", "bronze",
    };

    private static readonly HashSet<string> NotAfterOne = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "another", "day", "time", "way", "thing", "point", "more", "less", "by", "or", "and", "in", "on", "at", "to",
        "hand", "side", "reason", "moment", "kind", "sort", "piece", "part", "step", "stage", "after", "per", "for", "from",
        "with", "big", "small", "great", "good", "bad", "last", "final", "single", "such", "little", "other", "another",
        "that", "which", "who", "is", "was", "has", "had", "will", "would", "could", "can", "should", "must", "might", "may",
        "knows", "said", "says", "thing", "person", "man", "woman", "occasion", "area", "issue", "problem", "option",
    };

    private static readonly HashSet<string> NotBeforeOne = new(StringComparer.OrdinalIgnoreCase)
    {
        "no", "any", "every", "each", "the", "this", "that", "which", "only", "another", "at", "one", "someone", "anyone",
        "everyone", "as", "is", "was", "be", "number", "no.",
    };

    public static void Propose(FigureScan scan)
    {
        for (var i = 0; i < scan.Count; i++)
        {
            var kind = scan.Tokens[i].Kind;
            if (kind == TokenKind.Number)
            {
                ProposeDigits(scan, i);
            }
            else if (kind == TokenKind.Word)
            {
                ProposeWords(scan, i);
            }
        }
    }

    private static void ProposeDigits(FigureScan scan, int i)
    {
        var digits = scan.Span(i);
        if (CountDigits(digits) > MaxDigits)
        {
            return;
        }

        var (value, decimals) = ParseDigits(digits);
        var reading = NumberReading.Exact(i, i + 1, (double)value, decimals > 0 ? Math.Pow(10, -decimals) : 1, NumberForm.Digits, Priority);
        reading.Sign = SignBefore(scan, i);

        var (scale, end) = ScaleAfter(scan, i, decimals);
        if (scale > 1)
        {
            reading.Unscaled = (double)value;
            reading.Value = reading.Low = reading.High = (double)(value * (decimal)scale);
            reading.Scale = scale;
            reading.Roundness *= scale;
            reading.End = end;
            reading.Form |= NumberForm.Scaled;
        }

        if (reading.Sign != 0)
        {
            reading.Form |= NumberForm.Signed;
            if (reading.Sign < 0)
            {
                reading.Value = reading.Low = reading.High = -reading.Value;
                reading.Unscaled = -reading.Unscaled;
            }

            reading.First = i - 1;
        }

        scan.NumberCandidates.Add(reading);
    }

    /// <summary>-1 for a printed minus ("-3", "−40", "minus 40"), +1 for a plus ("+2.3%"), else 0.</summary>
    public static int SignBefore(FigureScan scan, int i)
    {
        if (i == 0)
        {
            return 0;
        }

        if (scan.IsWord(i - 1))
        {
            return scan.Is(i - 1, "minus") || scan.Is(i - 1, "negative") ? -1 : 0;
        }

        if (!scan.IsPunct(i - 1) || !scan.Glued(i - 1, i))
        {
            return 0;
        }

        var c = scan.Text[scan.Tokens[i - 1].Start];
        var sign = c == '+' ? 1 : c is '-' or '\u2212' or '\u2013' ? -1 : 0;
        if (sign == 0)
        {
            return 0;
        }

        // A sign stands apart from what precedes it: "DAX -0.8%", "(-3)"; "10-15", "F-16", "0-62mph" are not signs.
        if (i >= 2 && scan.Glued(i - 2, i - 1) && !(scan.IsPunct(i - 2) && scan.Text[scan.Tokens[i - 2].Start] is '(' or '['))
        {
            return 0;
        }

        return sign;
    }

    /// <summary>The scale word or suffix after the digits at <paramref name="i"/>, and the index after it.</summary>
    private static (double Scale, int End) ScaleAfter(FigureScan scan, int i, int decimals)
    {
        var j = i + 1;
        if (j >= scan.Count)
        {
            return (1, j);
        }

        // "$1.5-bln", "1.5-billion".
        if (scan.IsHyphen(j) && scan.Glued(i, j) && scan.IsWord(j + 1) && scan.Glued(j, j + 1))
        {
            var hyphenScale = NumberWordParser.DigitScale(scan.Span(j + 1));
            var word = scan.Span(j + 1);
            if (hyphenScale > 0 && word.Length > 1 && !Words.Is(word, "m") && !Words.Is(word, "b"))
            {
                return (ChainScale(scan, j + 2, hyphenScale, out var end2), end2);
            }

            return (1, j);
        }

        if (!scan.IsWord(j))
        {
            return (1, j);
        }

        var w = scan.Span(j);
        var scale = NumberWordParser.DigitScale(w);
        if (scale <= 0)
        {
            return (1, j);
        }

        var glued = scan.Glued(i, j);
        if (!glued)
        {
            // Spaced: the words ("1.5 million") and the wire abbreviations ("13.1 mn", "2 bln"); a spaced "m", "k" or "b" is not a scale.
            if (w.Length <= 1)
            {
                return (1, j);
            }

            return (ChainScale(scan, j + 1, scale, out var end), end);
        }

        if (Words.Is(w, "m"))
        {
            return IsMetres(scan, i, j, decimals) ? (1, j) : (1e6, j + 1);
        }

        if (Words.Is(w, "b"))
        {
            // "$1.2b" or a bare "1.2b"; "4b" before a word is a name ("Phase 4b").
            return CurrencyLexicon.MatchBefore(scan, i) is not null || !scan.IsWord(j + 1) ? (1e9, j + 1) : (1, j);
        }

        return (ChainScale(scan, j + 1, scale, out var end3), end3);
    }

    // "two hundred thousand", "1.5 hundred million" (rare): later scale words multiply.
    private static double ChainScale(FigureScan scan, int j, double scale, out int end)
    {
        end = j;
        while (end < scan.Count && end < j + 3 && scan.IsWord(end) && scan.Span(end).Length > 2)
        {
            var next = NumberWordParser.DigitScale(scan.Span(end));
            if (next <= 0 || next <= 100 && scale >= 1000)
            {
                break;
            }

            scale *= next;
            end++;
        }

        return scale;
    }

    // A glued "m" is metres in "the 100m final", "a 5m wall"; million otherwise ("£5m", "about 1m websites", "saved 65m").
    private static bool IsMetres(FigureScan scan, int i, int m, int decimals)
    {
        if (CurrencyLexicon.MatchBefore(scan, i) is not null)
        {
            return false;
        }

        if (scan.IsWord(m + 1) && MetreContext.Contains(scan.Tokens[m + 1].Text(scan.Text)))
        {
            return true;
        }

        if (scan.IsHyphen(m + 1) && scan.Glued(m, m + 1))
        {
            return true;
        }

        return decimals == 0 && i > 0 && scan.Is(i - 1, "the") && !scan.IsWord(m + 1);
    }

    private static void ProposeWords(FigureScan scan, int i)
    {
        var phrase = NumberWordParser.Parse(scan.Text, scan.Tokens, i);
        if (phrase is null && (scan.Is(i, "a") || scan.Is(i, "an")) && IsUnitOrCurrencyAt(scan, i + 1, i)
            && HedgeLexicon.MatchBefore(scan, i).Kind != HedgeKind.None)
        {
            // "within a percentage point", "more than a decade", "less than a year": one unit.
            scan.NumberCandidates.Add(NumberReading.Exact(i, i + 1, 1, 1, NumberForm.Words, Priority));
            return;
        }

        if (phrase is null)
        {
            // "several months", "a few weeks": vague with a unit rather than a scale.
            if (scan.Is(i, "several") && IsUnitOrCurrencyAt(scan, i + 1, i))
            {
                scan.NumberCandidates.Add(Vague(i, i + 1, 3, 10));
            }
            else if (scan.Is(i, "a") && scan.Is(i + 1, "few") && IsUnitOrCurrencyAt(scan, i + 2, i))
            {
                scan.NumberCandidates.Add(Vague(i, i + 2, 2, 6));
            }

            return;
        }

        var p = phrase.Value;
        var end = i + p.TokenCount;
        if (p.Vague)
        {
            scan.NumberCandidates.Add(Vague(i, end, p.Low, p.High));
            return;
        }

        var minus = i > 0 && (scan.Is(i - 1, "minus") || scan.Is(i - 1, "negative"));
        if (p.TokenCount == 1 && Words.Is(scan.Span(i), "one") && !minus && !IsCountingOne(scan, i))
        {
            return;
        }

        var reading = NumberReading.Exact(i, end, p.Value, p.Roundness, NumberForm.Words, Priority);
        if (p.TokenCount > 1 && NumberWordParser.DigitScale(scan.Span(end - 1)) is var s && s >= 1000 && p.Value >= s)
        {
            // "six million": the scale is shared in "five to six million".
            reading.Scale = s;
            reading.Unscaled = p.Value / s;
            reading.Form |= NumberForm.Scaled;
        }

        if (minus)
        {
            reading.First = i - 1;
            reading.Sign = -1;
            reading.Form |= NumberForm.Signed;
            reading.Value = reading.Low = reading.High = reading.Unscaled = -p.Value;
        }

        scan.NumberCandidates.Add(reading);
    }

    private static NumberReading Vague(int first, int end, double low, double high)
    {
        var reading = NumberReading.Exact(first, end, double.NaN, 1, NumberForm.Words | NumberForm.Vague, Priority);
        reading.Low = low;
        reading.High = high;
        return reading;
    }

    private static bool IsUnitOrCurrencyAt(FigureScan scan, int j, int numberFirst) =>
        UnitLexicon.MatchAfter(scan, j, numberFirst) is not null || CurrencyLexicon.MatchAfter(scan, j) is not null;

    private static bool IsCountingOne(FigureScan scan, int i)
    {
        var next = i + 1;
        if (IsSomeDay(scan, i))
        {
            return false;
        }

        if (next < scan.Count && (IsUnitOrCurrencyAt(scan, next, i) || (scan.IsWord(next) && NumberWordParser.DigitScale(scan.Span(next)) > 0)))
        {
            return true;
        }

        if (i > 0 && scan.IsWord(i - 1) && NotBeforeOne.Contains(scan.Tokens[i - 1].Text(scan.Text)))
        {
            return false;
        }

        if (!scan.IsWord(next) || scan.HyphenJoined(i, TokenKind.Word))
        {
            return false;
        }

        var w = scan.Tokens[next].Text(scan.Text);
        return !NotAfterOne.Contains(w) && !Stopwords.Contains(w) && !SpeechVerbs.IsSpeechVerb(w) && !IsNegatedAuxiliary(w);
    }

    private static readonly HashSet<string> DurationBeforeOneDay = new(StringComparer.OrdinalIgnoreCase)
    {
        "for", "in", "within", "just", "only", "than", "after", "over", "about", "nearly", "almost", "least", "most", "per",
        "every", "each", "by", "of", "first", "last", "to", "lasted", "lasting", "took", "takes", "spent", "spend",
    };

    private static readonly HashSet<string> DurationAfterOneDay = new(StringComparer.OrdinalIgnoreCase)
    {
        "later", "after", "before", "earlier", "ago", "of", "long", "old", "late", "early", "ahead", "behind", "and", "or",
    };

    /// <summary>
    /// "admit Ukraine one day", "One day, she ...": "one day" as "some day", never a duration of one day. A duration
    /// shows itself by its preposition or measure word ("for one day", "in just one day", "one day later", "one day's
    /// pay", "a one-day strike").
    /// </summary>
    private static bool IsSomeDay(FigureScan scan, int i)
    {
        var next = i + 1;
        if (!scan.Is(next, "day") || scan.HyphenJoined(i, TokenKind.Word))
        {
            return false;
        }

        if (i > 0 && scan.IsWord(i - 1) && DurationBeforeOneDay.Contains(scan.Tokens[i - 1].Text(scan.Text)))
        {
            return false;
        }

        var end = scan.Tokens[next].End;
        if (end < scan.Text.Length && scan.Text[end] is '\'' or '\u2019')
        {
            return false;
        }

        return !(scan.IsWord(next + 1) && DurationAfterOneDay.Contains(scan.Tokens[next + 1].Text(scan.Text)));
    }

    /// <summary>"can't", "can’t", "cannot", "doesn't": the generic pronoun's verb ("One can't say ..."), never a counted noun.</summary>
    private static bool IsNegatedAuxiliary(ReadOnlySpan<char> w) =>
        w.EndsWith("n't", StringComparison.OrdinalIgnoreCase) || w.EndsWith("n\u2019t", StringComparison.OrdinalIgnoreCase)
        || w.Equals("cannot", StringComparison.OrdinalIgnoreCase);

    public static int CountDigits(ReadOnlySpan<char> s)
    {
        var n = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Parses "100,000", "10 000", "3.25" exactly; <c>decimals</c> counts the digits after the point.</summary>
    public static (decimal Value, int Decimals) ParseDigits(ReadOnlySpan<char> digits)
    {
        Span<char> buffer = stackalloc char[MaxDigits + 8];
        var n = 0;
        var decimals = -1;
        foreach (var c in digits)
        {
            if (char.IsAsciiDigit(c))
            {
                if (n < buffer.Length)
                {
                    buffer[n++] = c;
                }

                if (decimals >= 0)
                {
                    decimals++;
                }
            }
            else if (c == '.' && decimals < 0 && n < buffer.Length)
            {
                buffer[n++] = '.';
                decimals = 0;
            }
        }

        var value = decimal.Parse(buffer[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return (value, Math.Max(0, decimals));
    }

    /// <summary>The largest power of ten (up to 10^15) dividing an integral value; 1 below 10.</summary>
    public static double Roundness(double value)
    {
        var roundness = 1.0;
        value = Math.Abs(value);
        if (value >= 10)
        {
            while (roundness < 1e15 && value % (roundness * 10) == 0)
            {
                roundness *= 10;
            }
        }

        return roundness;
    }
}
