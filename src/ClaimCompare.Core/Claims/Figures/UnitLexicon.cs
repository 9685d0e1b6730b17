using System.Globalization;

namespace ClaimCompare.Core.Claims.Figures;

/// <summary>A unit of measure: its canonical symbol, dimension and factor to the dimension's base unit.</summary>
/// <param name="Symbol">The canonical unit ("km", "mph", "°C", "%", "h").</param>
/// <param name="Dimension">"time", "percent", "points", "length", "temperature", ...</param>
/// <param name="Factor">How many base units one unit is (60 for a minute in seconds); 1 where there is no common base.</param>
internal sealed record UnitInfo(string Symbol, string Dimension, double Factor)
{
    /// <summary>The figure kind the unit makes: a duration, a percentage or a measure.</summary>
    public FigureKind Kind => Dimension switch
    {
        "time" => FigureKind.Duration,
        "percent" => FigureKind.Percent,
        _ => FigureKind.Measure,
    };

    /// <summary>Whether values in this unit cannot be negative (all but temperatures and percentages).</summary>
    public bool NonNegative => Dimension is not ("temperature" or "percent");
}

/// <summary>The units of Data/units.tsv, matched after a number ("5 km", "5km", "5-km") or before it ("magnitude 5").</summary>
internal static class UnitLexicon
{
    /// <summary>Entry flag: only directly glued to the digits ("9in").</summary>
    public const int GluedOnly = 1;

    /// <summary>Entry flag: only after a period word ("the preceding three quarters").</summary>
    public const int TemporalOnly = 2;

    private static readonly PhraseTable<UnitInfo> After = new();
    private static readonly PhraseTable<UnitInfo> Before = new();

    private static readonly HashSet<string> PeriodWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "preceding", "previous", "past", "last", "next", "first", "coming", "following", "consecutive", "successive",
        "recent", "final", "latest", "straight",
    };

    static UnitLexicon()
    {
        foreach (var row in LexiconData.Rows("units.tsv"))
        {
            var info = new UnitInfo(row[1], row[2], double.Parse(row[3], CultureInfo.InvariantCulture));
            var caseSensitive = LexiconData.HasFlag(row, 4, "case");
            var flags = (LexiconData.HasFlag(row, 4, "glued") ? GluedOnly : 0) | (LexiconData.HasFlag(row, 4, "temporal") ? TemporalOnly : 0);
            var table = LexiconData.HasFlag(row, 4, "prefix") ? Before : After;
            table.Add(LexiconData.Words(row[0]), caseSensitive, flags, info);
        }
    }

    /// <summary>The unit starting at token <paramref name="i"/>, right after a number that ends at token <paramref name="i"/> - 1.</summary>
    /// <param name="scan">The passage.</param>
    /// <param name="i">The token after the number.</param>
    /// <param name="numberFirst">The number's first token, to check the period word of "three quarters".</param>
    /// <returns>The unit and the index after it, or null.</returns>
    public static (UnitInfo Unit, int End)? MatchAfter(FigureScan scan, int i, int numberFirst)
    {
        if (i >= scan.Count)
        {
            return null;
        }

        var excluded = scan.Glued(i - 1, i) ? 0 : GluedOnly;
        if (!(numberFirst > 0 && scan.IsWord(numberFirst - 1) && PeriodWords.Contains(scan.Tokens[numberFirst - 1].Text(scan.Text))))
        {
            excluded |= TemporalOnly;
        }

        var match = After.Match(scan, i, excluded);
        return match is { } m ? (m.Entry.Value, m.End) : null;
    }

    /// <summary>A unit printed before the number ("magnitude 5"), ending right before token <paramref name="numberFirst"/>.</summary>
    /// <returns>The unit and its first token, or null.</returns>
    public static (UnitInfo Unit, int First)? MatchBefore(FigureScan scan, int numberFirst)
    {
        if (numberFirst < 1 || !scan.IsWord(numberFirst - 1))
        {
            return null;
        }

        var match = Before.Match(scan, numberFirst - 1);
        return match is { } m && m.End == numberFirst ? (m.Entry.Value, numberFirst - 1) : null;
    }

    /// <summary>Whether the word at <paramref name="i"/> begins any unit (for the non-figure rules: "Hits 4-Wk" is a duration).</summary>
    public static bool StartsUnit(FigureScan scan, int i) => After.Match(scan, i, TemporalOnly) is not null;
}
