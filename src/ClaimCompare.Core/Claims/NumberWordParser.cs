namespace ClaimCompare.Core.Claims;

/// <summary>A number read from words or digits: its value or range and how many tokens it used.</summary>
/// <param name="Value">The stated value; NaN for vague quantities.</param>
/// <param name="Low">Low end of a vague range (equal to <paramref name="Value"/> otherwise).</param>
/// <param name="High">High end of a vague range, exclusive for vague ranges.</param>
/// <param name="TokenCount">Tokens consumed from the start index.</param>
/// <param name="Vague">"dozens", "tens of thousands": a range rather than a value.</param>
/// <param name="Roundness">The unit the value was stated to (1 for "four", 1000 for "two thousand").</param>
internal readonly record struct NumberPhrase(double Value, double Low, double High, int TokenCount, bool Vague, double Roundness);

/// <summary>Reads English number words: "four", "thirty-five", "two dozen", "one hundred thousand",
/// "a dozen", "half a million", and the vague "dozens", "hundreds", "tens of thousands".</summary>
/// <remarks>
/// The classic accumulator: units add to the current group, "hundred" multiplies it, and a scale word
/// ("thousand", "million") closes the group into the total. Bare "one" and "a" are not numbers on their own
/// ("no one", "one day"): they count only before a scale word or "dozen", or before a unit of time.
/// </remarks>
internal static class NumberWordParser
{
    /// <summary>The most tokens one number in words may take.</summary>
    private const int MaxWords = 16;

