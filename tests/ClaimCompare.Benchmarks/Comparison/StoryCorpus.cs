using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Comparison;

/// <summary>
/// A generated story: many articles about one event, rebuilt from the fixtures' own sentences the way
/// outlets rework wire copy, with known truth about which figures were changed.
/// </summary>
/// <remarks>
/// Article i starts from fixture i mod 5, drops a quarter of its sentences, borrows a few from the other
/// fixtures, swaps synonyms ("drills"/"exercises", "talks"/"discussions") and approximate hedges ("close
/// to"/"nearly"/"some"/"an estimated"), all of which must still agree; and with a small probability
/// multiplies a figure of 1,000 or more by 3 to 6 (or divides it), which is a real conflict with every
/// other source. The fixtures' own conflict (about 3,000 against more than 10,000 troops) is in the
/// corpus too. Deterministic for a seed (SplitMix64).
/// </remarks>
internal sealed partial class StoryCorpus
{
    private static readonly string[][] Synonyms =
    [
        ["drills", "exercises"], ["talks", "discussions"], ["amassed", "gathered"], ["borders", "border"],
        ["said", "stated"], ["demands", "requests"], ["meeting", "summit"],
    ];

    private static readonly string[] ApproximateHedges = ["close to", "nearly", "some", "an estimated", "about", "roughly", "almost"];

    public List<ProcessedDocument> Documents { get; } = [];

    /// <summary>Changed figures: document id and the span of the new number in its original text.</summary>
    public List<(string Document, int Start, int End, string Text)> ChangedFigures { get; } = [];

    public long TextBytes { get; private set; }

    public static StoryCorpus Generate(int articles, IReadOnlyList<ProcessedDocument> fixtures, ulong seed = 20220112, double changeRate = 0.05)
    {
        var corpus = new StoryCorpus();
        var random = new SplitMix64(seed);
        var sentences = new List<string>[fixtures.Count];
        for (var f = 0; f < fixtures.Count; f++)
        {
            sentences[f] = [];
            foreach (var passage in fixtures[f].Passages)
            {
                if (passage.Kind == PassageKind.Sentence)
                {
                    sentences[f].Add(passage.Normalized);
                }
            }
        }

        var pipeline = new TextPipeline();
        for (var i = 0; i < articles; i++)
        {
            var id = i.ToString("D4", CultureInfo.InvariantCulture);
            var text = new StringBuilder();
            var changes = new List<(int Start, int End, string Text)>();
            var own = sentences[i % fixtures.Count];
            var inParagraph = 0;
            foreach (var original in own)
            {
                if (random.NextDouble() < 0.25)
                {
                    continue;
                }

                var sentence = original;
                if (random.NextDouble() < 0.1)
                {
                    var other = sentences[random.NextInt(fixtures.Count)];
                    sentence = other[random.NextInt(other.Count)];
                }

                sentence = Rework(sentence, ref random, changeRate, out var changed);
                if (inParagraph > 0 && (inParagraph >= 3 || random.NextDouble() < 0.4))
                {
                    text.Append("\n\n");
                    inParagraph = 0;
                }
                else if (inParagraph > 0)
                {
                    text.Append(' ');
                }

                if (changed is { } number)
                {
                    var at = sentence.IndexOf(number, StringComparison.Ordinal);
                    changes.Add((text.Length + at, text.Length + at + number.Length, number));
                }

                text.Append(sentence);
                inParagraph++;
            }

            var body = text.ToString();
            corpus.TextBytes += Encoding.UTF8.GetByteCount(body);
            var date = new DateOnly(2022, 1, 10).AddDays(i % 10);
            corpus.Documents.Add(pipeline.Process(new SourceDocument(id, body) { Date = date, Outlet = "outlet-" + (i % 60).ToString(CultureInfo.InvariantCulture) }));
            foreach (var (start, end, number) in changes)
            {
                corpus.ChangedFigures.Add((id, start, end, number));
            }
        }

        return corpus;
    }

    private static string Rework(string sentence, ref SplitMix64 random, double changeRate, out string? changed)
    {
        changed = null;
        foreach (var pair in Synonyms)
        {
            if (random.NextDouble() < 0.3)
            {
                var from = pair[random.NextInt(2)];
                var to = pair[0] == from ? pair[1] : pair[0];
                sentence = Regex.Replace(sentence, $@"\b{from}\b", to, RegexOptions.CultureInvariant);
            }
        }

        var hedged = Hedged().Match(sentence);
        if (hedged.Success && random.NextDouble() < 0.5)
        {
            var hedge = ApproximateHedges[random.NextInt(ApproximateHedges.Length)];
            var replacement = (char.IsUpper(hedged.Value[0]) ? char.ToUpperInvariant(hedge[0]) + hedge[1..] : hedge) + " ";
            sentence = sentence[..hedged.Index] + replacement + sentence[(hedged.Index + hedged.Groups[1].Length + 1)..];
        }

        var big = BigNumber().Match(sentence);
        if (big.Success && random.NextDouble() < changeRate)
        {
            var value = double.Parse(big.Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var factor = 3 + random.NextInt(4);
            var updated = random.NextDouble() < 0.5 ? value * factor : Math.Round(value / factor / 100) * 100;
            changed = updated.ToString("#,0", CultureInfo.InvariantCulture);
            sentence = sentence[..big.Index] + changed + sentence[(big.Index + big.Length)..];
        }

        return sentence;
    }

    [GeneratedRegex(@"\b(close to|nearly|some|an estimated|about|roughly|almost|Close to|Nearly|Some|An estimated|About|Roughly|Almost) (?=\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Hedged();

    [GeneratedRegex(@"\b\d{1,3}(?:,\d{3})+\b", RegexOptions.CultureInvariant)]
    private static partial Regex BigNumber();
}
