using System.Text;
using ClaimCompare.Core.Ingest;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Similarity;

/// <summary>
/// A deliberately simple stand-in for the text pipeline: one paragraph per non-empty line, sentences ending at
/// . ! ? (plus closing quotes) before whitespace and a capital, a digit or an opening quote, except after a
/// known abbreviation or a single capital (initials). Normalisation: straight quotes, hyphen for dashes,
/// collapsed whitespace.
/// </summary>
internal static class NaiveSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "U.S", "U.N", "U.K", "E.U",
    };

    public static ProcessedDocument Process(string id, string text, DateOnly? date = null, string? outlet = null)
    {
        var passages = new List<Passage>();
        var paragraph = 0;
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            if (!string.IsNullOrWhiteSpace(text[lineStart..lineEnd]))
            {
                SplitParagraph(text, lineStart, lineEnd, paragraph++, passages);
            }

            lineStart = lineEnd + 1;
        }

        return new ProcessedDocument(id, text, passages, []) { Date = date, Outlet = outlet };
    }

    public static IReadOnlyList<ProcessedDocument> LoadFixtures(string folder)
    {
        var manifest = SourceManifest.Parse(File.ReadAllText(Path.Combine(folder, SourceManifest.FileName)));
        var documents = new List<ProcessedDocument>();
        foreach (var entry in manifest.Documents)
        {
            var text = File.ReadAllText(Path.Combine(folder, entry.File), Encoding.UTF8);
            documents.Add(Process(entry.Id, text, entry.Date, entry.Outlet));
        }

        return documents;
    }

    public static string Normalize(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        var space = false;
        foreach (var c in raw)
        {
            var mapped = c switch
            {
                '\u2018' or '\u2019' => '\'',
                '\u201C' or '\u201D' => '"',
                '\u2013' or '\u2014' => '-',
                '\u00A0' => ' ',
                _ => c,
            };
            if (char.IsWhiteSpace(mapped))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(mapped);
        }

        return builder.ToString();
    }

    private static void SplitParagraph(string text, int start, int end, int paragraph, List<Passage> passages)
    {
        var sentenceStart = start;
        var first = passages.Count;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?'))
            {
                continue;
            }

            var j = i + 1;
            while (j < end && text[j] is '"' or '\u201D' or '\u2019' or '\'' or ')')
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

            if (c == '.' && IsAbbreviation(text, sentenceStart, i))
            {
                continue;
            }

            Add(text, sentenceStart, j, paragraph, passages, PassageKind.Sentence);
            sentenceStart = k;
            i = k - 1;
        }

        var kind = passages.Count == first && !EndsWithPunctuation(text, sentenceStart, end) ? PassageKind.Heading : PassageKind.Sentence;
        Add(text, sentenceStart, end, paragraph, passages, kind);
    }

    private static bool EndsWithPunctuation(string text, int start, int end)
    {
        var span = text.AsSpan(start, end - start).TrimEnd();
        span = span.TrimEnd("\"\u201D\u2019')");
        return span.Length > 0 && span[^1] is '.' or '!' or '?' or ':';
    }

    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var w = dot;
        while (w > sentenceStart && !char.IsWhiteSpace(text[w - 1]))
        {
            w--;
        }

        var word = text[w..dot].TrimStart('"', '\u201C', '(');
        return (word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word);
    }

    private static void Add(string text, int start, int end, int paragraph, List<Passage> passages, PassageKind kind)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end <= start)
        {
            return;
        }

        var raw = text[start..end];
        passages.Add(new Passage(passages.Count, paragraph, kind, start, end, raw, Normalize(raw)));
    }
}
