using System.CommandLine;
using ClaimCompare.Cli.Output;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli.Commands;

/// <summary><c>claimcompare split</c>: normalise, strip boilerplate and split documents into passages.</summary>
internal static class SplitCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = CommonOptions.Inputs();
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Json);
        var maxBytes = CommonOptions.MaxBytes();
        var command = new Command("split", "Split articles into sentences and headings, with exact offsets and the boilerplate removed.")
        {
            inputs, format, maxBytes,
        };
        command.SetAction(parse => context.RunWithInputs(parse, inputs, maxBytes, documents =>
        {
            var processed = Pipeline.Process(documents);

            if (parse.GetValue(format) == OutputFormat.Json)
            {
                var json = new List<SplitDocumentJson>(processed.Count);
                foreach (var document in processed)
                {
                    json.Add(SplitDocumentJson.From(document));
                }

                Json.Write(context.Out, json);
            }
            else
            {
                WriteText(context.Out, processed);
            }
        }));
        return command;
    }

    private static void WriteText(TextWriter output, IReadOnlyList<ProcessedDocument> documents)
    {
        foreach (var document in documents)
        {
            output.WriteLine($"== {document.Id}  {document.Path}");
            output.WriteLine($"   date: {SplitDocumentJson.FormatDate(document.Date) ?? "unknown"}   passages: {document.Passages.Count}   removed: {document.Removed.Count}");
            var paragraph = -1;
            foreach (var passage in document.Passages)
            {
                if (passage.Paragraph != paragraph)
                {
                    paragraph = passage.Paragraph;
                    output.WriteLine();
                }

                var marker = passage.Kind == PassageKind.Heading ? "#" : " ";
                output.WriteLine($"{marker} [{passage.Index,3}] ¶{passage.Paragraph,-3} {passage.Start,6}-{passage.End,-6} {passage.Normalized}");
            }

            if (document.Removed.Count > 0)
            {
                output.WriteLine();
                foreach (var removed in document.Removed)
                {
                    output.WriteLine($"- removed {removed.Reason} {removed.Start}-{removed.End}: {Flatten(removed.Text)}");
                }
            }

            output.WriteLine();
        }
    }

    private static string Flatten(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
