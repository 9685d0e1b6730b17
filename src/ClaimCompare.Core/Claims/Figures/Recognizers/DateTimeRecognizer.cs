using System.Globalization;

namespace ClaimCompare.Core.Claims.Figures.Recognizers;

/// <summary>Dates, clock times and years: "Jan. 27", "January 12, 2022", "12 January 2022", "March 5-10", "March 2005",
/// "2022-01-13", "1965-71", "11.30am", "7:45 p.m.", "1200 GMT", "5:15-8 p.m.", "in 2004", "the 1990s", "1985's".</summary>
/// <remarks>A four-digit number is a year unless it reads as a quantity: a hedge and a counted noun ("some 2000 troops"),
/// a unit or percent sign after it, a currency before it, or a plural noun after it with no determiner before
/// ("1500 people"). Years are only ever compared with years.</remarks>
internal static class DateTimeRecognizer
{
    private static readonly HashSet<string> TimeZones = new(StringComparer.OrdinalIgnoreCase)
    {
        "GMT", "BST", "UTC", "ET", "EST", "EDT", "CET", "CEST", "PT", "PST", "PDT", "CT", "CST", "CDT", "MT", "JST", "IST", "AEST",
    };

    private static readonly HashSet<string> YearDeterminers = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "its", "his", "her", "their", "our", "in", "of", "since", "by", "from", "until", "till", "during", "before",
        "after", "to", "for", "and", "between", "this", "that", "early", "late", "mid", "fiscal", "through",
    };

    public static void Propose(FigureScan scan)
    {
        for (var i = 0; i < scan.Count; i++)
        {
            if (scan.IsBlocked(i))
            {
                continue;
            }

            var end = 0;
            var kind = FigureKind.Date;
            var value = double.NaN;
            if (scan.IsWord(i) && FigureLexicon.Month(scan.Span(i)) > 0)
            {
                end = MonthFirstDate(scan, i);
            }
            else if (scan.IsNumber(i))
            {
                if ((end = IsoDate(scan, i)) == 0 && (end = DayFirstDate(scan, i)) == 0 && (end = YearRange(scan, i)) == 0)
                {
                    if ((end = Time(scan, i, out value)) > 0)
                    {
                        kind = FigureKind.Time;
                    }
                    else if ((end = Year(scan, i, out value)) > 0)
                    {
                        kind = FigureKind.Year;
                    }
                }
            }
            else if (scan.IsPunct(i) && Tokenizer.IsApostrophe(scan.Text[scan.Tokens[i].Start]) && Decade(scan, i + 1, twoDigits: true) is > 0 and var decadeEnd)
            {
                // "the '90s".
                var decade = Candidate.Claim(i, decadeEnd, CandidateSource.Calendar, FigureKind.Year);
                var d = int.Parse(scan.Span(i + 1), CultureInfo.InvariantCulture);
                decade.Value = (d < 30 ? 2000 : 1900) + d;
                decade.Low = decade.Value;
                decade.High = decade.Value + 9;
                scan.Candidates.Add(decade);
                continue;
            }

            if (end > i)
            {
                var c = Candidate.Claim(i, end, CandidateSource.Calendar, kind);
                c.Value = value;
                if (kind == FigureKind.Year && scan.IsWord(end - 1) && scan.Span(end - 1) is "s")
                {
                    // "the 1990s": a decade, [1990, 1999].
                    c.Low = value;
                    c.High = value + 9;
                }

                scan.Candidates.Add(c);
                i = end - 1;
            }
        }
    }

    // "Jan. 27", "January 12, 2022", "Sept. 19, 2004", "March 5-10", "Nov. 2", "March 2005".
    private static int MonthFirstDate(FigureScan scan, int i)
    {
        var j = i + 1;
        if (scan.IsChar(j, '.') && scan.Tokens[i].Length <= 4)
        {
            j++;
        }

        if (!scan.IsNumber(j))
        {
            return 0;
        }

        var day = scan.Span(j);
        if (day.Length <= 2 && int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31)
        {
            j++;
            if (scan.IsWord(j) && scan.Glued(j - 1, j) && IsOrdinalSuffix(scan.Span(j)))
            {
                j++;
            }

            // "March 5-10": a span of days.
            if (scan.IsDashLike(j) && scan.IsNumber(j + 1) && scan.Span(j + 1).Length <= 2)
            {
                j += 2;
            }

            if (scan.IsChar(j, ',') && IsYearToken(scan, j + 1))
            {
                return j + 2;
            }

            return IsYearToken(scan, j) ? j + 1 : j;
        }

        return IsYearToken(scan, j) && Words.IsCapitalized(scan.Span(i)) ? j + 1 : 0;
    }

    // "12 January 2022", "31 December 2004", "2 February", "12th January".
    private static int DayFirstDate(FigureScan scan, int i)
    {
        var digits = scan.Span(i);
        if (digits.Length > 2 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d is < 1 or > 31)
        {
            return 0;
        }

        var k = i + 1;
        if (scan.IsWord(k) && scan.Glued(i, k) && IsOrdinalSuffix(scan.Span(k)))
        {
            k++;
        }

        if (!scan.IsWord(k) || FigureLexicon.Month(scan.Span(k)) == 0)
        {
            return 0;
        }

        var end = k + 1;
        if (scan.IsChar(end, '.') && scan.Tokens[k].Length <= 4)
        {
            end++;
        }

        return IsYearToken(scan, end) ? end + 1 : end;
    }

    private static int IsoDate(FigureScan scan, int i)
    {
        if (scan.Tokens[i].Length == 4 && scan.HyphenJoined(i, TokenKind.Number) && scan.Tokens[i + 2].Length == 2
            && scan.HyphenJoined(i + 2, TokenKind.Number) && scan.Tokens[i + 4].Length == 2)
        {
            return i + 5;
        }

        return 0;
    }

    // "1965-71", "2002-2004", "2002-03": a period of years.
    private static int YearRange(FigureScan scan, int i)
    {
        if (!IsYearToken(scan, i) || !scan.IsDashLike(i + 1) || !scan.Glued(i, i + 1) || !scan.IsNumber(i + 2) || !scan.Glued(i + 1, i + 2))
        {
            return 0;
        }

        var second = scan.Span(i + 2);
        if (second.Length == 4 ? IsYearToken(scan, i + 2) : second.Length == 2)
        {
            return i + 3;
        }

        return 0;
    }

    /// <summary>A clock time at <paramref name="i"/>: "11.30am", "7:45 p.m.", "10 a.m.", "9pm", "1200 GMT", "14:30",
    /// "5:15-8 p.m."; <paramref name="hours"/> is the hour of the day (19.75 for 7:45 p.m.), NaN when it cannot be read.</summary>
    private static int Time(FigureScan scan, int i, out double hours)
    {
        hours = double.NaN;
        var digits = scan.Span(i);
        var j = i + 1;
        double h;
        double minutes = 0;
        var colon = false;
        if (digits.Length <= 2 && scan.IsChar(j, ':') && scan.Glued(i, j) && scan.IsNumber(j + 1) && scan.Tokens[j + 1].Length == 2)
        {
            h = int.Parse(digits, CultureInfo.InvariantCulture);
            minutes = int.Parse(scan.Span(j + 1), CultureInfo.InvariantCulture);
            j += 2;
            if (scan.IsChar(j, ':') && scan.IsNumber(j + 1) && scan.Tokens[j + 1].Length == 2)
            {
                j += 2;
            }

            colon = true;
        }
        else if (digits.Length is 4 or 5 && digits[^3] == '.' && double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dotted))
        {
            // "11.30am": hour.minute, only with am or pm.
            h = Math.Floor(dotted);
            minutes = Math.Round((dotted - h) * 100);
        }
        else if (digits.Length <= 2 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
        {
            h = whole;
        }
        else if (digits.Length == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm) && hhmm % 100 < 60 && hhmm < 2400)
        {
            // "1200 GMT": only with a time zone.
            if (!(scan.IsWord(j) && TimeZones.Contains(scan.Tokens[j].Text(scan.Text))))
            {
                return 0;
            }

            hours = (hhmm / 100) + (hhmm % 100 / 60.0);
            return j + 1;
        }
        else
        {
            return 0;
        }

        if (minutes >= 60 || h > 24)
        {
            return 0;
        }

        // "5:15-8 p.m.": a span of times ending in the meridiem.
        var rangeEnd = j;
        if (scan.IsDashLike(j) && scan.IsNumber(j + 1) && scan.Tokens[j + 1].Length <= 2 && Meridiem(scan, j + 2) != 0)
        {
            rangeEnd = j + 2;
        }

        var meridiem = Meridiem(scan, rangeEnd);
        if (meridiem != 0)
        {
            if (h > 12)
            {
                return 0;
            }

            hours = (h % 12) + (meridiem == 2 ? 12 : 0) + (minutes / 60.0);
            var end = rangeEnd + 1;
            return scan.IsWord(end) && TimeZones.Contains(scan.Tokens[end].Text(scan.Text)) ? end + 1 : end;
        }

        if (colon)
        {
            hours = h + (minutes / 60.0);
            return scan.IsWord(j) && TimeZones.Contains(scan.Tokens[j].Text(scan.Text)) ? j + 1 : j;
        }

        return 0;
    }

    /// <summary>1 for am, 2 for pm at token <paramref name="j"/>, else 0.</summary>
    private static int Meridiem(FigureScan scan, int j)
    {
        if (!scan.IsWord(j))
        {
            return 0;
        }

        var w = scan.Span(j);
        return Words.Is(w, "am") || Words.Is(w, "a.m.") ? 1 : Words.Is(w, "pm") || Words.Is(w, "p.m.") ? 2 : 0;
    }

    private static int Year(FigureScan scan, int i, out double value)
    {
        value = double.NaN;
        if (!IsYearToken(scan, i))
        {
            return 0;
        }

        value = double.Parse(scan.Span(i), CultureInfo.InvariantCulture);

        // "the 1990s".
        if (Decade(scan, i, twoDigits: false) is > 0 and var decadeEnd)
        {
            return decadeEnd;
        }

        if (CurrencyLexicon.MatchBefore(scan, i) is not null || scan.Glued(i - 1, i) && scan.IsWord(i - 1))
        {
            return 0;
        }

        var next = i + 1;
        if (next < scan.Count && (UnitLexicon.MatchAfter(scan, next, i) is not null || CurrencyLexicon.MatchAfter(scan, next) is not null
            || (scan.IsWord(next) && NumberWordParser.DigitScale(scan.Span(next)) > 0 && scan.Span(next).Length > 1)))
        {
            return 0;
        }

        var hedge = HedgeLexicon.MatchBefore(scan, i);
        var nounAfter = scan.IsWord(next) && !Stopwords.Contains(scan.Span(next)) && !Words.IsCapitalized(scan.Span(next))
            && FigureLexicon.Month(scan.Span(next)) == 0;
        if (hedge.Kind != HedgeKind.None && hedge.Kind != HedgeKind.Exact && nounAfter)
        {
            return 0;
        }

        // "1500 people were evacuated": a count; "the 2004 elections", "in 2003 results": a year.
        if (nounAfter && FigureLexicon.LooksPlural(scan.Span(next)) && !(i > 0 && scan.IsWord(i - 1) && YearDeterminers.Contains(scan.Tokens[i - 1].Text(scan.Text)))
            && !(i > 0 && scan.IsPunct(i - 1) && Tokenizer.IsApostrophe(scan.Text[scan.Tokens[i - 1].Start])))
        {
            return 0;
        }

        return next;
    }

    private static int Decade(FigureScan scan, int i, bool twoDigits)
    {
        if (!scan.IsNumber(i) || scan.Tokens[i].Length != (twoDigits ? 2 : 4) || !scan.IsWord(i + 1) || !scan.Glued(i, i + 1) || scan.Span(i + 1) is not "s")
        {
            return 0;
        }

        return twoDigits || scan.Span(i)[^1] == '0' ? i + 2 : 0;
    }

    private static bool IsYearToken(FigureScan scan, int j) =>
        scan.IsNumber(j) && scan.Tokens[j].Length == 4
        && int.TryParse(scan.Span(j), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1000 and <= 2100;

    internal static bool IsOrdinalSuffix(ReadOnlySpan<char> w) =>
        Words.Is(w, "st") || Words.Is(w, "nd") || Words.Is(w, "rd") || Words.Is(w, "th");
}