    private static readonly Dictionary<string, int> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
        ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70,
        ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, double> Scales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["thousand"] = 1e3, ["million"] = 1e6, ["billion"] = 1e9, ["trillion"] = 1e12,
    };

    /// <summary>Scale words and suffixes that may follow digits: "1.5 million", "3bn", "£5m", "100k".</summary>
    private static readonly Dictionary<string, double> DigitScales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hundred"] = 1e2, ["thousand"] = 1e3, ["million"] = 1e6, ["billion"] = 1e9, ["trillion"] = 1e12,
        ["k"] = 1e3, ["m"] = 1e6, ["mn"] = 1e6, ["mln"] = 1e6, ["bn"] = 1e9, ["b"] = 1e9, ["bln"] = 1e9,
        ["tn"] = 1e12, ["tr"] = 1e12,
    };

    // A plural scale word S is [S, 10S): "thousands" is [1,000, 10,000), "dozens" [12, 120).
    private static readonly Dictionary<string, (double Low, double High)> VaguePlurals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dozens"] = (12, 120), ["scores"] = (20, 200), ["hundreds"] = (100, 1_000), ["thousands"] = (1_000, 10_000),
        ["millions"] = (1e6, 1e7), ["billions"] = (1e9, 1e10), ["trillions"] = (1e12, 1e13),
    };

    private static readonly Dictionary<string, int> OrdinalWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6,
        ["seventh"] = 7, ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12,
        ["thirteenth"] = 13, ["fourteenth"] = 14, ["fifteenth"] = 15, ["twentieth"] = 20, ["thirtieth"] = 30,
        ["fiftieth"] = 50, ["hundredth"] = 100,
    };

    /// <summary>The multiplier of a scale word or suffix after digits, or 0.</summary>
    public static double DigitScale(ReadOnlySpan<char> word) =>
        DigitScales.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var s) ? s : 0;

    /// <summary>The rank an ordinal word names, or 0.</summary>
    public static int Ordinal(ReadOnlySpan<char> word) =>
        OrdinalWords.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var n) ? n : 0;

    public static bool IsNumberWord(ReadOnlySpan<char> word) =>
        Units.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(word)
        || Tens.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(word)
        || Is(word, "hundred") || Is(word, "dozen") || Scales.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(word);

    /// <summary>Parses number words starting at <paramref name="index"/>.</summary>
    /// <returns>The phrase, or null when no number starts there.</returns>
    public static NumberPhrase? Parse(string text, List<Token> tokens, int index)
    {
        if (index >= tokens.Count || tokens[index].Kind != TokenKind.Word)
        {
            return null;
        }

        var first = tokens[index].Span(text);
        var vague = ParseVague(text, tokens, index);
        if (vague is not null)
        {
            return vague;
        }

        // "a dozen", "a hundred", "a million", "half a million", "half a year".
        if (Is(first, "a") || Is(first, "an"))
        {
            if (index + 1 < tokens.Count && tokens[index + 1].Kind == TokenKind.Word)
            {
                var next = tokens[index + 1].Span(text);
                if (Is(next, "dozen") || Is(next, "hundred") || Scales.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(next))
                {
                    var rest = ParseWords(text, tokens, index + 1, startValue: 1);
                    return rest is null ? null : rest.Value with { TokenCount = rest.Value.TokenCount + 1 };
                }
            }

            return null;
        }

        if (Is(first, "half") && index + 2 < tokens.Count && tokens[index + 1].Kind == TokenKind.Word
            && (Is(tokens[index + 1].Span(text), "a") || Is(tokens[index + 1].Span(text), "an")))
        {
            var scaleToken = tokens[index + 2];
            if (scaleToken.Kind == TokenKind.Word)
            {
                var scaleWord = scaleToken.Span(text);
                if (Scales.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(scaleWord, out var scale))
                {
                    return new NumberPhrase(0.5 * scale, 0.5 * scale, 0.5 * scale, 3, false, 0.5 * scale);
                }

                if (Is(scaleWord, "dozen"))
                {
                    return new NumberPhrase(6, 6, 6, 3, false, 6);
                }
            }

            // "half a year": the unit follows, the caller reads it as a duration of 0.5.
            return new NumberPhrase(0.5, 0.5, 0.5, 2, false, 0.5);
        }

        return ParseWords(text, tokens, index, startValue: 0);
    }

    private static NumberPhrase? ParseVague(string text, List<Token> tokens, int index)
    {
        var first = tokens[index].Span(text);

        // "tens of thousands", "hundreds of millions".
        if ((Is(first, "tens") || Is(first, "hundreds")) && index + 2 < tokens.Count
            && Is(tokens[index + 1].Span(text), "of") && tokens[index + 2].Kind == TokenKind.Word)
        {
            var scaleWord = tokens[index + 2].Span(text);
            if (scaleWord.Length > 1 && (scaleWord[^1] == 's' || scaleWord[^1] == 'S')
                && Scales.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(scaleWord[..^1], out var plural))
            {
                // "tens of thousands" is [10,000, 100,000), "hundreds of millions" [1e8, 1e9).
                var unit = Is(first, "tens") ? 10 : 100;
                return new NumberPhrase(double.NaN, unit * plural, 10 * unit * plural, 3, true, unit * plural);
            }
        }

        // "several hundred", "a few thousand".
        var k = index;
        var few = false;
        if (Is(first, "several"))
        {
            k = index + 1;
        }
        else if (Is(first, "a") && index + 1 < tokens.Count && Is(tokens[index + 1].Span(text), "few"))
        {
            k = index + 2;
            few = true;
        }

        // "several hundred thousand" multiplies its scale words; "several" is [3S, 10S), "a few" [2S, 6S).
        double scale = 1;
        var end = k;
        while (end > index && end < tokens.Count && end < k + 3 && tokens[end].Kind == TokenKind.Word)
        {
            var scaleWord = tokens[end].Span(text);
            var s = Is(scaleWord, "hundred") ? 100
                : Is(scaleWord, "dozen") ? 12
                : Scales.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(scaleWord, out var found) ? found : 0;
            if (s == 0)
            {
                break;
            }

            scale *= s;
            end++;
        }

        if (end > k)
        {
            return new NumberPhrase(double.NaN, (few ? 2 : 3) * scale, (few ? 6 : 10) * scale, end - index, true, scale);
        }

        if (VaguePlurals.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(first, out var range))
        {
            return new NumberPhrase(double.NaN, range.Low, range.High, 1, true, range.Low);
        }

        return null;
    }

    private static NumberPhrase? ParseWords(string text, List<Token> tokens, int index, double startValue)
    {
        double total = 0;
        var current = startValue;
        var consumed = 0;
        var any = startValue > 0;
        var roundness = 1.0;
        var i = index;
        var lastWasUnitOrTens = false;
        // No number is written in more than a dozen words ("two hundred and fifty-three thousand four hundred and twelve");
        // the cap keeps a scan that tries every token linear on a page of number words.
        while (i < tokens.Count && total + current < 1e18 && consumed < MaxWords)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Word)
            {
                break;
            }

            var w = t.Span(text);
            if (Units.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(w, out var u))
            {
                if (lastWasUnitOrTens && (current % 10 != 0 || current % 100 == 10 || u >= 10))
                {
                    break;
                }

                current += u;
                roundness = 1;
                any = true;
                i++;
                consumed++;
                lastWasUnitOrTens = true;
                continue;
            }
            else if (Tens.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(w, out var tens))
            {
                if (lastWasUnitOrTens)
                {
                    break;
                }

                current += tens;
                roundness = 10;

                // "thirty-five": a hyphen joins tens and units.
                if (i + 2 < tokens.Count && tokens[i + 1].Kind == TokenKind.Punct && tokens[i + 1].Length == 1
                    && Tokenizer.IsHyphen(text[tokens[i + 1].Start]) && tokens[i + 1].Start == t.End
                    && tokens[i + 2].Start == tokens[i + 1].End && tokens[i + 2].Kind == TokenKind.Word
                    && Units.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(tokens[i + 2].Span(text), out var u2) && u2 is > 0 and < 10)
                {
                    current += u2;
                    roundness = 1;
                    i += 2;
                    consumed += 2;
                }

                any = true;
                i++;
                consumed++;
                lastWasUnitOrTens = true;
                continue;
            }
            else if (Is(w, "hundred"))
            {
                if (!any)
                {
                    break;
                }

                current = (current == 0 ? 1 : current) * 100;
                roundness = 100;
            }
            else if (Is(w, "dozen"))
            {
                if (!any)
                {
                    break;
                }

                current = (current == 0 ? 1 : current) * 12;
                roundness = 12;
            }
            else if (Scales.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(w, out var scale))
            {
                if (!any)
                {
                    break;
                }

                total += (current == 0 ? 1 : current) * scale;
                current = 0;
                roundness = scale;
            }
            else if (Is(w, "and") && any && i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Word
                && (Units.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(tokens[i + 1].Span(text))
                    || Tens.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(tokens[i + 1].Span(text)))
                && (total + current) >= 100)
            {
                // "two hundred and fifty".
            }
            else
            {
                break;
            }

            any = true;
            lastWasUnitOrTens = false;
            i++;
            consumed++;
        }

        if (!any || consumed == 0)
        {
            return null;
        }

        var value = total + current;
        return new NumberPhrase(value, value, value, consumed, false, roundness);
    }

    private static bool Is(ReadOnlySpan<char> a, string b) => Words.Is(a, b);
}
