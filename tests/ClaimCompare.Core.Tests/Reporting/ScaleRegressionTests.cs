using System.Globalization;
using System.Text;
using System.Text.Json;
using ClaimCompare.Benchmarks.Comparison;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Reporting;

/// <summary>Regressions of issue 9: output and work that grew faster than the input.</summary>
public class ScaleRegressionTests
{
    private static string Render(IReportRenderer renderer, ComparisonReport report)
    {
        using var writer = new StringWriter();
        renderer.Render(report, writer);
        return writer.ToString();
    }

    [Fact]
    public void A_document_without_white_space_renders_in_every_format_with_bounded_evidence()
    {
        // 40,000 characters of letters, digits and punctuation without a single space: one run-on "sentence" holds
        // hundreds of figures. Each finding used to carry the whole sentence (the 1 MB case: 5 GB of JSON, an HTML
        // StringBuilder past its capacity, gigabytes of markdown).
        var random = new SplitMix64(42);
        const string Alphabet = "abcdefghijklmnop0123456789,;-";
        var text = new StringBuilder();
        for (var i = 0; i < 40_000; i++)
        {
            text.Append(Alphabet[random.NextInt(Alphabet.Length)]);
        }

        var document = new TextPipeline().Process(new SourceDocument("hostile", text.ToString()));
        var report = new ComparisonReportBuilder().Build([document]);

        Assert.NotEmpty(report.Findings);
        Assert.All(report.Findings.SelectMany(f => f.Evidence), e =>
        {
            Assert.InRange(e.Sentence.Text.Length, 1, 600);
            Assert.Equal(document.OriginalText[e.Sentence.Start..e.Sentence.End], e.Sentence.Text);
            Assert.InRange(e.Claim.Start, e.Sentence.Start, e.Sentence.End);
        });
        foreach (IReportRenderer renderer in new IReportRenderer[] { new JsonReportRenderer(), new MarkdownReportRenderer(), new HtmlReportRenderer(), new TextReportRenderer() })
        {
            var output = Render(renderer, report);
            Assert.InRange(output.Length, 100, 20 * text.Length);
        }

        using var json = JsonDocument.Parse(Render(new JsonReportRenderer(), report));
        Assert.Equal(report.Findings.Count, json.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void The_findings_about_one_document_are_bounded_and_the_rest_counted()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 120; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"The council counted {1000 + (i * 7):N0} visitors at the harbour museum on Sunday.\n\n");
        }

        var document = new TextPipeline().Process(new SourceDocument("counts", text.ToString()));
        var unbounded = new ComparisonReportBuilder(new ComparisonOptions { MaxFindingsPerDocument = 0 }).Build([document]);
        var total = unbounded.Findings.Count(f => f.Kind == FindingKind.SingleSource);
        Assert.True(total >= 100, $"only {total} single-source findings");

        var report = new ComparisonReportBuilder(new ComparisonOptions { MaxFindingsPerDocument = 25 }).Build([document]);

        Assert.Equal(25, report.Findings.Count);
        var omission = Assert.Single(report.Omitted);
        Assert.Equal(OmissionReasons.FindingsPerDocument, omission.Reason);
        Assert.Equal("counts", omission.Document);
        Assert.Equal(FindingKind.SingleSource, omission.Kind);
        Assert.Equal(total - 25, omission.Count);
        Assert.Contains("--max-findings-per-document", omission.What, StringComparison.Ordinal);

        // The kept ones are the first of the full list, in its order.
        Assert.Equal(
            unbounded.Findings.Take(25).Select(f => f.Topic + "@" + f.Evidence[0].Claim.Start),
            report.Findings.Select(f => f.Topic + "@" + f.Evidence[0].Claim.Start));

        using var json = JsonDocument.Parse(JsonReportRenderer.ToJson(report));
        Assert.Equal("findings-per-document", json.RootElement.GetProperty("omitted")[0].GetProperty("reason").GetString());
        Assert.Contains("Left out", Render(new TextReportRenderer(), report), StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_is_the_same_on_one_thread_or_many_and_whatever_the_order_of_the_input()
    {
        var story = StoryCorpus.Generate(60, FixtureCorpus.RussiaNato2022, seed: 3, changeRate: 0.2).Documents;
        var shuffled = story.OrderBy(d => (d.Id.GetHashCode(StringComparison.Ordinal) & 0xFFFF) ^ 0x5A5A).ToList();

        var one = JsonReportRenderer.ToJson(new ComparisonReportBuilder { MaxDegreeOfParallelism = 1 }.Build(story));
        var many = JsonReportRenderer.ToJson(new ComparisonReportBuilder { MaxDegreeOfParallelism = 4 }.Build(shuffled));
        var all = JsonReportRenderer.ToJson(new ComparisonReportBuilder().Build(shuffled.AsEnumerable().Reverse().ToList()));

        Assert.Equal(one, many);
        Assert.Equal(one, all);
    }

    [Fact]
    public void A_time_budget_that_runs_out_stops_the_work_and_says_so()
    {
        var story = StoryCorpus.Generate(40, FixtureCorpus.RussiaNato2022, seed: 5).Documents;

        var report = new ComparisonReportBuilder { Budget = new ReportBudget { Time = TimeSpan.FromTicks(1) } }.Build(story);

        var omission = Assert.Single(report.Omitted);
        Assert.Equal(OmissionReasons.TimeBudget, omission.Reason);
        Assert.Contains("--time-budget", omission.What, StringComparison.Ordinal);
        Assert.Empty(report.Findings);
        Assert.Equal(40, report.Sources.Count);
    }

    [Fact]
    public void A_cpu_budget_that_runs_out_stops_the_work_and_names_its_option()
    {
        var story = StoryCorpus.Generate(40, FixtureCorpus.RussiaNato2022, seed: 5).Documents;

        var report = new ComparisonReportBuilder { Budget = new ReportBudget { CpuTime = TimeSpan.FromTicks(1), Time = null } }.Build(story);

        var omission = Assert.Single(report.Omitted);
        Assert.Equal(OmissionReasons.CpuBudget, omission.Reason);
        Assert.Contains("--cpu-budget", omission.What, StringComparison.Ordinal);
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void The_text_report_names_sources_by_outlet_and_date_and_never_prints_an_overlap_matrix()
    {
        var documents = new List<ProcessedDocument>();
        const string Story = "NATO and Russian officials met in Brussels on Wednesday for talks that yielded no new agreements on security.\n\nThe talks come as Russia's massing of some 100,000 troops along its border with Ukraine stokes fears of a new attack.";
        for (var i = 0; i < 30; i++)
        {
            documents.Add(new TextPipeline().Process(new SourceDocument($"d{i:D2}", Story) { Outlet = $"paper{i}.example", Date = new DateOnly(2022, 1, 13) }));
        }

        var report = new ComparisonReportBuilder().Build(documents);
        var text = Render(new TextReportRenderer(), report);

        Assert.Contains("d00 paper0.example, 2022-01-13", text, StringComparison.Ordinal);
        Assert.Contains("30 sources", text, StringComparison.Ordinal);
        Assert.Contains("and 27 more", text, StringComparison.Ordinal);
        Assert.Contains("copy groups", text, StringComparison.Ordinal);

        // No line lists every document (the old N x N matrix had one column per document).
        Assert.All(text.Split('\n'), line => Assert.True(line.Split("paper").Length <= 6, line));
        Assert.True(text.Length < 12_000, $"{text.Length} characters for 30 copies of two sentences");
    }
}
