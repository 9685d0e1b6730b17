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
