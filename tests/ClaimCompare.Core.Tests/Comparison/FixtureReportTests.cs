using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Support;

namespace ClaimCompare.Core.Tests.Comparison;

/// <summary>The end-to-end golden test: what a fact-checker must see in the report on the five fixtures.</summary>
public class FixtureReportTests
{
    private static readonly Lazy<ComparisonReport> Report = new(() => new ComparisonReportBuilder().Build(FixtureCorpus.RussiaNato2022));

    private static IEnumerable<Finding> Findings(FindingKind kind) => Report.Value.Findings.Where(f => f.Kind == kind);

    private static Finding SingleWithClaim(FindingKind kind, string claimText) =>
        Assert.Single(Findings(kind), f => f.Evidence.Any(e => e.Claim.Text.Contains(claimText, StringComparison.Ordinal)));

    private static string[] Documents(Finding finding) => finding.Evidence.Select(e => e.Document).Distinct().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void All_five_sources_agree_on_about_100000_russian_troops_near_the_border()
    {
        var agree = SingleWithClaim(FindingKind.Agree, "close to 100,000");

        Assert.Equal(["000", "001", "002", "003", "004"], Documents(agree));
        Assert.Contains(agree.Evidence, e => e.Document == "004" && e.Claim.Text == "nearly 100,000");
        Assert.Contains(agree.Evidence, e => e.Document == "001" && e.Claim.Text == "some 100,000");
        Assert.Contains(agree.Evidence, e => e.Document == "003" && e.Claim.Text == "an estimated 100,000");
        Assert.DoesNotContain(agree.Evidence, e => e.Claim.Text.Contains("10,000", StringComparison.Ordinal) && !e.Claim.Text.Contains("100,000", StringComparison.Ordinal));
    }

    [Fact]
    public void The_drills_of_3000_and_the_exercises_of_more_than_10000_troops_conflict_with_date_and_place()
    {
        var conflict = SingleWithClaim(FindingKind.Conflict, "about 3,000");

        Assert.Equal(["001", "003"], Documents(conflict));
        var exercises = Assert.Single(conflict.Evidence, e => e.Document == "001");
        Assert.Equal("More than 10,000", exercises.Claim.Text);
        Assert.Equal("More than 10,000 Russian troops in southern Russia began military exercises Wednesday.", exercises.Sentence.Text);
        Assert.Contains("Wednesday", exercises.Context, StringComparison.Ordinal);
        Assert.Contains("southern Russia", exercises.Context, StringComparison.Ordinal);
        var drills = Assert.Single(conflict.Evidence, e => e.Document == "003");
        Assert.Contains("Tuesday", drills.Context, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_about_different_things_are_never_conflicts()
    {
        foreach (var conflict in Findings(FindingKind.Conflict))
        {
            var claims = conflict.Evidence.Select(e => e.Claim.Text).ToList();
            Assert.False(claims.Any(c => c.Contains("100,000", StringComparison.Ordinal)), "the 100,000 buildup is not the 10,000 in exercises: " + string.Join(" | ", claims));
            Assert.DoesNotContain(claims, c => c.Contains("2014", StringComparison.Ordinal) || c.Contains("2019", StringComparison.Ordinal));
            Assert.DoesNotContain(claims, c => c.Contains("four", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Sherman_is_deputy_secretary_of_state_in_three_sources_and_assistant_in_one()
    {
        var conflict = Assert.Single(Findings(FindingKind.RoleConflict), f => f.Topic.Contains("Sherman", StringComparison.Ordinal));

        Assert.Contains(conflict.Evidence, e => e.Document == "004" && e.Value == "assistant secretary of state");
        Assert.Contains(conflict.Evidence, e => e.Document == "000" && e.Value == "deputy secretary of state");
        Assert.Contains(conflict.Evidence, e => e.Document == "001" && e.Value == "deputy secretary of state");
    }

    [Fact]
    public void Stoltenbergs_easy_discussion_quote_is_a_variant_with_a_word_diff()
    {
        var variant = SingleWithClaim(FindingKind.QuoteVariant, "This is not an easy discussion");

        Assert.Equal(["001", "004"], Documents(variant));
        Assert.Contains(variant.Evidence, e => e.Claim.Text.Contains("It was not an easy discussion", StringComparison.Ordinal));
        Assert.Contains(variant.Diff, d => d.Kind == DiffKind.Deleted && d.Text.Contains("This", StringComparison.Ordinal));
        Assert.Contains(variant.Diff, d => d.Kind == DiffKind.Inserted && d.Text.Contains("It", StringComparison.Ordinal));
    }

    [Fact]
    public void Shermans_non_starters_and_unachievable_are_one_statement_in_different_words()
    {
        var variant = SingleWithClaim(FindingKind.QuoteVariant, "simply unachievable");

        Assert.Contains(variant.Evidence, e => e.Document == "000" && e.Claim.Text.Contains("simply non-starters", StringComparison.Ordinal));
        Assert.Contains(variant.Diff, d => d.Kind == DiffKind.Deleted && d.Text.Contains("non-starters", StringComparison.Ordinal));
        Assert.Contains(variant.Diff, d => d.Kind == DiffKind.Inserted && d.Text.Contains("unachievable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("four hours", new[] { "000", "001", "004" })]
    [InlineData("30", new[] { "000", "001", "004" })]
    [InlineData("2008", new[] { "003", "004" })]
    [InlineData("2014", new[] { "000", "004" })]
    public void Sources_agree_on_the_meeting_length_the_30_members_the_2008_promise_and_the_2014_annexation(string claim, string[] documents)
    {
        var agree = Assert.Single(Findings(FindingKind.Agree), f => f.Evidence.Any(e => e.Claim.Text.StartsWith(claim, StringComparison.Ordinal)));

        Assert.Equal(documents, Documents(agree));
    }

    [Fact]
    public void Every_piece_of_evidence_quotes_the_source_exactly()
    {
        var texts = FixtureCorpus.RussiaNato2022.ToDictionary(d => d.Id, d => d.OriginalText);
        foreach (var evidence in Report.Value.Findings.SelectMany(f => f.Evidence))
        {
            var original = texts[evidence.Document];
            Assert.Equal(original[evidence.Sentence.Start..evidence.Sentence.End], evidence.Sentence.Text);
            Assert.Equal(original[evidence.Claim.Start..evidence.Claim.End], evidence.Claim.Text);
            Assert.InRange(evidence.Claim.Start, evidence.Sentence.Start, evidence.Sentence.End);
        }
    }

    [Fact]
    public void Findings_are_ranked_conflicts_first_then_by_confidence()
    {
        var kinds = Report.Value.Findings.Select(f => f.Kind).ToList();
        var order = new[] { FindingKind.Conflict, FindingKind.RoleConflict, FindingKind.QuoteVariant, FindingKind.Update, FindingKind.Agree, FindingKind.SingleSource };

        Assert.Equal(kinds.OrderBy(k => Array.IndexOf(order, k)), kinds);
        Assert.All(Report.Value.Findings, f => Assert.InRange(f.Confidence, 0, 1));
    }

    [Fact]
    public void The_report_is_the_same_whatever_the_order_of_the_sources()
    {
        var reversed = new ComparisonReportBuilder().Build(FixtureCorpus.RussiaNato2022.Reverse().ToList());

        Assert.Equal(JsonReportRenderer.ToJson(Report.Value), JsonReportRenderer.ToJson(reversed));
    }
}
