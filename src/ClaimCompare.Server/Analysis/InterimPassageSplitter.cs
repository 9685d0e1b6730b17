using System.Text;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Server.Analysis;

/// <summary>
/// Splits text into paragraphs and sentences with exact spans in the original text.
/// </summary>
/// <remarks>
/// Interim until Core's <c>TextPipeline</c> lands: a deliberately simple rule (a sentence ends at
/// . ! or ? followed by white space and a capital, digit or quote, unless the word before is a common
/// abbreviation), no boilerplate removal, no dateline handling.
/// </remarks>
internal static class InterimPassageSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "jr", "sr", "no", "vs", "prof", "capt", "maj",
        "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "u.s", "u.k", "e.g", "i.e",
    };

    public const string Name = "interim-sentence-splitter/v1";

    public static ProcessedDocument Process(SourceDocument document)
    {
        var text = document.Text;
        var passages = new List<Passage>();
        var paragraph = 0;
        var position = 0;
        while (position < text.Length)
        {
            var end = NextParagraphBreak(text, position, out var next);
            var (start, stop) = Trim(text, position, end);
            if (start < stop)
            {
                SplitParagraph(text, start, stop, paragraph, passages);
                paragraph++;
            }

            position = next;
        }

        return new ProcessedDocument(document.Id, text, passages, [])
        {
            Path = document.Path,
            Date = document.Date,
            Outlet = document.Outlet,
        };
    }

    /// <summary>End of the paragraph starting at <paramref name="start"/>: a blank line, or a line break after a heading-like line.</summary>
    private static int NextParagraphBreak(string text, int start, out int next)
    {
        var i = start;
        while (i < text.Length)
        {
            if (text[i] == '\n')
            {
                var j = i + 1;
                while (j < text.Length && text[j] is ' ' or '\t' or '\r')
                {
                    j++;
                }

                if (j >= text.Length || text[j] == '\n')
                {
                    next = j;
                    return i;
                }
            }

            i++;
        }

        next = text.Length;
        return text.Length;
    }

    private static void SplitParagraph(string text, int start, int end, int paragraph, List<Passage> passages)
    {
        var sentenceStart = start;
        for (var i = start; i < end; i++)
        {
            if (text[i] is not ('.' or '!' or '?'))
            {
                continue;
            }

            var j = i + 1;
            while (j < end && text[j] is '"' or '\'' or ')' or '\u201D' or '\u2019')
            {
                j++;
            }

            if (j >= end || !char.IsWhiteSpace(text[j]))
            {
                continue;
            }

            var k = j;
            while (k < end && char.IsWhiteSpace(text[k]))
            {
                k++;
            }

            if (k >= end || !(char.IsUpper(text[k]) || char.IsDigit(text[k]) || text[k] is '"' or '\u201C' or '\''))
            {
                continue;
            }

            if (text[i] == '.' && IsAbbreviation(text, sentenceStart, i))
            {
                continue;
            }

            Add(text, sentenceStart, j, paragraph, passages);
            sentenceStart = k;
            i = k - 1;
        }

        Add(text, sentenceStart, end, paragraph, passages);
    }

    private static bool IsAbbreviation(string text, int sentenceStart, int period)
    {
        var w = period;
        while (w > sentenceStart && !char.IsWhiteSpace(text[w - 1]))
        {
            w--;
        }

        var word = text.AsSpan(w, period - w).TrimStart("\"'(\u201C");
        return word.Length == 1 && char.IsUpper(word[0]) || Abbreviations.Contains(word.ToString());
    }

    private static void Add(string text, int start, int end, int paragraph, List<Passage> passages)
    {
        (start, end) = Trim(text, start, end);
        if (start >= end)
        {
            return;
        }

        var raw = text[start..end];
        var last = raw[^1];
        var kind = raw.Length <= 160 && !raw.Contains('\n', StringComparison.Ordinal) && last is not ('.' or '!' or '?' or '"' or '\u201D' or ':')
            ? PassageKind.Heading
            : PassageKind.Sentence;
        passages.Add(new Passage(passages.Count, paragraph, kind, start, end, raw, Normalize(raw)));
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>NFKC, straight quotes, unified dashes, collapsed white space; case preserved.</summary>
    public static string Normalize(string raw)
    {
        var nfkc = raw.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(nfkc.Length);
        var space = false;
        foreach (var c in nfkc)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u2032' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u2033' => '"',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
