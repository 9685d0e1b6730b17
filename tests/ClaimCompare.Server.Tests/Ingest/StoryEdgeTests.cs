using ClaimCompare.Core.Comparison;
using ClaimCompare.Server.Ingest;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Tests.Ingest;

/// <summary>Which near-duplicate links join two articles' stories (rows of Reuters results tables, 3 March 1987).</summary>
public class StoryEdgeTests
{
    private static NearDuplicateEdge Edge(string a, string b, string kind) =>
        new("x", 1, new SourceSpan(0, a.Length, a), "y", 1, new SourceSpan(0, b.Length, b), 0.8, 0.8, 0.9, kind);

    [Fact]
    public void Rows_of_two_companies_results_tables_do_not_join_their_stories()
    {
        Assert.False(IngestService.StoryEdge(Edge("Net loss 53,412,000 vs profit 4,479,000", "Net loss 166,000 vs profit 580,000", "near-verbatim")));
        Assert.False(IngestService.StoryEdge(Edge("Shr loss 2.07 dlrs vs profit 36 cts", "Shr loss 1.93 dlrs vs profit 16 cts", "near-verbatim")));
        Assert.False(IngestService.StoryEdge(Edge("CHILEAN CONSUMER PRICES RISE 1.7 PCT IN FEBRUARY", "ITALY CONSUMER PRICES RISE 0.4 PCT IN FEBRUARY", "edited")));
    }

    [Fact]
    public void A_copy_a_row_that_shares_a_figure_and_prose_without_figures_join_their_stories()
    {
        Assert.True(IngestService.StoryEdge(Edge("Revs 16.4 mln vs 19.6 mln", "Revs 16.4 mln vs 19.6 mln", "verbatim")));
        Assert.True(IngestService.StoryEdge(Edge("Net profit 6,600,000 vs profit 12.2 mln", "Net profit 6,600,000 vs profit 12,231,000", "near-verbatim")));
        Assert.True(IngestService.StoryEdge(Edge(
            "They declined to disclose details of the negotiations, but said it would be unrealistic to expect an outcome until next week at the earliest.",
            "They declined to disclose details of the talks.", "edited")));
    }
}
