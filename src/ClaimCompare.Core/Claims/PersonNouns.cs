namespace ClaimCompare.Core.Claims;

/// <summary>Nouns that name a person: "the 34-year-old", "the Frenchman", "the nine-time race winner", "the judge".</summary>
/// <remarks>The list (Data/person-nouns.tsv) holds generic nouns and demonyms; the title heads of
/// <see cref="TitleLexicon"/>, nationalities used as nouns ("the Russian") and ages ("34-year-old") count too.</remarks>
internal static class PersonNouns
{
    private static readonly HashSet<string> Nouns = Load();

    private static HashSet<string> Load()
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var stream = typeof(PersonNouns).Assembly.GetManifestResourceStream("ClaimCompare.Core.Claims.Data.person-nouns.tsv")
            ?? throw new InvalidOperationException("The embedded person-noun list is missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                set.Add(tab < 0 ? line : line[..tab]);
            }
        }

        return set;
    }

    /// <summary>Whether <paramref name="word"/> (a noun phrase's head, possessive stripped) names a person.</summary>
    public static bool IsPersonNoun(ReadOnlySpan<char> word) =>
        Nouns.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word) || TitleLexicon.IsHead(word) || IsAge(word)
        || (TitleLexicon.Nationality(word) is { Length: > 0 } && word.Length > 2);

    /// <summary>"34-year-old", "20-year-old".</summary>
    public static bool IsAge(ReadOnlySpan<char> word) => word.EndsWith("year-old", StringComparison.OrdinalIgnoreCase)
        || word.EndsWith("year\u2011old", StringComparison.OrdinalIgnoreCase);
}
