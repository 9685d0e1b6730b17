namespace ClaimCompare.Core.Claims.Figures;

/// <summary>The words of Data/directions.tsv that make a figure a change: verbs ("rose"), nouns ("a 40% drop"),
/// adverbs ("up 27%") and comparatives ("24% higher").</summary>
internal static class DirectionLexicon
{
    private static readonly Dictionary<string, (FigureDirection Direction, bool Transitive)> Verbs = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, FigureDirection> Nouns = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, FigureDirection> Adverbs = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, FigureDirection> Comparatives = new(StringComparer.OrdinalIgnoreCase);

    static DirectionLexicon()
    {
        foreach (var row in LexiconData.Rows("directions.tsv"))
        {
            var direction = row[1] == "up" ? FigureDirection.Up : FigureDirection.Down;
            switch (row[2])
            {
                case "verb":
                    Verbs[row[0]] = (direction, LexiconData.HasFlag(row, 3, "transitive"));
                    break;
                case "noun":
                    Nouns[row[0]] = direction;
                    break;
                case "adverb":
                    Adverbs[row[0]] = direction;
                    break;
                default:
                    Comparatives[row[0]] = direction;
                    break;
            }
        }
    }

    /// <summary>The direction of a movement verb ("rose", "slipped"), and whether it also takes a counted object.</summary>
    public static (FigureDirection Direction, bool Transitive) Verb(ReadOnlySpan<char> word) =>
        Verbs.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var v) ? v : (FigureDirection.None, false);

    /// <summary>The direction of a change noun ("rise", "drop", "growth"), or <see cref="FigureDirection.None"/>.</summary>
    public static FigureDirection Noun(ReadOnlySpan<char> word) =>
        Nouns.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var d) ? d : FigureDirection.None;

    /// <summary>The direction of "up" or "down" right before a figure.</summary>
    public static FigureDirection Adverb(ReadOnlySpan<char> word) =>
        Adverbs.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var d) ? d : FigureDirection.None;

    /// <summary>The direction of a comparative right after a figure ("higher", "less").</summary>
    public static FigureDirection Comparative(ReadOnlySpan<char> word) =>
        Comparatives.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var d) ? d : FigureDirection.None;
}
