using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Support;

/// <summary>The whole report pipeline on a few articles given as text, and helpers to read its findings in assertions.</summary>
internal static class ArticleReports
{
    private static readonly TextPipeline Pipeline = new();

    /// <summary>The findings of one report over the articles, each with its date and outlet.</summary>
    public static IReadOnlyList<Finding> Findings(IEnumerable<(string Id, string Text, DateOnly Date, string Outlet)> articles)
    {
        var documents = articles.Select(a => Pipeline.Process(new SourceDocument(a.Id, a.Text) { Date = a.Date, Outlet = a.Outlet })).ToList();
        return new ComparisonReportBuilder().Build(documents).Findings;
    }

    /// <summary>One line per finding with each side's document, claim and frame: an assertion's message.</summary>
    public static string Dump(IReadOnlyList<Finding> findings) =>
        string.Join("\n", findings.Select(f => $"{f.Kind} {f.Explanation} :: {string.Join(" | ", f.Evidence.Select(e => e.Document + " " + e.Claim.Text + " {" + e.Frame + "}"))}"));

    /// <summary>Whether the finding holds a claim of <paramref name="document"/> that contains <paramref name="text"/>.</summary>
    public static bool Holds(Finding finding, string document, string text) =>
        finding.Evidence.Any(e => e.Document == document && e.Claim.Text.Contains(text, StringComparison.Ordinal));
}
