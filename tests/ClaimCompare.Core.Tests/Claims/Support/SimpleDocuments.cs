using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Claims.Support;

/// <summary>Builds ProcessedDocuments by hand for the claim tests: each non-blank line is a paragraph,
/// sentences end at . ! ? (after any closing quote) before whitespace and a capital, digit or opening quote.
/// A stand-in for TextPipeline, which lives on another branch.</summary>
internal static class SimpleDocuments
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "Mr", "Ms", "Mrs", "Dr", "St", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
        "Dec", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "No", "U.S", "Prof", "Inc", "Corp", "vs",
    };

    public static ProcessedDocument Create(string text, string id = "test")
    {
        var passages = new List<Passage>();
        var paragraph = 0;
        var i = 0;
        while (i < text.Length)
        {
            var lineEnd = text.IndexOf('\n', i);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            if (!string.IsNullOrWhiteSpace(text[i..lineEnd]))
            {
                SplitSentences(text, i, lineEnd, paragraph, passages);
                paragraph++;
            }

            i = lineEnd + 1;
        }

        return new ProcessedDocument(id, text, passages, []);
    }

    private static void SplitSentences(string text, int start, int end, int paragraph, List<Passage> passages)
    {
        var s = start;
        while (s < end && char.IsWhiteSpace(text[s]))
        {
            s++;
        }

        for (var i = s; i < end; i++)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?'))
            {
                continue;
            }

            var j = i + 1;
            while (j < end && text[j] is '"' or '\u201D' or '\u2019' or ')')
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

            if (k >= end || !(char.IsUpper(text[k]) || char.IsDigit(text[k]) || text[k] is '"' or '\u201C' or '\u2018'))
            {
                continue;
            }

            if (c == '.' && IsAbbreviation(text, s, i))
            {
                continue;
            }

            Add(text, s, j, paragraph, passages);
            s = k;
            i = k - 1;
        }

        var e = end;
        while (e > s && char.IsWhiteSpace(text[e - 1]))
        {
            e--;
        }

        if (e > s)
        {
            Add(text, s, e, paragraph, passages);
        }
    }

    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var w = dot;
        while (w > sentenceStart && (char.IsLetter(text[w - 1]) || text[w - 1] == '.'))
        {
            w--;
        }

        var word = text[w..dot];
        return (word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word);
    }

    private static void Add(string text, int start, int end, int paragraph, List<Passage> passages)
    {
        var raw = text[start..end];
        var kind = raw.Length < 90 && !(raw.EndsWith('.') || raw.EndsWith('"') || raw.EndsWith('\u201D')) ? PassageKind.Heading : PassageKind.Sentence;
        passages.Add(new Passage(passages.Count, paragraph, kind, start, end, raw, raw));
    }
}
