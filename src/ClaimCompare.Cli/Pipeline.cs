using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli;

/// <summary>Runs the text pipeline over loaded documents.</summary>
internal static class Pipeline
{
    public static List<ProcessedDocument> Process(IReadOnlyList<SourceDocument> documents)
    {
        var pipeline = new TextPipeline();
        var processed = new List<ProcessedDocument>(documents.Count);
        foreach (var document in documents)
        {
            processed.Add(pipeline.Process(document));
        }

        return processed;
    }
}
