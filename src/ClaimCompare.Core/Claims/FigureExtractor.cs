using System.Globalization;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Claims;

/// <summary>Finds the figures a document states and reads each as an interval (DESIGN.md §6).</summary>
/// <remarks>
/// <para>A hand-written scanner over the raw tokens of each passage, so it is linear in the text and never
/// backtracks. At each token it tries, in order: dates (month names, ISO dates), clock times and phone-like
/// strings, ordinals, years, then quantities in digits or words with their scale, currency and percent marks,
/// and finally the hedge before them.</para>
/// <para>Widths: a bare or approximate number is read as X ± a half-width that grows with its roundness
/// (the largest power of ten dividing it): <c>min(roundness/2, 5% of X)</c> when bare (exact when the
/// roundness is 1; a bare duration is at least <c>± min(half a unit, 10%)</c> because "four hours" is rounded
/// speech), <c>min(roundness/2, 15% of X)</c> after "about", "some", "an estimated". "nearly X" is
/// <c>[0.9X, X)</c>; "just over X" is <c>(X, 1.1X]</c>. Exclusive bounds are flagged, never nudged by an epsilon.
/// Counts, money and durations are never negative, so "up to X" is <c>[0, X]</c> for them.</para>
/// </remarks>
public static class FigureExtractor
{
    private const int MaxDigits = 18;
    private const double MaxValue = 1e18;

    /// <summary>Extracts the figures of every passage of <paramref name="document"/>, in text order.</summary>
    /// <param name="document">A processed document; its passages' spans must index its original text.</param>
    /// <returns>The figures; empty when there are none. Never throws on odd text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public static IReadOnlyList<Figure> Extract(ProcessedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var figures = new List<Figure>();
        foreach (var passage in document.Passages)
        {
            ExtractPassage(document.OriginalText, passage, figures);
        }

