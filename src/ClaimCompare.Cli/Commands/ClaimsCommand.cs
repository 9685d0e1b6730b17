using System.CommandLine;
using System.Globalization;
using ClaimCompare.Cli.Output;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Reporting;

namespace ClaimCompare.Cli.Commands;

/// <summary><c>claimcompare claims</c>: the figures, quotes and people extracted from each document.</summary>
internal static class ClaimsCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = CommonOptions.Inputs();
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Text, OutputFormat.Json);
        var maxBytes = CommonOptions.MaxBytes();
        var command = new Command("claims", "List the figures (as intervals), quotes (with speakers) and people (with roles) of each document.")
        {
            inputs, format, maxBytes,
        };
        command.SetAction(parse =>
        {
            using var progress = Progress.Start(context, "claims", "documents");
            return context.RunWithInputs(parse, inputs, maxBytes, documents => Run(context, parse, format, progress, documents), progress);
        });
        return command;
    }

    private static void Run(CliContext context, ParseResult parse, Option<OutputFormat> format, Progress progress, IReadOnlyList<Core.Text.SourceDocument> documents)
    {
        var processed = Pipeline.Process(documents, progress);
        progress.Stage($"extracting figures, quotes and people from {documents.Count:N0} documents");
        var claims = ClaimExtractor.ExtractAll(processed, groups: null, maxDegreeOfParallelism: -1, CancellationToken.None);
        progress.Dispose();
        if (parse.GetValue(format) == OutputFormat.Json)
        {
            context.Out.WriteLine(JsonReportRenderer.ClaimsToJson(claims));
            return;
        }

        foreach (var document in claims)
        {
            WriteText(context.Out, document);
        }
    }

    private static void WriteText(TextWriter output, DocumentClaims document)
    {
        output.WriteLine($"== {document.Document}: {document.Figures.Count} figures, {document.Quotes.Count} quotes, {document.People.Count} people");
        foreach (var figure in document.Figures)
        {
            // Years and clock times are never written with a thousands separator ("2008", not "2,008").
            var format = figure.Kind is FigureKind.Year or FigureKind.Date or FigureKind.Time ? "0.##" : "#,0.##";
            var change = figure.Direction == FigureDirection.None ? "" : " " + figure.Direction.ToString().ToLowerInvariant();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  figure  {figure.Kind.ToString().ToLowerInvariant(),-8} {Bound(figure.Low, figure.LowInclusive, true, format)}, {Bound(figure.High, figure.HighInclusive, false, format)} {figure.Unit ?? "",-4}{change,-5} {figure.Noun ?? "-",-12} “{figure.Text}” [{figure.Start}-{figure.End}]"));
        }

        foreach (var quote in document.Quotes)
        {
            output.WriteLine($"  quote   {quote.Speaker ?? "(unattributed)"}: “{OneLine(quote.Text)}” [{quote.Start}-{quote.End}]");
        }

        foreach (var person in document.People)
        {
            output.WriteLine($"  person  {person.Name}{(person.Role is null ? "" : ", " + person.Role)} “{person.Surface}” [{person.Start}-{person.End}]");
        }

        output.WriteLine();
    }

    private static string Bound(double? value, bool inclusive, bool low, string format) => value is { } v
        ? (low ? (inclusive ? "[" : "(") + v.ToString(format, CultureInfo.InvariantCulture) : v.ToString(format, CultureInfo.InvariantCulture) + (inclusive ? "]" : ")"))
        : (low ? "(−∞" : "∞)");

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
