using System.Buffers;

namespace ClaimCompare.Core.Ingest;

/// <summary>Tells whether text that should be an article's prose is really an HTML or XML page.</summary>
/// <remarks>
/// This is the one line between a page and text: where it answers true, the CLI and the service read the input as a
/// page and extract its main content (<see cref="HtmlArticleExtractor"/>); where it answers false, the input is prose,
/// and the odd inline tag in it ("&lt;b&gt;Update:&lt;/b&gt; talks resume") is the text pipeline's to deal with.
/// </remarks>
public static class MarkupDetector
{
    /// <summary>Share of characters inside tags above which text counts as markup.</summary>
    public const double MarkupShareThreshold = 0.25;

    private static readonly SearchValues<char> TagOrLineBreak = SearchValues.Create("<>\n");

    /// <summary>
    /// True when <paramref name="text"/> starts like an HTML document (a doctype, <c>&lt;html</c>, <c>&lt;?xml</c>)
    /// or when more than <see cref="MarkupShareThreshold"/> of its characters lie inside tags.
    /// </summary>
    /// <param name="text">Decoded text of any length; scanned once.</param>
    /// <returns>Whether the text is mostly markup.</returns>
    public static bool LooksLikeMarkup(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        long inTags = 0;
        var tags = 0;
        var tagStart = -1;
        var i = 0;
        while (true)
        {
            // Only '<', '>' and line breaks matter; the vectorised search skips the prose between them.
            var next = text[i..].IndexOfAny(TagOrLineBreak);
            if (next < 0)
            {
                break;
            }

            i += next;
            var c = text[i];
            if (c == '<' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] is '/' or '!'))
            {
                tagStart = i;
            }
            else if (c == '>' && tagStart >= 0)
            {
                inTags += i - tagStart + 1;
                tags++;
                tagStart = -1;
            }
            else if (c == '\n')
            {
                // A tag never spans paragraphs in prose; a stray '<' must not swallow the rest.
                tagStart = -1;
            }

            i++;
        }

        return tags >= 3 && inTags > text.Length * MarkupShareThreshold;
    }
}
