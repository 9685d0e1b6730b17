using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli;

/// <summary>Runs the text pipeline over loaded documents.</summary>
internal static class Pipeline
{
    /// <summary>Processes every document on all cores; the result is in input order, the same whatever the scheduling.</summary>
    public static List<ProcessedDocument> Process(IReadOnlyList<SourceDocument> documents, CancellationToken cancellationToken = default)
    {
        var pipeline = new TextPipeline();
        var processed = new ProcessedDocument[documents.Count];
        if (documents.Count < 2)
        {
            for (var i = 0; i < documents.Count; i++)
            {
                processed[i] = pipeline.Process(documents[i], cancellationToken);
            }
        }
        else
        {
            var options = new ParallelOptions { CancellationToken = cancellationToken };
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, documents.Count, 16), options, range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    processed[i] = pipeline.Process(documents[i], cancellationToken);
                }
            });
        }

        return [.. processed];
    }
}
