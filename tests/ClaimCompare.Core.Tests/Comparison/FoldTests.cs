using ClaimCompare.Benchmarks.Comparison;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Comparison;

/// <summary>Folding copies before alignment changes the cost, not what a reviewer learns.</summary>
public class FoldTests
{
    private static readonly Lazy<StoryCorpus> Story = new(() => StoryCorpus.Generate(80, FixtureCorpus.RussiaNato2022, seed: 11, changeRate: 0.15));

    private static IReadOnlyList<Finding> Align(IReadOnlyList<ProcessedDocument> documents, bool fold)
    {
        var claims = ClaimExtractor.ExtractAll(documents);
        var links = ComparisonReportBuilder.LinksOf(new NearDuplicateDetector().Detect(documents));
        return new ClaimAligner(new ComparisonOptions { FoldCopies = fold, MaxFindingsPerDocument = 0, MaxFindings = 0 }).Align(claims, links);
    }

    private static SortedSet<string> Documents(Finding finding) =>
        new(finding.Evidence.SelectMany(e => e.Documents()), StringComparer.Ordinal);

    [Fact]
    public void A_reprint_that_changed_a_figure_still_conflicts_with_the_folded_original()
    {
        const string Sentence = "The talks come as Russia's massing of some 100,000 troops along its border with Ukraine stokes fears of a new attack.";
        const string Opening = "NATO and Russian officials met in Brussels on Wednesday for talks that yielded no new agreements on security.";
        var documents = new List<ProcessedDocument>();
        for (var i = 0; i < 40; i++)
        {
            var sentence = i == 17 ? Sentence.Replace("some 100,000", "some 200,000", StringComparison.Ordinal) : Sentence;
            documents.Add(new TextPipeline().Process(new SourceDocument($"r{i:D3}", Opening + "\n\n" + sentence)
            {
                Outlet = $"outlet-{i}.example",
                Date = new DateOnly(2022, 1, 13).AddDays(i % 3),
            }));
        }

        var report = new ComparisonReportBuilder().Build(documents);

        var conflict = Assert.Single(report.Findings, f => f.Kind == FindingKind.Conflict);
        Assert.Contains("some 200,000 troops", conflict.Explanation, StringComparison.Ordinal);
        Assert.Contains(" vs ", conflict.Explanation, StringComparison.Ordinal);
        Assert.Contains("(39 sources)", conflict.Explanation, StringComparison.Ordinal);

        // Two wordings, not forty entries: the changed reprint alone, and the original with its 38 copies.
        Assert.Equal(2, conflict.Evidence.Count);
        var changed = Assert.Single(conflict.Evidence, e => e.Claim.Text == "some 200,000");
        Assert.Equal("r017", changed.Document);
        Assert.Empty(changed.Copies);
        var original = Assert.Single(conflict.Evidence, e => e.Claim.Text == "some 100,000");
        Assert.Equal("r000", original.Document);
        Assert.Equal(38, original.Copies.Count);
        Assert.DoesNotContain(original.Documents(), d => d == "r017");
        Assert.All(original.Copies, c => Assert.Equal("some 100,000", documents.Single(d => d.Id == c.Document).OriginalText[c.Start..c.End]));
    }

    [Fact]
    public void Folded_and_unfolded_alignments_find_the_same_conflicts_between_the_same_documents()
    {
        var documents = Story.Value.Documents;
        var folded = Align(documents, fold: true);
        var unfolded = Align(documents, fold: false);

        string Key(Finding f) => f.Kind + ": " + string.Join(",", Documents(f));
        Assert.Equal(
            unfolded.Where(f => f.Kind is FindingKind.Conflict or FindingKind.RoleConflict).Select(Key).Order(StringComparer.Ordinal),
            folded.Where(f => f.Kind is FindingKind.Conflict or FindingKind.RoleConflict).Select(Key).Order(StringComparer.Ordinal));

        // Folded evidence is smaller: one entry per wording, however many documents print it.
        Assert.True(folded.Sum(f => f.Evidence.Count) < unfolded.Sum(f => f.Evidence.Count));

        // Every claim that is evidence somewhere still is, as a representative or as a copy.
        static SortedSet<string> Claims(IEnumerable<Finding> findings) => new(
            findings.SelectMany(f => f.Evidence).SelectMany(e => e.Copies.Select(c => $"{c.Document}@{c.Start}").Append($"{e.Document}@{e.Claim.Start}")),
            StringComparer.Ordinal);
        var (u, fo) = (Claims(unfolded), Claims(folded));
        Assert.True(u.SetEquals(fo), "only unfolded: " + string.Join(" ", u.Except(fo)) + " only folded: " + string.Join(" | ", fo.Except(u).Select(k => { var f = folded.First(x => x.Evidence.Any(e => e.Document + "@" + e.Claim.Start == k || e.Copies.Any(c => c.Document + "@" + c.Start == k))); return k + " " + f.Kind + " " + f.Explanation + " " + string.Join(";", f.Evidence.Select(e => e.Document + ":" + e.Claim.Text + "+" + e.Copies.Count)); })));
    }
}
