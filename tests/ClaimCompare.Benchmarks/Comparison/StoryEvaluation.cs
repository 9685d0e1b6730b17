using System.Diagnostics;
using System.Globalization;
using ClaimCompare.Benchmarks.Similarity;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;

using ClaimCompare.Core.Tests.Similarity.Support;

namespace ClaimCompare.Benchmarks.Comparison;

/// <summary>
/// <c>story</c>: run time of the full report on generated stories, and the precision and recall of the
/// conflicts it reports against the known changed figures.
/// </summary>
internal static class StoryEvaluation
{
    public static int Run(string[] args)
    {
        var sizes = args.Length > 1 && args[0] == "--articles"
            ? Array.ConvertAll(args[1].Split(','), s => int.Parse(s, CultureInfo.InvariantCulture))
            : [100, 1000];
        var fixtures = PipelineDocuments.LoadFixtures(FixtureReport.FindFixtures());
        Console.WriteLine("articles  MB     pipeline_s  report_s  total_s  findings  conflicts  conflict_precision  changed_recall");
        foreach (var size in sizes)
        {
            var generate = Stopwatch.StartNew();
            var corpus = StoryCorpus.Generate(size, fixtures);
            var pipelineSeconds = generate.Elapsed.TotalSeconds;

            var timer = Stopwatch.StartNew();
            var report = new ComparisonReportBuilder().Build(corpus.Documents);
            var reportSeconds = timer.Elapsed.TotalSeconds;

            if (args.Contains("--stages"))
            {
                var stage = Stopwatch.StartNew();
                var dedup = new ClaimCompare.Core.Similarity.NearDuplicateDetector().Detect(corpus.Documents);
                var dedupSeconds = stage.Elapsed.TotalSeconds;
                stage.Restart();
                var claims = ClaimCompare.Core.Claims.ClaimExtractor.ExtractAll(corpus.Documents);
                var claimsSeconds = stage.Elapsed.TotalSeconds;
                stage.Restart();
                var links = ComparisonReportBuilder.LinksOf(dedup);
                _ = new ClaimAligner().Align(claims, links);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  stages: dedup {dedupSeconds:0.00} s, claims {claimsSeconds:0.00} s, align {stage.Elapsed.TotalSeconds:0.00} s; {claims.Sum(c => c.Figures.Count)} figures, {claims.Sum(c => c.Quotes.Count)} quotes, {claims.Sum(c => c.People.Count)} people"));
            }

            var (truePositives, falsePositives, found) = Score(report, corpus);
            var conflicts = truePositives + falsePositives;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{size,8}  {corpus.TextBytes / 1e6,5:0.00}  {pipelineSeconds,10:0.00}  {reportSeconds,8:0.00}  {pipelineSeconds + reportSeconds,7:0.00}  {report.Findings.Count,8}  {conflicts,9}  {(conflicts == 0 ? 1 : (double)truePositives / conflicts),18:0.000}  {(corpus.ChangedFigures.Count == 0 ? 1 : (double)found / corpus.ChangedFigures.Count),14:0.000}"));
            if (args.Contains("--explain"))
            {
                Explain(report, corpus);
            }
        }

        Console.WriteLine("pipeline_s includes generating the articles and running the text pipeline; report_s is ComparisonReportBuilder.Build (near-duplicates, claims, alignment).");
        return 0;
    }

    /// <summary>
    /// A conflict is right when one of its sides is a changed figure, or when it is the fixtures' own
    /// conflict (about 3,000 troops in drills against more than 10,000 in exercises).
    /// </summary>
    private static (int TruePositives, int FalsePositives, int ChangedFound) Score(ComparisonReport report, StoryCorpus corpus)
    {
        var changed = new HashSet<(string, int)>();
        foreach (var (document, start, _, _) in corpus.ChangedFigures)
        {
            changed.Add((document, start));
        }

        var found = new HashSet<(string, int)>();
        int tp = 0, fp = 0;
        foreach (var finding in report.Findings)
        {
            if (finding.Kind != FindingKind.Conflict)
            {
                continue;
            }

            var anyChanged = false;
            foreach (var evidence in finding.Evidence)
            {
                foreach (var (document, start, end, _) in corpus.ChangedFigures)
                {
                    if (document == evidence.Document && start >= evidence.Claim.Start && end <= evidence.Claim.End)
                    {
                        anyChanged = true;
                        found.Add((document, start));
                    }
                }
            }

            if (anyChanged || IsFixtureConflict(finding))
            {
                tp++;
            }
            else
            {
                fp++;
            }
        }

        return (tp, fp, found.Count);
    }

    private static bool IsFixtureConflict(Finding finding) =>
        finding.Evidence.Any(e => e.Claim.Text.Contains("3,000", StringComparison.Ordinal))
        && finding.Evidence.Any(e => e.Claim.Text.Contains("10,000", StringComparison.Ordinal) && !e.Claim.Text.Contains("100,000", StringComparison.Ordinal));

    private static void Explain(ComparisonReport report, StoryCorpus corpus)
    {
        foreach (var finding in report.Findings)
        {
            if (finding.Kind != FindingKind.Conflict)
            {
                continue;
            }

            var claims = finding.Evidence.Select(e => e.Claim.Text).Distinct().Take(6);
            Console.WriteLine($"  conflict {finding.Confidence:0.00} {finding.Topic}: {string.Join(" | ", claims)} ({finding.Evidence.Count} evidence)");
        }

        Console.WriteLine($"  changed figures: {corpus.ChangedFigures.Count}");
    }
}
