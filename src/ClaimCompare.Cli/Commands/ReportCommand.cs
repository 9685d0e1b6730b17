using System.CommandLine;
using ClaimCompare.Cli.Output;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;

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
        var command = new Command("report", "Compare the sources: agreements, conflicts, quote variants and role conflicts, with near-duplicates and overlap.")
        {
            inputs, format, maxBytes, noSingle,
        };
        command.SetAction(parse => context.RunWithInputs(parse, inputs, maxBytes, documents =>
        {
            var options = new ComparisonOptions { IncludeSingleSource = !parse.GetValue(noSingle) };
            var report = new ComparisonReportBuilder(options).Build(Pipeline.Process(documents));
            IReportRenderer renderer = parse.GetValue(format) switch
            {
                OutputFormat.Json => new JsonReportRenderer(),
                OutputFormat.Markdown => new MarkdownReportRenderer(),
                OutputFormat.Html => new HtmlReportRenderer(),
                _ => new TextReportRenderer(context.UseColor),
            };
            renderer.Render(report, context.Out);
        }));
        return command;
    }
}
