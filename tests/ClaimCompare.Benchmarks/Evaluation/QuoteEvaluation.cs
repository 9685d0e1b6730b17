using System.Globalization;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Evaluation;

/// <summary>
/// Direct quotations and speakers against Evaluation/Quotes: each article goes through <see cref="TextPipeline"/> and
/// <see cref="ClaimExtractor.Extract"/>; a found quote matches a labelled one when their spans are equal (trailing
/// spaces and commas trimmed). Prints quote-text P/R/F1 per class, the share of named speakers that are right, and
/// quote-with-right-speaker P/R/F1.
/// </summary>
/// <remarks>Classes come from the text around each quote, for the labelled and the found ones alike:
/// <c>continued</c> (a paragraph of a quotation left open, or the paragraph after one), <c>partial</c> (a quote that
/// opens inside a sentence), <c>attributed</c> (a verb of saying follows in its sentence), <c>follow-on</c> (none does).</remarks>
internal static class QuoteEvaluation
{
    private static readonly string[] Classes = ["continued", "partial", "attributed", "follow-on"];

    public static int Run(string[] paths, bool show, string? only = null)
    {
        var pipeline = new TextPipeline();
        var byClass = new Dictionary<string, TextEvaluation.Score>(StringComparer.Ordinal);
        foreach (var c in Classes)
        {
            byClass[c] = new TextEvaluation.Score();
        }

        var text = new TextEvaluation.Score();
        var withSpeaker = new TextEvaluation.Score();
        int named = 0, namedRight = 0, namedAll = 0, described = 0, describedRight = 0, articles = 0;
        foreach (var path in paths)
        {
            foreach (var article in Parse(path))
            {
                if (only is not null && article.Id != only)
                {
                    continue;
                }

                articles++;
                var document = pipeline.Process(new SourceDocument(article.Id, article.Text));
                var claims = ClaimExtractor.Extract(document);
                var found = claims.Quotes;
                if (only is not null)
                {
                    Trace(document, claims);
                }

                var matched = new HashSet<int>();
                foreach (var gold in article.Quotes)
                {
                    var cls = ClassOf(article.Text, gold.Start, gold.End, article.Quotes);
                    var hit = -1;
                    for (var i = 0; i < found.Count; i++)
                    {
                        if (!matched.Contains(i) && Trim(article.Text, found[i].Start, found[i].End) == (gold.Start, gold.End))
                        {
                            hit = i;
                            break;
                        }
                    }

                    namedAll += gold.Kind == 'N' ? 1 : 0;
                    if (hit < 0)
                    {
                        text.FalseNegatives++;
                        withSpeaker.FalseNegatives++;
                        byClass[cls].FalseNegatives++;
                        if (show)
                        {
                            Console.WriteLine($"{article.Id} MISSED [{cls}] «{article.Text[gold.Start..gold.End]}» ({gold.Speaker})");
                        }

                        continue;
                    }

                    matched.Add(hit);
                    text.TruePositives++;
                    byClass[cls].TruePositives++;
                    var q = found[hit];
                    var right = SpeakerRight(gold, q);
                    if (gold.Kind == 'N')
                    {
                        named++;
                        namedRight += right ? 1 : 0;
                    }
                    else if (gold.Kind == 'D')
                    {
                        described++;
                        describedRight += right ? 1 : 0;
                    }

                    if (right)
                    {
                        withSpeaker.TruePositives++;
                    }
                    else
                    {
                        withSpeaker.FalsePositives++;
                        withSpeaker.FalseNegatives++;
                        if (show)
                        {
                            Console.WriteLine($"{article.Id} SPEAKER [{cls}] «{Short(q.Text)}» expected {gold.Speaker}, got {q.Speaker ?? "(none)"} / {q.SpeakerDescription ?? "-"}");
                        }
                    }
                }

                for (var i = 0; i < found.Count; i++)
                {
                    if (matched.Contains(i))
                    {
                        continue;
                    }

                    var (s, e) = Trim(article.Text, found[i].Start, found[i].End);
                    var cls = ClassOf(article.Text, s, e, article.Quotes);
                    text.FalsePositives++;
                    withSpeaker.FalsePositives++;
                    byClass[cls].FalsePositives++;
                    if (show)
                    {
                        Console.WriteLine($"{article.Id} SPURIOUS [{cls}] «{Short(found[i].Text)}» ({found[i].Speaker ?? found[i].SpeakerDescription ?? "-"})");
                    }
                }
            }
        }

        Console.WriteLine($"quotes: {string.Join(", ", Array.ConvertAll(paths, Path.GetFileName))}: {articles} articles, {text.TruePositives + text.FalseNegatives} labelled quotations");
        foreach (var c in Classes)
        {
            Console.WriteLine($"  text {c,-12} {byClass[c].Format()}");
        }

        Console.WriteLine($"  text {"all",-12} {text.Format()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  named speaker right: {namedRight}/{named} found quotes = {TextEvaluation.Ratio(namedRight, named):F3} ({namedRight}/{namedAll} of all labelled = {TextEvaluation.Ratio(namedRight, namedAll):F3})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  unnamed speaker kept as no name: {describedRight}/{described}"));
        Console.WriteLine($"  quote with right speaker {withSpeaker.Format()}");
        return 0;
    }

    /// <summary>Prints a document's passages, people and quotes (for <c>--article ID</c>, on dev only).</summary>
    private static void Trace(ProcessedDocument document, DocumentClaims claims)
    {
        foreach (var p in document.Passages)
        {
            Console.WriteLine($"passage {p.Index} (paragraph {p.Paragraph}) [{p.Start},{p.End}) «{Short(p.Text.Replace("\n", "⏎", StringComparison.Ordinal))}»");
        }

        foreach (var m in claims.People)
        {
            Console.WriteLine($"person {m.Name} «{m.Surface}» at {m.Start} (passage {m.PassageIndex}) role {m.RoleText ?? "-"}");
        }

        foreach (var q in claims.Quotes)
        {
            Console.WriteLine($"quote [{q.Start},{q.End}) passage {q.PassageIndex} «{Short(q.Text)}» → {q.Speaker ?? "(none)"} / {q.SpeakerDescription ?? "-"}");
        }
    }

    private static string Short(string s) => s.Length <= 70 ? s : s[..67] + "...";

    private static bool SpeakerRight(GoldQuote gold, Quote q)
    {
        if (gold.Kind != 'N')
        {
            return q.Speaker is null;
        }

        if (q.Speaker is null)
        {
            return false;
        }

        foreach (var alternative in gold.Speaker.Split('/'))
        {
            if (string.Equals(alternative.Trim(), q.Speaker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static (int, int) Trim(string text, int start, int end)
    {
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] == ','))
        {
            end--;
        }

        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        return (start, end);
    }

    private static string ClassOf(string text, int start, int end, List<GoldQuote> golds)
    {
        // Open: no closing mark right after the span; or the previous labelled quote was left open.
        var after = end;
        while (after < text.Length && text[after] == ',')
        {
            after++;
        }

        var closed = after < text.Length && text[after] is '"' or '\u201D' or '\u2019' or '\'';
        var previousOpen = false;
        foreach (var g in golds)
        {
            if (g.End < start)
            {
                var a = g.End;
                while (a < text.Length && text[a] == ',')
                {
                    a++;
                }

                previousOpen = !(a < text.Length && text[a] is '"' or '\u201D' or '\u2019' or '\'') && start - a < 4;
            }
        }

        if (!closed || previousOpen)
        {
            return "continued";
        }

        var before = start - 2;
        while (before >= 0 && text[before] == ' ')
        {
            before--;
        }

        if (before >= 0 && (char.IsLetterOrDigit(text[before]) || text[before] == ','))
        {
            return "partial";
        }

        // A verb of saying among the next eight words after the closing mark, before the sentence ends.
        var pos = after + 1;
        var words = 0;
        while (pos < text.Length && words < 8)
        {
            while (pos < text.Length && !char.IsLetter(text[pos]))
            {
                if (text[pos] is '.' or '"' or '?' or '!')
                {
                    return "follow-on";
                }

                pos++;
            }

            var w = pos;
            while (pos < text.Length && char.IsLetter(text[pos]))
            {
                pos++;
            }

            var word = text[w..pos];
            if (word is "said" or "says" or "added" or "told" or "asked" or "warned" or "saying" or "quoted" or "explained" or "insisted" or "claimed" or "stated")
            {
                return "attributed";
            }

            words++;
        }

        return "follow-on";
    }

    private sealed record GoldQuote(char Kind, string Speaker, int Start, int End);

    private sealed record Article(string Id, string Text, List<GoldQuote> Quotes);

    /// <summary>Reads the articles of one file: <c>@@ id | source</c>, the text (every line up to the first label, blank
    /// lines included, joined with line breaks; trailing blank lines dropped), then one <c>&gt; kind | speaker | words</c>
    /// line per quotation.</summary>
    private static IEnumerable<Article> Parse(string path)
    {
        string? id = null;
        List<string>? lines = null;
        string? text = null;
        var quotes = new List<GoldQuote>();
        var cursor = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                text ??= Join(lines);
                if (id is not null && text is not null)
                {
                    yield return new Article(id, text, quotes);
                }

                id = line[3..].Split(" | ")[0];
                lines = [];
                text = null;
                quotes = [];
                cursor = 0;
            }
            else if (line.StartsWith("> ", StringComparison.Ordinal) && lines is not null)
            {
                text ??= Join(lines);
                if (text is null)
                {
                    throw new FormatException($"{path}: {id}: a label before the article text");
                }

                var parts = line[2..].Split(" | ", 3);
                var words = parts[2];
                int start, end;
                var sep = words.IndexOf(" ~~ ", StringComparison.Ordinal);
                if (sep >= 0)
                {
                    start = text.IndexOf(words[..sep], cursor, StringComparison.Ordinal);
                    var suffix = words[(sep + 4)..];
                    end = start < 0 ? -1 : text.IndexOf(suffix, start, StringComparison.Ordinal);
                    end = end < 0 ? -1 : end + suffix.Length;
                }
                else
                {
                    start = text.IndexOf(words, cursor, StringComparison.Ordinal);
                    end = start < 0 ? -1 : start + words.Length;
                }

                if (start < 0 || end < 0)
                {
                    throw new FormatException($"{path}: {id}: quote not found in the text: {words}");
                }

                quotes.Add(new GoldQuote(parts[0][0], parts[1], start, end));
                cursor = start + 1;
            }
            else if (lines is not null && text is null && !(lines.Count == 0 && (line.Length == 0 || line[0] == '#')))
            {
                lines.Add(line);
            }
        }

        text ??= Join(lines);
        if (id is not null && text is not null)
        {
            yield return new Article(id, text, quotes);
        }
    }

    private static string? Join(List<string>? lines)
    {
        if (lines is null)
        {
            return null;
        }

        var n = lines.Count;
        while (n > 0 && (lines[n - 1].Length == 0 || lines[n - 1][0] == '#'))
        {
            n--;
        }

        return n == 0 ? null : string.Join('\n', lines.GetRange(0, n));
    }
}
