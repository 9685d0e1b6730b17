using System.Globalization;
using System.Text;
using System.Text.Json;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Text;
using Xunit.Abstractions;

namespace ClaimCompare.Core.Tests.Claims;

/// <summary>Precision and recall of the extractors against the hand-labelled sentences in Labelled/labelled.json
/// (see Labelled/README.md). Prints the numbers and every disagreement.</summary>
public class LabelledEvaluationTests(ITestOutputHelper output)
{
    private const double Floor = 0.85;
    private const double HoldoutFloor = 0.75;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record LabelledFigure(string Text, string Kind, double? Low, double? High, string? Noun);

    private sealed record LabelledQuote(string Text, string? Speaker);

    private sealed record LabelledPerson(string Name, string? Role);

    private sealed record LabelledItem(string Id, string Text, List<LabelledFigure> Figures, List<LabelledQuote> Quotes, List<LabelledPerson> People);

    private sealed class Score
    {
        public int Predicted { get; set; }

        public int Expected { get; set; }

        public int Matched { get; set; }

        public double Precision => Predicted == 0 ? 1 : (double)Matched / Predicted;

        public double Recall => Expected == 0 ? 1 : (double)Matched / Expected;

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"P={Precision:F3} R={Recall:F3} (matched {Matched}, predicted {Predicted}, expected {Expected})");
    }

    private sealed class Ratio
    {
        public int Right { get; set; }

        public int Total { get; set; }

        public double Value => Total == 0 ? 1 : (double)Right / Total;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value:F3} ({Right}/{Total})");
    }

    private static List<LabelledItem> Load(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "tests", "ClaimCompare.Core.Tests", "Claims", "Labelled", file)))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var json = File.ReadAllText(Path.Combine(dir.FullName, "tests", "ClaimCompare.Core.Tests", "Claims", "Labelled", file));
        return JsonSerializer.Deserialize<List<LabelledItem>>(json, JsonOptions)!;
    }

    [Fact]
    public void Extractors_meet_the_precision_and_recall_floor_on_the_labelled_set() => Evaluate("labelled.json", minimumItems: 60, Floor);

    /// <summary>The hold-out set was labelled after the extractors were tuned on labelled.json and is never tuned on;
    /// its floor is lower because its misses are kept as found.</summary>
    [Fact]
    public void Extractors_meet_a_floor_on_the_held_out_set() => Evaluate("holdout.json", minimumItems: 25, HoldoutFloor);

    private void Evaluate(string file, int minimumItems, double floor)
    {
        var items = Load(file);
        Assert.True(items.Count >= minimumItems);
        var pipeline = new TextPipeline();
        var figuresFound = new Score();
        var figuresTyped = new Score();
        var intervals = new Ratio();
        var nouns = new Ratio();
        var quotesFound = new Score();
        var quotesAttributed = new Score();
        var people = new Score();
        var roles = new Ratio();
        var log = new StringBuilder();

        foreach (var item in items)
        {
            var claims = ClaimExtractor.Extract(pipeline.Process(new SourceDocument(item.Id, item.Text)));

            // Figures: matched one-to-one on their exact text.
            var predicted = claims.Figures.ToList();
            figuresFound.Predicted += predicted.Count;
            figuresTyped.Predicted += predicted.Count;
            figuresFound.Expected += item.Figures.Count;
            figuresTyped.Expected += item.Figures.Count;
            foreach (var e in item.Figures)
            {
                var p = predicted.FirstOrDefault(f => f.Text == e.Text);
                if (p is null)
                {
                    log.AppendLine(CultureInfo.InvariantCulture, $"{item.Id} FIGURE missed «{e.Text}» ({e.Kind})");
                    continue;
                }

                predicted.Remove(p);
                figuresFound.Matched++;
                var kind = p.Kind.ToString().ToLowerInvariant();
                if (kind != e.Kind)
                {
                    log.AppendLine(CultureInfo.InvariantCulture, $"{item.Id} FIGURE kind «{e.Text}» expected {e.Kind}, got {kind}");
                    continue;
                }

                figuresTyped.Matched++;
                if (e.Kind is "count" or "money" or "percent" or "duration" or "year" or "ordinal")
                {
                    intervals.Total++;
                    if (Close(e.Low, p.Low) && Close(e.High, p.High))
                    {
                        intervals.Right++;
                    }
                    else
                    {
                        log.AppendLine(CultureInfo.InvariantCulture, $"{item.Id} FIGURE interval «{e.Text}» expected [{e.Low}, {e.High}], got [{p.Low}, {p.High}]");
                    }
                }

                if (e.Noun is not null || p.Noun is not null)
                {
                    nouns.Total++;
                    if (string.Equals(e.Noun, p.Noun, StringComparison.OrdinalIgnoreCase))
                    {
                        nouns.Right++;
                    }
                    else
                    {
                        log.AppendLine(CultureInfo.InvariantCulture, $"{item.Id} FIGURE noun «{e.Text}» expected {e.Noun ?? "null"}, got {p.Noun ?? "null"}");
                    }
                }
            }

            foreach (var extra in predicted)
            {
                log.AppendLine(CultureInfo.InvariantCulture, $"{item.Id} FIGURE spurious «{extra.Text}» ({extra.Kind})");
            }

            // Quotes: matched on their text; attribution also needs the same speaker.
            var quotes = claims.Quotes.ToList();
            quotesFound.Predicted += quotes.Count;
            quotesAttributed.Predicted += quotes.Count;
            quotesFound.Expected += item.Quotes.Count;
            quotesAttributed.Expected += item.Quotes.Count;
            foreach (var e in item.Quotes)
            {
                var q = quotes.FirstOrDefault(x => x.Text == e.Text);
                if (q is null)
                {
                    log.AppendLine(CultureInfo.InvariantCulture, $"{item.Id} QUOTE missed «{e.Text}»");
                    continue;
                }

                quotes.Remove(q);
                quotesFound.Matched++;
                if (q.Speaker == e.Speaker)
                {
                    quotesAttributed.Matched++;
                }
                else
                {
                    log.AppendLine(CultureInfo.InvariantCulture, $"{item.Id} QUOTE speaker «{e.Text}» expected {e.Speaker ?? "null"}, got {q.Speaker ?? "null"}");
                }
            }

            foreach (var extra in quotes)
            {
                log.AppendLine(CultureInfo.InvariantCulture, $"{item.Id} QUOTE spurious «{extra.Text}»");
            }

            // People: distinct canonical names per item; a role is right when any mention carries it.
            var names = claims.People.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
            people.Predicted += names.Count;
            people.Expected += item.People.Count;
            foreach (var e in item.People)
            {
                if (!names.Remove(e.Name))
                {
                    log.AppendLine(CultureInfo.InvariantCulture, $"{item.Id} PERSON missed {e.Name}");
                    continue;
                }

                people.Matched++;
                if (e.Role is not null)
                {
                    roles.Total++;
                    var got = claims.People.Where(p => p.Name == e.Name && p.Role is not null).Select(p => p.Role).ToList();
                    if (got.Contains(e.Role))
                    {
                        roles.Right++;
                    }
                    else
                    {
                        log.AppendLine(CultureInfo.InvariantCulture, $"{item.Id} PERSON role {e.Name} expected «{e.Role}», got «{string.Join("|", got)}»");
                    }
                }
            }

            foreach (var extra in names)
            {
                log.AppendLine(CultureInfo.InvariantCulture, $"{item.Id} PERSON spurious {extra}");
            }
        }

        output.WriteLine($"{file}: {items.Count} items");
        output.WriteLine($"Figures found (same text):        {figuresFound}");
        output.WriteLine($"Figures typed (same text + kind): {figuresTyped}");
        output.WriteLine($"  interval accuracy of typed matches: {intervals}");
        output.WriteLine($"  noun accuracy of typed matches:     {nouns}");
        output.WriteLine($"Quotes found (same text):         {quotesFound}");
        output.WriteLine($"Quotes attributed (+ speaker):    {quotesAttributed}");
        output.WriteLine($"People (canonical name):          {people}");
        output.WriteLine($"  role accuracy of matched people:   {roles}");
        output.WriteLine(string.Empty);
        output.WriteLine(log.ToString());
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "claims-eval-" + file + ".txt"), string.Join(Environment.NewLine,
            $"figures found {figuresFound}", $"figures typed {figuresTyped}", $"intervals {intervals}", $"nouns {nouns}",
            $"quotes found {quotesFound}", $"quotes attributed {quotesAttributed}", $"people {people}", $"roles {roles}", log.ToString()));

        Assert.True(figuresTyped.Precision >= floor && figuresTyped.Recall >= floor, $"figures {figuresTyped}");
        Assert.True(intervals.Value >= floor, $"intervals {intervals}");
        Assert.True(quotesAttributed.Precision >= floor && quotesAttributed.Recall >= floor, $"quotes {quotesAttributed}");
        Assert.True(people.Precision >= floor && people.Recall >= floor, $"people {people}");
        Assert.True(nouns.Value >= floor - 0.1, $"nouns {nouns}");
        Assert.True(roles.Value >= floor - 0.1, $"roles {roles}");
    }

    private static bool Close(double? expected, double? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        return Math.Abs(expected.Value - actual.Value) <= 1e-6 * Math.Max(1, Math.Abs(expected.Value));
    }
}
