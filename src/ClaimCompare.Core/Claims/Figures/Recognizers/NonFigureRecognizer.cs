namespace ClaimCompare.Core.Claims.Figures.Recognizers;

/// <summary>Digits that are not figures: model and product names ("Galaxy S21", "A320neo", "Nord Stream 2", "4G",
/// "Boeing 777", "Office 2003"), labels ("Gate 12 Seat 7", "No. 2", "paragraph 2", "top 10", "number one"), event names
/// ("the 400 individual medley"), specifications ("0-62mph"), idioms ("800-pound gorilla"), addresses, phone numbers and
/// over-long digit runs.</summary>
/// <remarks>Its claims outrank every other proposal and are never emitted: what they cover is simply not read as a figure.
/// A missed figure costs less than a wrong one.</remarks>
internal static class NonFigureRecognizer
{
    private static readonly HashSet<string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        "paragraph", "no", "number", "gate", "seat", "page", "chapter", "article", "section", "flight", "route", "room",
        "platform", "exit", "version", "channel", "grade", "phase", "lane", "row", "clause", "episode", "top", "apollo",
        "windows", "iphone", "ipad", "galaxy", "pixel", "model", "terminal", "hangar", "bay", "pier", "track", "volume",
    };

    private static readonly HashSet<string> EventWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "individual", "medley", "freestyle", "backstroke", "breaststroke", "butterfly", "hurdles", "steeplechase", "relay",
    };

    private static readonly HashSet<string> EventAfterDistance = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "at", "final", "title", "race", "and", "gold", "world", "event", "crown", "record",
    };

    private static readonly HashSet<string> StreetWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "street", "st", "road", "rd", "avenue", "ave", "lane", "drive", "boulevard", "place", "square", "crescent",
    };

    private static readonly HashSet<string> HyphenPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "mid", "pre", "post", "late", "early", "sub", "near", "over", "under", "top", "a", "an", "the", "circa", "minus",
    };

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "prof",
    };

    public static void Propose(FigureScan scan)
    {
        for (var i = 0; i < scan.Count; i++)
        {
            if (scan.IsWord(i))
            {
                // "Formula One", "League Two", "Air Force One": a name ending in a number word (not a title-case headline's "Four Games").
                if (i >= 2 && Words.IsCapitalized(scan.Span(i)) && NumberWordParser.IsNumberWord(scan.Span(i)) && scan.IsWord(i - 1)
                    && Words.IsCapitalized(scan.Span(i - 1)) && !Stopwords.Contains(scan.Span(i - 1)) && !NumberWordParser.IsNumberWord(scan.Span(i - 1))
                    && !scan.IsSentenceStart(i - 1) && !(scan.IsWord(i + 1) && Words.IsCapitalized(scan.Span(i + 1))))
                {
                    Block(scan, i, i + 1);
                    continue;
                }

                // "number one", "number four": chart positions.
                if (scan.Is(i, "number") && scan.IsWord(i + 1) && NumberWordParser.Parse(scan.Text, scan.Tokens, i + 1) is { Vague: false } p
                    && p.TokenCount == 1)
                {
                    Block(scan, i, i + 2);
                }

                continue;
            }

            if (!scan.IsNumber(i))
            {
                continue;
            }

            var end = NonFigureAt(scan, i, out var first);
            if (end > i)
            {
                Block(scan, first, end);
                i = end - 1;
            }
        }
    }

    /// <summary>The end of the non-figure that the number at <paramref name="i"/> belongs to, or 0; <paramref name="first"/> is its start.</summary>
    private static int NonFigureAt(FigureScan scan, int i, out int first)
    {
        first = i;
        if (NumeralRecognizer.CountDigits(scan.Span(i)) > NumeralRecognizer.MaxDigits)
        {
            return i + 1;
        }

        var phone = Phone(scan, i);
        if (phone > i)
        {
            return phone;
        }

        // "056", "0800": a leading zero makes a code, not a quantity.
        if (scan.Span(i) is { Length: > 1 } code && code[0] == '0' && char.IsAsciiDigit(code[1]) && !code.Contains('.')
            && !(scan.IsPunct(i - 1) && scan.Glued(i - 1, i)) && !(scan.IsPunct(i + 1) && scan.Glued(i, i + 1) && !scan.IsChar(i + 1, ',')))
        {
            return AlnumEnd(scan, i);
        }

        // "A320neo", "MH370", "G7", "FY2005", "1MDB", "Point72": letters glued to the digits ("3e8" is notation).
        if (scan.IsWord(i - 1) && scan.Glued(i - 1, i) && CurrencyLexicon.MatchBefore(scan, i) is null && !IsSignWord(scan, i - 1)
            && !(scan.Span(i - 1) is "e" or "E" && scan.IsNumber(i - 2) && scan.Glued(i - 2, i - 1)))
        {
            first = AlnumStart(scan, i - 1);
            return AlnumEnd(scan, i);
        }

        // "Covid-19", "F-15E", "T-72": a word joined by a hyphen.
        if (scan.IsHyphen(i - 1) && scan.Glued(i - 1, i) && scan.IsWord(i - 2) && scan.Glued(i - 2, i - 1)
            && !HyphenPrefixes.Contains(scan.Tokens[i - 2].Text(scan.Text)) && !NumberWordParser.IsNumberWord(scan.Span(i - 2))
            && Words.IsCapitalized(scan.Span(i - 2)) && CurrencyLexicon.MatchBefore(scan, i) is null)
        {
            first = AlnumStart(scan, i - 2);
            return AlnumEnd(scan, i);
        }

        // "4G", "3Q", "747s" after a name: letters glued after the digits that are no unit, currency, scale or suffix.
        if (scan.IsWord(i + 1) && scan.Glued(i, i + 1) && IsIdentifierSuffix(scan, i))
        {
            first = AlnumStart(scan, i);
            return AlnumEnd(scan, i + 1);
        }

        // "0-62mph": an acceleration specification, not a range of speeds.
        if (scan.Span(i) is "0" && scan.IsHyphen(i + 1) && scan.Glued(i, i + 1) && scan.IsNumber(i + 2) && scan.Glued(i + 1, i + 2)
            && UnitLexicon.MatchAfter(scan, i + 3, i + 2) is { } speed && speed.Unit.Dimension == "speed")
        {
            return speed.End;
        }

        // "800-pound gorilla".
        if (scan.IsHyphen(i + 1) && scan.Is(i + 2, "pound") && scan.Is(i + 3, "gorilla"))
        {
            return i + 3;
        }

        // "7-6 (4)": a tie-break in brackets after a score.
        if (scan.IsChar(i - 1, '(') && scan.IsChar(i + 1, ')') && i >= 4 && scan.IsNumber(i - 2) && scan.IsHyphen(i - 3) && scan.IsNumber(i - 4))
        {
            first = i - 1;
            return i + 2;
        }

        // "123 Random Street", "PA 23456".
        if (scan.IsWord(i + 1) && Words.IsCapitalized(scan.Span(i + 1)) && scan.IsWord(i + 2) && StreetWords.Contains(scan.Tokens[i + 2].Text(scan.Text)))
        {
            return i + 3;
        }

        if (scan.Tokens[i].Length == 5 && scan.IsWord(i - 1) && scan.Tokens[i - 1].Length == 2 && Words.IsAllCaps(scan.Span(i - 1)))
        {
            first = i - 1;
            return i + 1;
        }

        // "the 400 individual medley", "won the 10,000 meters in Athens".
        if (i > 0 && scan.Is(i - 1, "the"))
        {
            if (scan.IsWord(i + 1) && EventWords.Contains(scan.Tokens[i + 1].Text(scan.Text)))
            {
                first = i - 1;
                return i + 2;
            }

            if ((scan.Is(i + 1, "metres") || scan.Is(i + 1, "meters")) && (!scan.IsWord(i + 2) || EventAfterDistance.Contains(scan.Tokens[i + 2].Text(scan.Text))))
            {
                first = i - 1;
                return i + 2;
            }
        }

        // "Gate 12", "No. 2", "paragraph 2", "top 10", "Group of 20".
        var label = i - 1;
        if (scan.IsChar(label, '.') && scan.IsWord(label - 1))
        {
            label--;
        }

        if (scan.IsWord(label) && Labels.Contains(scan.Tokens[label].Text(scan.Text)) && !FollowedByUnit(scan, i)
            && !(scan.Is(label, "no") && !Words.IsCapitalized(scan.Span(label)) && label == i - 1))
        {
            first = label;
            return ModelEnd(scan, i);
        }

        if (i >= 2 && scan.Is(i - 1, "of") && scan.Is(i - 2, "Group"))
        {
            first = i - 2;
            return i + 1;
        }

        // "Nord Stream 2", "Boeing 777", "Sylvania 300", "Office 2003", "LP 2", "FTSE 100": a name with a number.
        if (IsNameBefore(scan, i) && !FollowedByUnit(scan, i))
        {
            first = i - 1;
            while (first > 0 && scan.IsWord(first - 1) && Words.IsCapitalized(scan.Span(first - 1)) && !Stopwords.Contains(scan.Span(first - 1)))
            {
                first--;
            }

            return ModelEnd(scan, i);
        }

        return 0;
    }

    private static void Block(FigureScan scan, int first, int end)
    {
        scan.Candidates.Add(Candidate.Claim(first, end, CandidateSource.NonFigure, FigureKind.Other));
        scan.Block(first, end);
    }

    private static bool IsSignWord(FigureScan scan, int i) => scan.Is(i, "minus") || scan.Is(i, "negative") || scan.Is(i, "plus");

    private static bool IsIdentifierSuffix(FigureScan scan, int i)
    {
        var j = i + 1;
        var w = scan.Span(j);
        if (NumberWordParser.DigitScale(w) > 0 || DateTimeRecognizer.IsOrdinalSuffix(w) || Words.Is(w, "am") || Words.Is(w, "pm")
            || Words.Is(w, "a.m.") || Words.Is(w, "p.m.") || w is "e" or "E" or "x")
        {
            return false;
        }

        if (w is "s")
        {
            // "the 1990s" is a decade; "Boeing 747s" a model.
            return scan.Tokens[i].Length != 4 && IsNameBefore(scan, i);
        }

        return UnitLexicon.MatchAfter(scan, j, i) is null && CurrencyLexicon.MatchAfter(scan, j) is null;
    }

    private static bool FollowedByUnit(FigureScan scan, int i)
    {
        var j = i + 1;
        if (j >= scan.Count)
        {
            return false;
        }

        if (UnitLexicon.MatchAfter(scan, j, i) is not null || CurrencyLexicon.MatchAfter(scan, j) is not null
            || (scan.IsWord(j) && NumberWordParser.DigitScale(scan.Span(j)) > 0 && (scan.Glued(i, j) || scan.Span(j).Length > 1)))
        {
            return true;
        }

        return scan.IsHyphen(j) && scan.Glued(i, j) && UnitLexicon.MatchAfter(scan, j + 1, i) is not null;
    }

    // "Gate 12", "737-800", "S21 Ultra": the label's number and what is glued to it.
    private static int ModelEnd(FigureScan scan, int i)
    {
        var end = AlnumEnd(scan, i);
        while (end + 1 < scan.Count && scan.IsHyphen(end) && scan.Glued(end - 1, end) && scan.IsNumber(end + 1) && scan.Glued(end, end + 1))
        {
            end = AlnumEnd(scan, end + 1);
        }

        return end;
    }

    private static int AlnumStart(FigureScan scan, int i)
    {
        while (i > 0 && scan.Glued(i - 1, i) && (scan.IsWord(i - 1) || scan.IsNumber(i - 1)
            || (scan.IsHyphen(i - 1) && i > 1 && scan.Glued(i - 2, i - 1) && !scan.IsPunct(i - 2))))
        {
            i--;
        }

        return i;
    }

    private static int AlnumEnd(FigureScan scan, int i)
    {
        var end = i + 1;
        while (end < scan.Count && scan.Glued(end - 1, end) && (scan.IsWord(end) || scan.IsNumber(end)
            || (scan.IsHyphen(end) && end + 1 < scan.Count && scan.Glued(end, end + 1) && !scan.IsPunct(end + 1) && scan.Tokens[end + 1].Length <= 3)))
        {
            end++;
        }

        return end;
    }

    private static bool IsNameBefore(FigureScan scan, int i)
    {
        if (i < 2 || !scan.IsWord(i - 1) || scan.Glued(i - 1, i))
        {
            return false;
        }

        var w = scan.Span(i - 1);
        if (!Words.IsCapitalized(w) || Stopwords.Contains(w) || FigureLexicon.Month(w) > 0 || NumberWordParser.IsNumberWord(w)
            || Titles.Contains(w.ToString()) || HedgeLexicon.MatchBefore(scan, i).Kind != HedgeKind.None
            || CurrencyLexicon.MatchBefore(scan, i) is not null || UnitLexicon.MatchBefore(scan, i) is not null
            || scan.Is(i - 1, "minus"))
        {
            return false;
        }

        // The first word of a sentence is capitalised anyway.
        return !scan.IsSentenceStart(i - 1);
    }

    // Digit groups joined by hyphens, dots or spaces with seven or more digits, or led by '+': a phone number.
    private static int Phone(FigureScan scan, int i)
    {
        // "2022-01-13" is a date.
        if (scan.Tokens[i].Length == 4 && scan.HyphenJoined(i, TokenKind.Number) && scan.Tokens[i + 2].Length == 2)
        {
            return i;
        }

        var plus = scan.IsChar(i - 1, '+') && scan.Glued(i - 1, i);
        var digits = NumeralRecognizer.CountDigits(scan.Span(i));
        var groups = 1;
        var j = i;
        while (j + 2 < scan.Count && scan.IsNumber(j + 2) && scan.Glued(j, j + 1) && scan.Glued(j + 1, j + 2)
            && (scan.IsHyphen(j + 1) || scan.IsChar(j + 1, '.')))
        {
            digits += NumeralRecognizer.CountDigits(scan.Span(j + 2));
            groups++;
            j += 2;
        }

        return (groups >= 2 && digits >= 7) || (plus && digits >= 7) ? j + 1 : i;
    }
}
