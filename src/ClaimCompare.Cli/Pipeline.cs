using ClaimCompare.Cli.Output;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli;

/// <summary>Runs the text pipeline over loaded documents.</summary>
internal static class Pipeline
{
    /// <summary>Processes every document, in parallel (documents are independent), with the results in input order.</summary>
    public static List<ProcessedDocument> Process(IReadOnlyList<SourceDocument> documents, Progress? progress = null)
    {
        var pipeline = new TextPipeline();
        var processed = new ProcessedDocument[documents.Count];
        progress?.Stage("splitting", documents.Count);
        Parallel.For(0, documents.Count, i =>
        {
            processed[i] = pipeline.Process(documents[i]);
            progress?.Advance(documents[i].Text.Length);
        });
        return [.. processed];
    }
}
