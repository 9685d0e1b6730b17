namespace ClaimCompare.Core.Claims;

/// <summary>The content words of the clause around a span of tokens: a figure's context.</summary>
/// <remarks>A clause runs to the nearest semicolon, colon, dash, bracket or quotation mark on each side, or
/// to a comma that opens a new clause ("…, where", "…, according to"); at most 24 tokens each way, so the
/// cost per figure is bounded.</remarks>
internal static class ClauseContext
{
    private const int MaxReach = 24;

    private static readonly HashSet<string> ClauseOpeners = new(StringComparer.OrdinalIgnoreCase)
    {
        "where", "which", "who", "while", "but", "although", "though", "whereas", "when", "according", "after",
        "before", "as", "because", "including", "despite", "since", "adding", "saying",
    };

    public static IReadOnlyList<string> Build(string text, List<Token> tokens, int first, int end)
    {
        var from = first;
        var reach = 0;
        while (from > 0 && reach < MaxReach && !IsBoundaryBefore(text, tokens, from))
        {
            from--;
            reach++;
        }

        var to = end;
        reach = 0;
        while (to < tokens.Count && reach < MaxReach && !IsBoundaryAt(text, tokens, to))
        {
            to++;
            reach++;
        }

        var keys = new List<string>();
        for (var k = from; k < to; k++)
        {
            if (k >= first && k < end)
            {
                continue;
            }

            var t = tokens[k];
            if (t.Kind != TokenKind.Word)
            {
                continue;
            }

            var w = t.Span(text);
            if (w.Length < 2 || Stopwords.Contains(Words.StripPossessive(w)) || NumberWordParser.IsNumberWord(w))
            {
                continue;
            }

            // Names are kept whole ("Jens", "Brussels"); only common words lose their plural.
            var key = Words.IsCapitalized(w) ? Words.Lower(Words.StripPossessive(w)) : Words.Key(w);
            if (key.Length > 1 && !keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    // Is there a clause boundary between token k-1 and token k?
    private static bool IsBoundaryBefore(string text, List<Token> tokens, int k)
    {
        var prev = tokens[k - 1];
        if (prev.Kind != TokenKind.Punct)
        {
            return false;
        }

        var c = text[prev.Start];
        if (IsHardBoundary(c))
        {
            return true;
        }

        return c == ',' && tokens[k].Kind == TokenKind.Word && ClauseOpeners.Contains(tokens[k].Text(text));
    }

    private static bool IsBoundaryAt(string text, List<Token> tokens, int k)
    {
        var t = tokens[k];
        if (t.Kind != TokenKind.Punct)
        {
            return false;
        }

        var c = text[t.Start];
        if (IsHardBoundary(c))
        {
            return true;
        }

        return c == ',' && k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.Word && ClauseOpeners.Contains(tokens[k + 1].Text(text));
    }

    private static bool IsHardBoundary(char c) =>
        c is ';' or ':' or '(' or ')' or '[' or ']' or '"' or '\u201C' or '\u201D' or '\u2014' or '\u2013' or '!' or '?'
        || (c == '.');
}
