using System.Text;
using ClaimCompare.Core.Ingest;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Similarity.Support;

/// <summary>Documents through the real <see cref="TextPipeline"/>.</summary>
/// <remarks>Shared with the benchmarks project, which compiles this file too.</remarks>
internal static class PipelineDocuments
{
    private static readonly TextPipeline Pipeline = new();
    private static readonly TextPipeline KeepEverything = new(new TextPipelineOptions { RemoveBoilerplate = false });

    /// <summary>The fixture folder's documents, with the date and outlet its sources.json gives.</summary>
    public static IReadOnlyList<ProcessedDocument> LoadFixtures(string folder)
    {
        var manifest = SourceManifest.Parse(File.ReadAllText(Path.Combine(folder, SourceManifest.FileName)));
        var documents = new List<ProcessedDocument>();
        foreach (var entry in manifest.Documents)
        {
            var path = Path.Combine(folder, entry.File);
            var text = File.ReadAllText(path, Encoding.UTF8);
            documents.Add(Pipeline.Process(new SourceDocument(entry.Id, text) { Path = path, Date = entry.Date, Outlet = entry.Outlet, Language = entry.Language }));
        }

        return documents;
    }

    /// <summary>
    /// One hand-written document, every line kept (the pipeline's own boilerplate rules would otherwise remove
    /// the sign-offs that the detector is meant to learn from the corpus).
    /// </summary>
    public static ProcessedDocument Process(string id, string text, DateOnly? date = null, string? outlet = null)
    {
        var document = KeepEverything.Process(new SourceDocument(id, text) { Date = date, Outlet = outlet });
        return document with { Date = date, Outlet = outlet };
    }
}