        return figures;
    }

    /// <summary>Extracts the figures of one passage and appends them to <paramref name="figures"/>.</summary>
    internal static void ExtractPassage(string original, Passage passage, List<Figure> figures)
    {
        var start = Math.Clamp(passage.Start, 0, original.Length);
        var end = Math.Clamp(passage.End, start, original.Length);
        var tokens = Tokenizer.Tokenize(original, start, end);
        var scanner = new Scanner(original, tokens, passage.Index);
        var i = 0;
        while (i < tokens.Count)
        {
            var next = scanner.TryAt(i, figures);
            i = next > i ? next : i + 1;
        }
    }

    private sealed class Scanner(string text, List<Token> tokens, int passageIndex)
    {
        /// <summary>Tries to read a figure at token <paramref name="i"/>; returns the index after it, or <paramref name="i"/>.</summary>
        public int TryAt(int i, List<Figure> figures)
        {
            var t = tokens[i];
            if (t.Kind == TokenKind.Word)
            {
                return TryWordStart(i, figures);
            }

            if (t.Kind == TokenKind.Number)
            {
                return TryNumberStart(i, figures);
            }

            return i;
        }

        private int TryWordStart(int i, List<Figure> figures)
        {
            var word = tokens[i].Span(text);
            var month = FigureLexicon.Month(word);
            if (month > 0)
            {
                var afterMonth = TryMonthFirstDate(i);
                if (afterMonth > i)
                {
                    Add(figures, i, afterMonth, FigureKind.Date, null, null, null, true, true, null, null, null);
                    return afterMonth;
                }
            }

            var ordinal = NumberWordParser.Ordinal(word);
            if (ordinal > 0 && IsDeterminerBefore(i))
            {
                var noun = FindNoun(i + 1, skipOf: false);
                Add(figures, i, i + 1, FigureKind.Ordinal, ordinal, ordinal, ordinal, true, true, null, noun, null);
                return i + 1;
            }

            var phrase = NumberWordParser.Parse(text, tokens, i);
            if (phrase is null)
            {
                return i;
            }

            var p = phrase.Value;
            var j = i + p.TokenCount;

            // Bare "one" is a pronoun or determiner far more often than a count ("no one", "one day").
            if (!p.Vague && p.TokenCount == 1 && Words.Is(word, "one") && !(j < tokens.Count && IsUnitAhead(j)))
            {
                return i;
            }

            return Quantity(i, j, p, figures, currency: null, currencyToken: -1);
        }

        private int TryNumberStart(int i, List<Figure> figures)
        {
            var t = tokens[i];
            var digits = t.Span(text);

            // ISO date 2022-01-13.
            if (digits.Length == 4 && IsJoined(i, '-', TokenKind.Number, 2) && IsJoined(i + 2, '-', TokenKind.Number, 2)
                && tokens[i + 2].Length == 2 && tokens[i + 4].Length == 2)
            {
                Add(figures, i, i + 5, FigureKind.Date, null, null, null, true, true, null, null, null);
                return i + 5;
            }

            var phoneEnd = TryPhone(i);
            if (phoneEnd > i)
            {
                Add(figures, i, phoneEnd, FigureKind.Other, null, null, null, true, true, null, null, null);
                return phoneEnd;
            }

            var timeEnd = TryTime(i);
            if (timeEnd > i)
            {
                Add(figures, i, timeEnd, FigureKind.Other, null, null, null, true, true, null, null, null);
                return timeEnd;
            }

            if (CountDigits(digits) > MaxDigits)
            {
                Add(figures, i, i + 1, FigureKind.Other, null, null, null, true, true, null, null, null);
                return i + 1;
            }

            var glued = Glued(i);
            if (glued > 0)
            {
                // A unit glued after the digits ("47.3C", "5km") belongs to the figure.
                var gluedEnd = glued == 2 ? i + 2 : i + 1;
                Add(figures, i, gluedEnd, FigureKind.Other, null, null, null, true, true, null, null, null);
                return gluedEnd;
            }

            var rangeEnd = TryScoreOrRange(i, figures);
            if (rangeEnd > i)
            {
                return rangeEnd;
            }

            if (IsAgeAfterName(i))
            {
                Add(figures, i, i + 1, FigureKind.Other, null, null, null, true, true, null, null, null);
                return i + 1;
            }

            var value = ParseDigits(digits, out var roundness);

            // "12 January 2022", "12th January".
            var k = i + 1;
            if (k < tokens.Count && tokens[k].Kind == TokenKind.Word && tokens[k].Start == t.End && IsOrdinalSuffix(tokens[k].Span(text)))
            {
                k++;
            }

            if (value is >= 1 and <= 31 && roundness <= 10 && k < tokens.Count && tokens[k].Kind == TokenKind.Word
                && FigureLexicon.Month(tokens[k].Span(text)) > 0)
            {
                var endDate = k + 1;
                if (endDate < tokens.Count && tokens[endDate].Kind == TokenKind.Punct && text[tokens[endDate].Start] == '.')
                {
                    endDate++;
                }

                if (endDate < tokens.Count && IsYearToken(endDate))
                {
                    endDate++;
                }

                Add(figures, i, endDate, FigureKind.Date, null, null, null, true, true, null, null, null);
                return endDate;
            }

            if (k > i + 1)
            {
                var noun = FindNoun(k, skipOf: false);
                Add(figures, i, k, FigureKind.Ordinal, value, value, value, true, true, null, noun, null);
                return k;
            }

            // Names with numbers: "Nord Stream 2", "Covid-19", "F-16".
            if (IsNamePart(i))
            {
                Add(figures, i, i + 1, FigureKind.Other, value, null, null, true, true, null, null, null);
                return i + 1;
            }

            var currencyToken = -1;
            string? currency = null;
            if (i > 0 && tokens[i - 1].Kind == TokenKind.Punct && tokens[i - 1].End == t.Start)
            {
                currency = FigureLexicon.CurrencySymbol(text[tokens[i - 1].Start]);
                if (currency is not null)
                {
                    currencyToken = i - 1;

                    // "US$5bn", "A$3m".
                    if (i > 1 && tokens[i - 2].Kind == TokenKind.Word && tokens[i - 2].End == tokens[i - 1].Start
                        && tokens[i - 2].Length <= 2 && Words.IsCapitalized(tokens[i - 2].Span(text)))
                    {
                        currencyToken = i - 2;
                        if (!Words.Is(tokens[i - 2].Span(text), "US"))
                        {
                            currency = Words.Lower(tokens[i - 2].Span(text)).ToUpperInvariant() + "D";
                        }
                    }
                }
            }

            // Decades: "the 1990s".
            if (digits.Length == 4 && currency is null && i + 1 < tokens.Count && tokens[i + 1].Start == t.End
                && tokens[i + 1].Kind == TokenKind.Word && tokens[i + 1].Span(text) is "s")
            {
                Add(figures, i, i + 2, FigureKind.Year, value, value, value + 9, true, true, null, null, null);
                return i + 2;
            }

            var phrase = new NumberPhrase(value, value, value, 1, false, roundness);
            var j = i + 1;

            // Scale words and suffixes: "1.5 million", "3.2bn", "100k", "two thousand".
            if (j < tokens.Count && tokens[j].Kind == TokenKind.Word)
            {
                var scaleWord = tokens[j].Span(text);
                var scale = NumberWordParser.DigitScale(scaleWord);
                var adjacent = tokens[j].Start == t.End;
                var spacedOk = scaleWord.Length > 2 || Words.Is(scaleWord, "bn") || Words.Is(scaleWord, "mn") || Words.Is(scaleWord, "tn");
                if (scale > 0 && (adjacent || spacedOk) && (scaleWord.Length > 1 || adjacent))
                {
                    // A bare "m" after a number without currency is as likely metres: only with a currency.
                    if (!(Words.Is(scaleWord, "m") && currency is null) && !(Words.Is(scaleWord, "b") && currency is null))
                    {
                        phrase = new NumberPhrase(value * scale, value * scale, value * scale, 2, false, roundness * scale);
                        j++;
                    }
                }
            }

            // Years: four digits, no separator, no currency or scale.
            if (phrase.TokenCount == 1 && currency is null && digits.Length == 4 && CountDigits(digits) == 4
                && value is >= 1000 and <= 2100 && !IsQuantityContext(i, j))
            {
                Add(figures, i, j, FigureKind.Year, value, value, value, true, true, null, null, null);
                return j;
            }

            return Quantity(i, j, phrase, figures, currency, currencyToken);
        }

        // A four-digit number is a count rather than a year when hedged and followed by a counted noun.
        private bool IsQuantityContext(int i, int j)
        {
            var hedge = HedgeLexicon.MatchBefore(text, tokens, i);
            if (hedge.Kind == HedgeKind.None)
            {
                return j < tokens.Count && IsPercentAt(j, out _);
            }

            return j < tokens.Count && tokens[j].Kind == TokenKind.Word && !Stopwords.Contains(tokens[j].Span(text))
                && !Words.IsCapitalized(tokens[j].Span(text));
        }

        /// <summary>Completes a quantity read from tokens [start, j): percent, currency, hyphen forms, noun and hedge.</summary>
        private int Quantity(int start, int j, NumberPhrase phrase, List<Figure> figures, string? currency, int currencyToken)
        {
            var kind = currency is not null ? FigureKind.Money : FigureKind.Count;
            string? noun = null;
            var end = j;

            if (end < tokens.Count && IsPercentAt(end, out var percentEnd))
            {
                kind = FigureKind.Percent;
                end = percentEnd;

                // A percentage counts something only as "X% of the vote"; "35% contained" names no noun.
                noun = end < tokens.Count && Words.Is(tokens[end].Span(text), "of") ? FindNoun(end, skipOf: true) : null;
            }
            else if (end < tokens.Count && tokens[end].Kind == TokenKind.Word && FigureLexicon.CurrencyWord(tokens[end].Span(text)) is { } code)
            {
                kind = FigureKind.Money;
                currency = code;
                end++;
                noun = FindNoun(end, skipOf: false);
            }
            else if (IsJoined(end - 1, '-', TokenKind.Word, 0) && end + 1 < tokens.Count)
            {
                // Hyphen forms: "four-hour", "30-nation", "two-day", "10-year-old".
                var unit = tokens[end + 1].Span(text);
                end += 2;
                noun = unit.ToString();
                if (FigureLexicon.IsDurationUnit(unit))
                {
                    if (IsJoined(end - 1, '-', TokenKind.Word, 0) && Words.Is(tokens[end + 1].Span(text), "old"))
                    {
                        // "54-year-old" is an age.
                        kind = FigureKind.Other;
                        noun = null;
                        end += 2;
                    }
                    else
                    {
                        kind = FigureKind.Duration;
                    }
                }
                else if (FigureLexicon.IsMeasureUnit(unit))
                {
                    kind = FigureKind.Other;
                    noun = null;
                }
            }
            else if (end < tokens.Count && tokens[end].Kind == TokenKind.Word && FigureLexicon.IsDurationUnit(tokens[end].Span(text)))
            {
                kind = FigureKind.Duration;
                noun = tokens[end].Text(text);
                end++;
            }
            else if (phrase.Vague || kind == FigureKind.Money)
            {
                noun = FindNoun(end, skipOf: phrase.Vague);
            }
            else
            {
                noun = FindNoun(end, skipOf: false);
            }

            // "three times", "tenfold": a multiplier, not a count.
            if (kind == FigureKind.Count && end < tokens.Count && tokens[end].Kind == TokenKind.Word
                && (Words.Is(tokens[end].Span(text), "times") || Words.Is(tokens[end].Span(text), "fold")))
            {
                kind = FigureKind.Other;
                noun = null;
            }

            var first = currencyToken >= 0 ? currencyToken : start;
            var (hedge, hedgeFirst, hedgePhrase) = HedgeLexicon.MatchBefore(text, tokens, first);
            if (hedge != HedgeKind.None)
            {
                first = hedgeFirst;
            }

            double? low;
            double? high;
            bool lowInc = true, highInc = true;
            var nonNegative = kind is FigureKind.Count or FigureKind.Money or FigureKind.Duration;
            if (phrase.Vague)
            {
                (low, high, highInc) = (phrase.Low, phrase.High, false);
                switch (hedge)
                {
                    case HedgeKind.Above or HedgeKind.AtLeast:
                        high = null;
                        break;
                    case HedgeKind.AtMost or HedgeKind.Below:
                        low = 0;
                        break;
                }

                Add(figures, first, end, kind, null, low, high, lowInc, highInc, hedgePhrase, noun, currency);
                return end;
            }

            var v = phrase.Value;
            if (!double.IsFinite(v) || v > MaxValue)
            {
                // "hundred hundred hundred…": no real figure, and infinities would break JSON writers.
                Add(figures, first, end, FigureKind.Other, null, null, null, true, true, null, null, null);
                return end;
            }

            var r = v >= 10 && v == Math.Floor(v) ? Roundness(v) : phrase.Roundness;
            switch (hedge)
            {
                case HedgeKind.Exact:
                    (low, high) = (v, v);
                    break;
                case HedgeKind.Approximate:
                    {
                        var half = Math.Min(r / 2, 0.15 * v);
                        (low, high) = (v - half, v + half);
                        break;
                    }

                case HedgeKind.JustBelow:
                    (low, high, highInc) = (0.9 * v, v, false);
                    break;
                case HedgeKind.JustAbove:
                    (low, lowInc, high) = (v, false, 1.1 * v);
                    break;
                case HedgeKind.Above:
                    (low, lowInc, high) = (v, false, null);
                    break;
                case HedgeKind.AtLeast:
                    (low, high) = (v, null);
                    break;
                case HedgeKind.AtMost:
                    (low, high) = (nonNegative ? 0 : null, v);
                    break;
                case HedgeKind.Below:
                    (low, high, highInc) = (nonNegative ? 0 : null, v, false);
                    break;
                default:
                    {
                        var half = r <= 1 ? 0 : Math.Min(r / 2, 0.05 * v);

                        // Durations are spoken rounded to their unit: "four hours" may be 3h40.
                        if (kind == FigureKind.Duration)
                        {
                            half = Math.Max(half, Math.Min(0.5, 0.1 * v));
                        }

                        (low, high) = (v - half, v + half);
                        break;
                    }
            }

            Add(figures, first, end, kind, v, low, high, lowInc, highInc, hedgePhrase, noun, currency);
            return end;
        }

        private bool IsPercentAt(int j, out int end)
        {
            end = j;
            var t = tokens[j];
            if (t.Kind == TokenKind.Punct && text[t.Start] == '%')
            {
                end = j + 1;
                return true;
            }

            if (t.Kind != TokenKind.Word)
            {
                return false;
            }

            var w = t.Span(text);
            if (Words.Is(w, "percent") || Words.Is(w, "pct"))
            {
                end = j + 1;
                if (end + 1 < tokens.Count && Words.Is(tokens[end].Span(text), "points"))
                {
                    end++;
                }

                return true;
            }

            if (Words.Is(w, "per") && j + 1 < tokens.Count && Words.Is(tokens[j + 1].Span(text), "cent"))
            {
                end = j + 2;
                return true;
            }

            if (Words.Is(w, "percentage") && j + 1 < tokens.Count && Words.Is(tokens[j + 1].Span(text), "points"))
            {
                end = j + 2;
                return true;
            }

            return false;
        }

        private bool IsUnitAhead(int j)
        {
            var t = tokens[j];
            if (t.Kind == TokenKind.Word)
            {
                return FigureLexicon.IsDurationUnit(t.Span(text)) || NumberWordParser.DigitScale(t.Span(text)) > 0;
            }

            return IsJoined(j - 1, '-', TokenKind.Word, 0) && FigureLexicon.IsDurationUnit(tokens[j + 1].Span(text));
        }

        /// <summary>Whether token <paramref name="i"/> is followed, with no spaces, by <paramref name="mark"/> and a
        /// token of <paramref name="kind"/> (of <paramref name="length"/> characters when not 0).</summary>
        private bool IsJoined(int i, char mark, TokenKind kind, int length)
        {
            if (i < 0 || i + 2 >= tokens.Count)
            {
                return false;
            }

            var sep = tokens[i + 1];
            var after = tokens[i + 2];
            var markOk = sep.Kind == TokenKind.Punct && sep.Length == 1
                && (text[sep.Start] == mark || (mark == '-' && Tokenizer.IsHyphen(text[sep.Start])));
            return markOk && sep.Start == tokens[i].End && after.Start == sep.End && after.Kind == kind
                && (length == 0 || after.Length == length);
        }

        private int TryMonthFirstDate(int i)
        {
            var j = i + 1;
            if (j < tokens.Count && tokens[j].Kind == TokenKind.Punct && text[tokens[j].Start] == '.' && tokens[i].Length <= 4)
            {
                j++;
            }

            if (j >= tokens.Count || tokens[j].Kind != TokenKind.Number)
            {
                return i;
            }

            var day = tokens[j].Span(text);
            if (day.Length <= 2 && int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31)
            {
                j++;
                if (j < tokens.Count && tokens[j].Kind == TokenKind.Word && tokens[j].Start == tokens[j - 1].End && IsOrdinalSuffix(tokens[j].Span(text)))
                {
                    j++;
                }

                if (j + 1 < tokens.Count && text[tokens[j].Start] == ',' && IsYearToken(j + 1))
                {
                    j += 2;
                }
                else if (j < tokens.Count && IsYearToken(j))
                {
                    j++;
                }

                return j;
            }

            return IsYearToken(j) && Words.IsCapitalized(tokens[i].Span(text)) ? j + 1 : i;
        }

        private bool IsYearToken(int j) =>
            j < tokens.Count && tokens[j].Kind == TokenKind.Number && tokens[j].Length == 4
            && int.TryParse(tokens[j].Span(text), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1000 and <= 2100;

        private int TryTime(int i)
        {
            var j = i + 1;
            if (IsJoined(i, ':', TokenKind.Number, 2) && tokens[i].Length <= 2)
            {
                j = i + 3;
                while (IsJoined(j - 1, ':', TokenKind.Number, 2))
                {
                    j += 2;
                }
            }

            if (j < tokens.Count && tokens[j].Kind == TokenKind.Word)
            {
                var w = tokens[j].Span(text);
                if (Words.Is(w, "a.m.") || Words.Is(w, "p.m.") || Words.Is(w, "am") || Words.Is(w, "pm")
                    || Words.Is(w, "GMT") || Words.Is(w, "UTC") || Words.Is(w, "ET") || Words.Is(w, "BST") || Words.Is(w, "CET"))
                {
                    if (Words.Is(w, "am") && tokens[j].Start != tokens[j - 1].End)
                    {
                        return j > i + 1 ? j : i;
                    }

                    return j + 1;
                }
            }

            return j > i + 1 ? j : i;
        }

        // Digit groups joined by hyphens, dots or spaces with seven or more digits, or led by '+': a phone number.
        private int TryPhone(int i)
        {
            var plus = i > 0 && tokens[i - 1].Kind == TokenKind.Punct && text[tokens[i - 1].Start] == '+' && tokens[i - 1].End == tokens[i].Start;
            var digits = CountDigits(tokens[i].Span(text));
            var groups = 1;
            var j = i;
            while (j + 2 < tokens.Count && tokens[j + 2].Kind == TokenKind.Number
                && (IsJoined(j, '-', TokenKind.Number, 0) || IsJoined(j, '.', TokenKind.Number, 0)))
            {
                digits += CountDigits(tokens[j + 2].Span(text));
                groups++;
                j += 2;
            }

            if ((groups >= 2 && digits >= 7) || (plus && digits >= 7))
            {
                return j + 1;
            }

            return i;
        }

        // Digits glued to letters or a slash ("113talks", "/113", "G7") are identifiers, not figures; glued
        // suffixes that make figures ("3bn", "2nd", "1990s", "10am") are exempt.
        /// <returns>0 when not glued, 1 when glued to what precedes, 2 when a word is glued after.</returns>
        private int Glued(int i)
        {
            var t = tokens[i];
            if (i > 0 && tokens[i - 1].End == t.Start)
            {
                var prev = tokens[i - 1];
                if (prev.Kind == TokenKind.Word || (prev.Kind == TokenKind.Punct && text[prev.Start] is '/' or '\\' or '#' or '_' or '@'))
                {
                    return 1;
                }
            }

            if (i + 1 < tokens.Count && tokens[i + 1].Start == t.End && tokens[i + 1].Kind == TokenKind.Word)
            {
                var w = tokens[i + 1].Span(text);
                var isFigureSuffix = NumberWordParser.DigitScale(w) > 0 || IsOrdinalSuffix(w) || w is "s" || Words.Is(w, "am") || Words.Is(w, "pm")
                    || Words.Is(w, "a.m.") || Words.Is(w, "p.m.") || Words.Is(w, "percent") || Words.Is(w, "pct");
                return isFigureSuffix ? 0 : 2;
            }

            return 0;
        }

        // "3-1" (a score) is Other; "10-15 people" is a count range.
        private int TryScoreOrRange(int i, List<Figure> figures)
        {
            if (tokens[i].Length > 3 || !IsJoined(i, '-', TokenKind.Number, 0) || tokens[i + 2].Length > 3
                || (i + 3 < tokens.Count && tokens[i + 3].Start == tokens[i + 2].End && tokens[i + 3].Kind != TokenKind.Punct))
            {
                return i;
            }

            var a = ParseDigits(tokens[i].Span(text), out _);
            var b = ParseDigits(tokens[i + 2].Span(text), out _);
            var noun = FindNoun(i + 3, skipOf: false);
            if (a < b && noun is not null)
            {
                Add(figures, i, i + 3, FigureKind.Count, null, a, b, true, true, null, noun, null);
            }
            else
            {
                Add(figures, i, i + 3, FigureKind.Other, null, null, null, true, true, null, null, null);
            }

            return i + 3;
        }

        // "Pope Francis, 87, told…": a bare number between commas right after a name is an age.
        private bool IsAgeAfterName(int i)
        {
            return i >= 2 && i + 1 < tokens.Count && tokens[i].Length <= 3
                && tokens[i - 1].Kind == TokenKind.Punct && text[tokens[i - 1].Start] == ','
                && tokens[i + 1].Kind == TokenKind.Punct && text[tokens[i + 1].Start] is ',' or '.'
                && tokens[i - 2].Kind == TokenKind.Word && Words.IsCapitalized(tokens[i - 2].Span(text))
                && FigureLexicon.Month(tokens[i - 2].Span(text)) == 0;
        }

        private bool IsNamePart(int i)
        {
            if (i == 0)
            {
                return false;
            }

            var prev = tokens[i - 1];
            if (prev.Kind == TokenKind.Punct && Tokenizer.IsHyphen(text[prev.Start]) && prev.End == tokens[i].Start
                && i > 1 && tokens[i - 2].Kind == TokenKind.Word && tokens[i - 2].End == prev.Start)
            {
                return true;
            }

            if (prev.Kind != TokenKind.Word)
            {
                return false;
            }

            var w = prev.Span(text);
            if (!Words.IsCapitalized(w) || Stopwords.Contains(w) || FigureLexicon.Month(w) > 0
                || HedgeLexicon.MatchBefore(text, tokens, i).Kind != HedgeKind.None || NumberWordParser.IsNumberWord(w))
            {
                return false;
            }

            // The first word of a sentence is capitalised anyway.
            return i > 1 && !(tokens[i - 2].Kind == TokenKind.Punct && text[tokens[i - 2].Start] is '.' or '"' or '\u201C');
        }

        private bool IsDeterminerBefore(int i)
        {
            if (i == 0 || tokens[i - 1].Kind != TokenKind.Word)
            {
                return false;
            }

            var w = tokens[i - 1].Span(text);
            return Words.Is(w, "the") || Words.Is(w, "a") || Words.Is(w, "an") || Words.Is(w, "its") || Words.Is(w, "his")
                || Words.Is(w, "her") || Words.Is(w, "their") || Words.Is(w, "our") || Words.Is(w, "this") || Words.Is(w, "that")
                || Words.Is(w, "every") || Words.Is(w, "each") || Words.Is(w, "my") || Words.Is(w, "your")
                || (w.Length > 2 && Tokenizer.IsApostrophe(w[^2]) && (w[^1] == 's' || w[^1] == 'S'));
        }

        /// <summary>The head noun of the noun phrase starting at token <paramref name="j"/>, as printed.</summary>
        /// <remarks>Walks at most four content words (hyphenated compounds count as one), stops at function words and
        /// punctuation, and ends early on a plural-looking word ("troops have amassed"): the head is the last word taken.</remarks>
        private string? FindNoun(int j, bool skipOf)
        {
            if (skipOf && j < tokens.Count && tokens[j].Kind == TokenKind.Word && Words.Is(tokens[j].Span(text), "of"))
            {
                j++;
                if (j < tokens.Count && tokens[j].Kind == TokenKind.Word
                    && (Words.Is(tokens[j].Span(text), "the") || Words.Is(tokens[j].Span(text), "its") || Words.Is(tokens[j].Span(text), "their")))
                {
                    j++;
                }
            }

            string? head = null;
            var taken = 0;
            while (j < tokens.Count && taken < 4)
            {
                var t = tokens[j];
                if (t.Kind != TokenKind.Word)
                {
                    break;
                }

                var w = t.Span(text);
                if (Stopwords.Contains(w) || FigureLexicon.Month(w) > 0)
                {
                    break;
                }

                // "combat-ready": a compound is one word; its last part decides.
                var last = j;
                while (IsJoined(last, '-', TokenKind.Word, 0))
                {
                    last += 2;
                }

                var lastWord = tokens[last].Span(text);
                head = last == j ? w.ToString() : text[t.Start..tokens[last].End];
                taken++;
                j = last + 1;
                // A plural ends the phrase ("troops have amassed"), unless it is a capitalised modifier
                // followed by more of the phrase ("Windows devices").
                if (FigureLexicon.LooksPlural(Words.StripPossessive(lastWord))
                    && !(Words.IsCapitalized(lastWord) && j < tokens.Count && tokens[j].Kind == TokenKind.Word
                        && !Words.IsCapitalized(tokens[j].Span(text)) && !Stopwords.Contains(tokens[j].Span(text))
                        && !SpeechVerbs.IsSpeechVerb(tokens[j].Span(text))))
                {
                    break;
                }
            }

            return head;
        }

        private void Add(List<Figure> figures, int firstToken, int endToken, FigureKind kind, double? value, double? low, double? high,
            bool lowInclusive, bool highInclusive, string? hedge, string? noun, string? currency)
        {
            var start = tokens[firstToken].Start;
            var end = tokens[Math.Min(endToken, tokens.Count) - 1].End;
            figures.Add(new Figure
            {
                Start = start,
                End = end,
                Text = text[start..end],
                Kind = kind,
                Value = value,
                Low = low,
                High = high,
                LowInclusive = low is null || lowInclusive,
                HighInclusive = high is null || highInclusive,
                Hedge = hedge,
                Currency = currency,
                Noun = noun,
                Context = ClauseContext.Build(text, tokens, firstToken, Math.Min(endToken, tokens.Count)),
                PassageIndex = passageIndex,
            });
        }
    }

    private static bool IsOrdinalSuffix(ReadOnlySpan<char> w) =>
        Words.Is(w, "st") || Words.Is(w, "nd") || Words.Is(w, "rd") || Words.Is(w, "th");

    private static int CountDigits(ReadOnlySpan<char> s)
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

    /// <summary>Parses "100,000", "10 000", "3.25"; <paramref name="roundness"/> is the unit of the last
    /// non-zero digit (1000 for "3,000", 0.01 for "3.25").</summary>
    private static double ParseDigits(ReadOnlySpan<char> digits, out double roundness)
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

        var value = double.Parse(buffer[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (decimals > 0)
        {
            roundness = Math.Pow(10, -decimals);
            return value;
        }

        roundness = Roundness(value);
        return value;
    }

    /// <summary>The largest power of ten (up to 10^15) dividing an integral value; 1 below 10.</summary>
    private static double Roundness(double value)
    {
        var roundness = 1.0;
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
