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
        var rewriteThreshold = CommonOptions.RewriteThreshold();
        var command = new Command("report", "Compare the sources: agreements, conflicts, quote variants and role conflicts, with near-duplicates and overlap.")
        {
            inputs, format, maxBytes, noSingle, rewriteThreshold,
        };
        command.SetAction(parse =>
        {
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

            using var progress = Progress.Start(context, "report", "documents");
            return context.RunWithInputs(parse, inputs, maxBytes, documents => Run(context, parse, format, noSingle, dedup, progress, documents), progress);
        });
        return command;
    }

    private static void Run(
        CliContext context, ParseResult parse, Option<OutputFormat> format, Option<bool> noSingle, DedupOptions dedup, Progress progress, IReadOnlyList<Core.Text.SourceDocument> documents)
    {
        var options = new ComparisonOptions { IncludeSingleSource = !parse.GetValue(noSingle) };
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var processed = Pipeline.Process(documents, progress);
        var pipelineMs = timer.ElapsedMilliseconds;
        timer.Restart();
        progress.Stage($"comparing {processed.Count:N0} documents (near-duplicates, claims, alignment)");
        var report = new ComparisonReportBuilder(options, dedup).Build(processed);
        // The results may go to the same terminal: the progress line goes first.
        progress.Dispose();
        context.Log.Debug(
            "Report: {Documents} documents, {Findings} findings, {Clusters} clusters; text pipeline {PipelineMs} ms, comparison {ComparisonMs} ms",
            processed.Count, report.Findings.Count, report.Clusters.Count, pipelineMs, timer.ElapsedMilliseconds);
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
