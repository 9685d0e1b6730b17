using System.CommandLine;
using ClaimCompare.Cli.Output;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Cli.Commands;

/// <summary><c>claimcompare report</c>: where sources agree and conflict, with every source's own words.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = CommonOptions.Inputs();
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Text, OutputFormat.Markdown, OutputFormat.Json, OutputFormat.Html);
        var maxBytes = CommonOptions.MaxBytes();
        var noSingle = new Option<bool>("--no-single-source")
        {
            Description = "Leave out figures and quotes that only one source reports.",
        };
        var maxFindings = new Option<int>("--max-findings")
        {
            Description = "Keep at most this many findings in all (0: no limit); the rest are counted under \"omitted\".",
            DefaultValueFactory = _ => new ComparisonOptions().MaxFindings,
        };
        var maxPerDocument = new Option<int>("--max-findings-per-document")
        {
            Description = "Keep at most this many findings about one document alone (0: no limit); the rest are counted.",
            DefaultValueFactory = _ => new ComparisonOptions().MaxFindingsPerDocument,
        };
        var maxComparisons = new Option<long>("--max-comparisons")
        {
            Description = "Compare at most this many pairs of claims within one block (one kind of figure, one speaker).",
            DefaultValueFactory = _ => new ComparisonOptions().MaxComparisonsPerBlock,
        };
        var cpuBudget = new Option<double>("--cpu-budget")
        {
            Description = "CPU seconds the comparison may spend, summed over its threads (0: no limit); past it, work stops and the report says what it left out.",
            DefaultValueFactory = _ => ReportBudget.Default.CpuTime!.Value.TotalSeconds,
        };
        var timeBudget = new Option<double>("--time-budget")
        {
            Description = "Wall-clock seconds the comparison may take (0: no limit); past it, work stops and the report says what it left out.",
            DefaultValueFactory = _ => ReportBudget.Default.Time!.Value.TotalSeconds,
        };
        var memoryBudget = new Option<long>("--memory-budget")
        {
            Description = "Managed memory in MiB the comparison may use (0: no limit); past it, work stops and the report says what it left out.",
            DefaultValueFactory = _ => ReportBudget.Default.MemoryBytes!.Value / (1024 * 1024),
        };
        var rewriteThreshold = CommonOptions.RewriteThreshold();
        var command = new Command("report", "Compare the sources: agreements, conflicts, quote variants and role conflicts, with near-duplicates and overlap.")
        {
            inputs, format, maxBytes, noSingle, maxFindings, maxPerDocument, maxComparisons, cpuBudget, timeBudget, memoryBudget, rewriteThreshold,
        };
        command.SetAction(parse =>
        {
            var (findingsLimit, perDocumentLimit, comparisons, seconds, mebibytes) =
                (parse.GetValue(maxFindings), parse.GetValue(maxPerDocument), parse.GetValue(maxComparisons), parse.GetValue(timeBudget), parse.GetValue(memoryBudget));
            var cpuSeconds = parse.GetValue(cpuBudget);
            if (findingsLimit < 0 || perDocumentLimit < 0 || comparisons < 1 || seconds < 0 || !double.IsFinite(seconds) || mebibytes < 0
                || cpuSeconds < 0 || !double.IsFinite(cpuSeconds))
            {
                context.Log.Error("invalid option: --max-findings, --max-findings-per-document, --cpu-budget, --time-budget and --memory-budget must be 0 or more, --max-comparisons 1 or more (see --help)");
                return ExitCodes.UsageError;
            }

            var options = new ComparisonOptions
            {
                IncludeSingleSource = !parse.GetValue(noSingle),
                MaxFindings = findingsLimit,
                MaxFindingsPerDocument = perDocumentLimit,
                MaxComparisonsPerBlock = comparisons,
            };
            var dedup = DedupOptions.Default with { RewriteThreshold = parse.GetValue(rewriteThreshold) };
            try
            {
                dedup.Validate();
            }
            catch (ArgumentException ex)
            {
                context.Log.Error("invalid option: {Message}", ex.Message.Split(Environment.NewLine)[0]);
                return ExitCodes.UsageError;
            }

            var budget = new ReportBudget
            {
                CpuTime = cpuSeconds == 0 ? null : TimeSpan.FromSeconds(cpuSeconds),
                Time = seconds == 0 ? null : TimeSpan.FromSeconds(seconds),
                MemoryBytes = mebibytes == 0 ? null : mebibytes * 1024 * 1024,
            };
            using var progress = Progress.Start(context, "report", "documents");
            return context.RunWithInputs(parse, inputs, maxBytes, documents => Run(context, parse, format, options, dedup, budget, progress, documents), progress);
        });
        return command;
    }

    private static void Run(
        CliContext context, ParseResult parse, Option<OutputFormat> format, ComparisonOptions options, DedupOptions dedup, ReportBudget budget, Progress progress, IReadOnlyList<Core.Text.SourceDocument> documents)
    {
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var processed = Pipeline.Process(documents, progress);
        var pipelineMs = timer.ElapsedMilliseconds;
        timer.Restart();
        progress.Stage($"comparing {processed.Count:N0} documents (near-duplicates, claims, alignment)");
        var builder = new ComparisonReportBuilder(options, dedup)
        {
            Budget = budget,
            StageCompleted = (stage, elapsed) => context.Log.Debug("Report stage {Stage}: {StageMs} ms", stage, (long)elapsed.TotalMilliseconds),
        };
        var report = builder.Build(processed);

        // The results may go to the same terminal: the progress line goes first.
        progress.Dispose();
        context.Log.Debug(
            "Report: {Documents} documents, {Findings} findings, {Clusters} clusters; text pipeline {PipelineMs} ms, comparison {ComparisonMs} ms",
            processed.Count, report.Findings.Count, report.Clusters.Count, pipelineMs, timer.ElapsedMilliseconds);
        foreach (var omission in report.Omitted)
        {
            if (omission.Reason is OmissionReasons.CpuBudget or OmissionReasons.TimeBudget or OmissionReasons.MemoryBudget)
            {
                context.Log.Warning("{What}", omission.What);
            }
        }

        timer.Restart();
        IReportRenderer renderer = parse.GetValue(format) switch
        {
            OutputFormat.Json => new JsonReportRenderer(),
            OutputFormat.Markdown => new MarkdownReportRenderer(),
            OutputFormat.Html => new HtmlReportRenderer(),
            _ => new TextReportRenderer(context.UseColor),
        };
        renderer.Render(report, context.Out);
        context.Out.Flush();
        context.Log.Debug("Rendered {Format} in {RenderMs} ms", parse.GetValue(format), timer.ElapsedMilliseconds);
    }
}
