using System.Globalization;

namespace ClaimCompare.Core.Claims.Figures;

/// <summary>A currency: its ISO 4217 code and the factor from the printed unit (0.01 for pence and cents).</summary>
/// <param name="Code">ISO 4217 code.</param>
/// <param name="Factor">Multiplier to the main unit.</param>
/// <param name="Weak">Also an ordinary word ("won"): only after a scale word or a number of at least 100.</param>
/// <param name="Ambiguous">Also a unit of mass ("pounds").</param>
internal sealed record CurrencyInfo(string Code, double Factor, bool Weak, bool Ambiguous);

/// <summary>The currencies of Data/currencies.tsv: prefixes before the number ("$", "US$", "EUR", "euro4.4bn") and words
/// or codes after it ("3.2bn euros", "274.5p", "2 trillion won").</summary>
internal static class CurrencyLexicon
{
    private const int GluedOnly = 1;

    private static readonly Dictionary<string, (CurrencyInfo Info, bool Glued)> PrefixIgnoreCase = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, (CurrencyInfo Info, bool Glued)> PrefixExactCase = new(StringComparer.Ordinal);
    private static readonly PhraseTable<CurrencyInfo> Suffix = new();

    static CurrencyLexicon()
    {
        foreach (var row in LexiconData.Rows("currencies.tsv"))
        {
            var info = new CurrencyInfo(row[1], double.Parse(row[3], CultureInfo.InvariantCulture),
                LexiconData.HasFlag(row, 4, "weak"), LexiconData.HasFlag(row, 4, "ambiguous"));
            var glued = LexiconData.HasFlag(row, 4, "glued");
            var caseSensitive = LexiconData.HasFlag(row, 4, "case");
            if (row[2] == "prefix")
            {
                (caseSensitive ? PrefixExactCase : PrefixIgnoreCase)[string.Concat(LexiconData.Words(row[0]))] = (info, glued);
            }
            else
            {
                Suffix.Add(LexiconData.Words(row[0]), caseSensitive, glued ? GluedOnly : 0, info);
            }
        }
    }

    /// <summary>The currency printed right before the number at <paramref name="numberFirst"/>: up to three tokens glued to
    /// each other ("HK" "$", "U.S." "$"), glued to the number or, for a code or word, spaced ("EUR 13.1 mn").</summary>
    /// <returns>The currency and its first token, or null.</returns>
    public static (CurrencyInfo Info, int First)? MatchBefore(FigureScan scan, int numberFirst)
    {
        if (numberFirst < 1)
        {
            return null;
        }

        Span<char> key = stackalloc char[24];
        for (var k = Math.Min(3, numberFirst); k >= 1; k--)
        {
            var first = numberFirst - k;
            var length = 0;
            var ok = true;
            for (var t = first; t < numberFirst && ok; t++)
            {
                if (t > first && !scan.Glued(t - 1, t))
                {
                    ok = false;
                    break;
                }

                var span = scan.Span(t);
                if (scan.Tokens[t].Kind == TokenKind.Number || length + span.Length > key.Length)
                {
                    ok = false;
                    break;
                }

                span.CopyTo(key[length..]);
                length += span.Length;
            }

            if (!ok)
            {
                continue;
            }

            var text = key[..length];
            (CurrencyInfo Info, bool Glued) found;
            if (!PrefixExactCase.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out found)
                && !PrefixIgnoreCase.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out found))
            {
                continue;
            }

            var glued = scan.Glued(numberFirst - 1, numberFirst);
            var lastIsWord = scan.IsWord(numberFirst - 1) || scan.IsChar(numberFirst - 1, '.');
            if (glued || (lastIsWord && !found.Glued))
            {
                return (found.Info, first);
            }
        }

        return null;
    }

    /// <summary>The currency word or code starting at token <paramref name="i"/>, right after a number.</summary>
    /// <returns>The currency and the index after it, or null.</returns>
    public static (CurrencyInfo Info, int End)? MatchAfter(FigureScan scan, int i)
    {
        if (i >= scan.Count)
        {
            return null;
        }

        var match = Suffix.Match(scan, i, scan.Glued(i - 1, i) ? 0 : GluedOnly);
        return match is { } m ? (m.Entry.Value, m.End) : null;
    }

    /// <summary>Whether the word at token <paramref name="i"/> is a currency word ("dollars"), for "millions of dollars".</summary>
    public static bool IsCurrencyWord(FigureScan scan, int i) => Suffix.Match(scan, i, GluedOnly) is not null;
}
