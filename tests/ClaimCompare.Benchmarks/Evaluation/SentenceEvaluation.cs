using System.Globalization;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Evaluation;

/// <summary>
/// Sentence segmentation against Evaluation/Sentences: each case is run through <see cref="TextPipeline"/> (boilerplate
/// rules off) and its passage starts are compared with the labelled sentence starts. A boundary is the start of every
/// sentence but the first; positions are compared after skipping whitespace and inline tags.
/// </summary>
internal static class SentenceEvaluation
{
    public static int Run(string[] paths, bool show)
    {
        var pipeline = new TextPipeline(new TextPipelineOptions { RemoveBoilerplate = false });
        var scores = new SortedDictionary<string, TextEvaluation.Score>(StringComparer.Ordinal);
        var cases = new SortedDictionary<string, (int Right, int All)>(StringComparer.Ordinal);
        var total = new TextEvaluation.Score();
        int allRight = 0, all = 0;
        foreach (var path in paths)
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var (cls, text, expected) = Parse(line);
                var document = pipeline.Process(new SourceDocument("case", text));
                var predicted = new SortedSet<int>();
                for (var i = 1; i < document.Passages.Count; i++)
                {
                    predicted.Add(Canonical(text, document.Passages[i].Start));
                }

                var gold = new SortedSet<int>();
                for (var i = 1; i < expected.Count; i++)
                {
                    gold.Add(Canonical(text, expected[i]));
                }

                if (!scores.TryGetValue(cls, out var score))
                {
                    score = new TextEvaluation.Score();
                    scores[cls] = score;
                }

                var tp = 0;
                foreach (var p in predicted)
                {
                    tp += gold.Contains(p) ? 1 : 0;
                }

                score.TruePositives += tp;
                score.FalsePositives += predicted.Count - tp;
                score.FalseNegatives += gold.Count - tp;
                total.TruePositives += tp;
                total.FalsePositives += predicted.Count - tp;
                total.FalseNegatives += gold.Count - tp;
                var right = predicted.SetEquals(gold);
                var (r, a) = cases.GetValueOrDefault(cls);
                cases[cls] = (r + (right ? 1 : 0), a + 1);
                allRight += right ? 1 : 0;
                all++;
                if (show && !right)
                {
                    Console.WriteLine($"[{cls}] expected:");
                    foreach (var s in Pieces(text, expected))
                    {
                        Console.WriteLine("   | " + s.Replace("\n", "⏎", StringComparison.Ordinal));
                    }

                    Console.WriteLine("  got:");
                    foreach (var p in document.Passages)
                    {
                        Console.WriteLine("   | " + p.Text.Replace("\n", "⏎", StringComparison.Ordinal));
                    }
                }
            }
        }

        Console.WriteLine($"sentences: {string.Join(", ", Array.ConvertAll(paths, Path.GetFileName))}: {all} cases");
        foreach (var (cls, score) in scores)
        {
            var (r, a) = cases[cls];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {cls,-14} cases {r,3}/{a,-3}  boundaries {score.Format()}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"all",-14} cases {allRight,3}/{all,-3}  boundaries {total.Format()}"));
        return 0;
    }

    /// <summary>Reads "class | s1 ‖ s2 ... @source": the raw text and the start of every labelled sentence.</summary>
    internal static (string Class, string Text, List<int> Starts) Parse(string line)
    {
        var bar = line.IndexOf(" | ", StringComparison.Ordinal);
        var cls = line[..bar];
        var body = line[(bar + 3)..];
        var at = body.LastIndexOf("   @", StringComparison.Ordinal);
        if (at >= 0)
        {
            body = body[..at];
        }

        var pieces = body.Split('‖');
        var text = new System.Text.StringBuilder();
        var starts = new List<int>();
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i].Replace("⏎", "\n", StringComparison.Ordinal);
            if (i > 0 && piece.StartsWith(' '))
            {
                // " ‖ " stands for one space between the sentences.
                piece = piece[1..];
            }

            var lead = 0;
            while (lead < piece.Length && char.IsWhiteSpace(piece[lead]))
            {
                lead++;
            }

            starts.Add(text.Length + lead);
            text.Append(piece);
        }

        return (cls, text.ToString().TrimEnd(), starts);
    }

    private static IEnumerable<string> Pieces(string text, List<int> starts)
    {
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : text.Length;
            yield return text[starts[i]..end].Trim();
        }
    }

    /// <summary>The position after any whitespace and inline tags at <paramref name="pos"/>.</summary>
    private static int Canonical(string text, int pos)
    {
        while (pos < text.Length)
        {
            if (char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }
            else if (text[pos] == '<' && text.IndexOf('>', pos) is var close and > 0 && close - pos < 40)
            {
                pos = close + 1;
            }
            else
            {
                break;
            }
        }

        return pos;
    }
}
