using System.Globalization;
using ClaimCompare.Benchmarks.Comparison;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Comparison;

/// <summary>
/// The service aligns each new article with a focus on it; its findings must be exactly the full alignment's
/// findings that involve the article, on real text.
/// </summary>
public class FocusedAlignmentTests
{
    [Fact]
    public void Focused_alignment_of_each_fixture_equals_the_full_alignment_filtered_to_it()
    {
        AssertEquivalent(FixtureCorpus.RussiaNato2022, FixtureCorpus.RussiaNato2022.Select(d => d.Id));
    }

    [Fact]
    public void Focused_alignment_equals_the_full_alignment_on_a_generated_story_with_changed_figures()
    {
        var story = StoryCorpus.Generate(60, FixtureCorpus.RussiaNato2022, seed: 7, changeRate: 0.2);
        Assert.NotEmpty(story.ChangedFigures);
        AssertEquivalent(story.Documents, story.Documents.Take(25).Select(d => d.Id));
    }

    [Fact]
    public void Focus_on_a_document_without_claims_in_common_yields_nothing()
    {
        var documents = FixtureCorpus.RussiaNato2022.ToList();
        const string Text = "The village fete raised money for the church roof. Volunteers baked cakes all week.";
        documents.Add(new TextPipeline().Process(new SourceDocument("unrelated", Text)));
        var claims = ClaimExtractor.ExtractAll(documents);

        var findings = new ClaimAligner().Align(claims, PassageLinks.None, "unrelated");

        Assert.DoesNotContain(findings, f => f.Kind != FindingKind.SingleSource);
    }

    [Fact]
    public void Focus_on_a_long_quote_heavy_article_compares_none_of_its_own_wordings_with_one_another()
    {
        var article = new TextPipeline().Process(new SourceDocument("heavy", QuoteHeavy(300, seed: 1)));
        var claims = ClaimExtractor.ExtractAll([article]);
        Assert.True(claims[0].Quotes.Count > 400, $"{claims[0].Quotes.Count} quotes");
        var cache = new QuoteRatioCache();
        var findings = new List<Finding>();

        new QuoteAligner(new ComparisonOptions { IncludeSingleSource = false }, PassageLinks.None, cache).Align(claims, findings, "heavy");

        // Wordings of one article can never be one statement printed by two sources: no ratio is worth computing.
        Assert.Equal(0, cache.Count);
        Assert.Empty(findings);
    }

    [Fact]
    public void Focused_alignment_equals_the_full_alignment_on_two_long_quote_heavy_articles()
    {
        // Hundreds of wordings per speaker: past the block size where every pair is compared, so candidates are blocked.
        var documents = new[]
        {
            new TextPipeline().Process(new SourceDocument("a", QuoteHeavy(300, seed: 1))),
            new TextPipeline().Process(new SourceDocument("b", QuoteHeavy(300, seed: 1, changeEvery: 7))),
        };
        var claims = ClaimExtractor.ExtractAll(documents);
        var aligner = new ClaimAligner(new ComparisonOptions { IncludeSingleSource = false, FoldCopies = false });
        var full = aligner.Align(claims, PassageLinks.None);
        Assert.Contains(full, f => f.Kind == FindingKind.QuoteVariant);

        var expected = full.Where(f => f.Evidence.Any(e => e.Document == "b")).Select(Canonical).Order(StringComparer.Ordinal).ToList();
        var actual = aligner.Align(claims, PassageLinks.None, "b").Select(Canonical).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, actual);
    }

    /// <summary>Paragraphs of two attributed quotes with figures (as the service benchmark's quote-heavy article);
    /// with <paramref name="changeEvery"/>, every so many paragraphs reword the first quote.</summary>
    private static string QuoteHeavy(int paragraphs, int seed, int changeEvery = 0)
    {
        string[] names = ["Jens Stoltenberg", "Dmitry Peskov", "Wendy Sherman", "Sergei Ryabkov"];
        string[] roles = ["NATO secretary-general", "Kremlin spokesman", "deputy secretary of state", "deputy foreign minister"];
        string[] nouns = ["troops", "tanks", "soldiers", "aircraft"];
        var random = new Random(seed);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < paragraphs; i++)
        {
            var k = random.Next(names.Length);
            var other = names[(k + 1) % names.Length].Split(' ')[1];
            var seen = changeEvery > 0 && i % changeEvery == 0 ? "We have clearly observed" : "We have seen";
            text.Append(CultureInfo.InvariantCulture,
                $"\"{seen} {1000 + random.Next(199_000):N0} {nouns[random.Next(nouns.Length)]} near the border, and talks on day {i} did not change that,\" {names[k]}, the {roles[k]}, said on Monday. \"This is not an easy discussion about {2 + random.Next(88)} issues,\" {other} added.\n\n");
        }

        return text.ToString();
    }

    private static void AssertEquivalent(IReadOnlyList<ProcessedDocument> documents, IEnumerable<string> focuses)
    {
        var claims = ClaimExtractor.ExtractAll(documents);
        var links = ComparisonReportBuilder.LinksOf(new NearDuplicateDetector().Detect(documents));
        // A focused alignment never folds copies; the full one it must equal is the unfolded one.
        var aligner = new ClaimAligner(new ComparisonOptions { IncludeSingleSource = false, FoldCopies = false });
        var full = aligner.Align(claims, links);
        Assert.Contains(full, f => f.Kind == FindingKind.Conflict);
        Assert.Contains(full, f => f.Kind == FindingKind.QuoteVariant);
        var compared = 0;
        foreach (var focus in focuses)
        {
            var expected = full.Where(f => f.Evidence.Any(e => e.Document == focus)).Select(Canonical).Order(StringComparer.Ordinal).ToList();
            var actual = aligner.Align(claims, links, focus).Select(Canonical).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, actual);
            compared += expected.Count;
        }

        Assert.True(compared > 0, "no finding involved any focus document");
    }

    private static string Canonical(Finding finding) => string.Join(
        " | ",
        finding.Kind,
        finding.Topic,
        finding.Confidence.ToString("R", CultureInfo.InvariantCulture),
        finding.Explanation,
        string.Join(", ", finding.Evidence.Select(e => $"{e.Document}@{e.Claim.Start}-{e.Claim.End}:{e.Value}")),
        string.Join("", finding.Diff.Select(d => $"[{d.Kind}:{d.Text}]")));
}
