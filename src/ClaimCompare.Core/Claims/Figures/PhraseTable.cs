namespace ClaimCompare.Core.Claims.Figures;

/// <summary>Word sequences matched against the token stream, longest first: "per cent", "degrees celsius", "Hong Kong dollars".</summary>
/// <typeparam name="T">What a phrase stands for.</typeparam>
/// <remarks>Entries are indexed by their first word, so a lookup costs one dictionary probe and a few comparisons;
/// a case-sensitive entry ("C" for Celsius, "Mb" for megabit) only matches its exact spelling.</remarks>
internal sealed class PhraseTable<T>
{
    private readonly Dictionary<string, List<Entry>> _byFirst = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>One phrase: its words, whether case matters, caller-defined flag bits, and its value.</summary>
    public sealed record Entry(string[] Words, bool CaseSensitive, int Flags, T Value);

    /// <summary>Adds a phrase; longer phrases are tried first.</summary>
    public void Add(string[] words, bool caseSensitive, int flags, T value)
    {
        if (words.Length == 0)
        {
            return;
        }

        if (!_byFirst.TryGetValue(words[0], out var list))
        {
            _byFirst[words[0]] = list = [];
        }

        list.Add(new Entry(words, caseSensitive, flags, value));
        list.Sort(static (a, b) => b.Words.Length.CompareTo(a.Words.Length));
    }

    /// <summary>The longest phrase starting at token <paramref name="i"/> with none of the <paramref name="excluded"/> flag bits.</summary>
    /// <returns>The entry and the index after it, or null.</returns>
    public (Entry Entry, int End)? Match(FigureScan scan, int i, int excluded = 0)
    {
        if (i >= scan.Count || scan.Tokens[i].Kind == TokenKind.Number)
        {
            return null;
        }

        var lookup = _byFirst.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(scan.Span(i), out var list))
        {
            return null;
        }

        foreach (var entry in list)
        {
            if (i + entry.Words.Length > scan.Count)
            {
                continue;
            }

            var ok = true;
            for (var k = 0; k < entry.Words.Length && ok; k++)
            {
                var span = scan.Span(i + k);
                ok = entry.CaseSensitive
                    ? span.SequenceEqual(entry.Words[k])
                    : span.Equals(entry.Words[k], StringComparison.OrdinalIgnoreCase);
            }

            if (ok && (entry.Flags & excluded) == 0)
            {
                return (entry, i + entry.Words.Length);
            }
        }

        return null;
    }
}
