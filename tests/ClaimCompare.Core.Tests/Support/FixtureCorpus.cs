using ClaimCompare.Core.Ingest;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Support;

/// <summary>The russia-nato-2022 fixtures as the CLI reads them: manifest ids and dates, through the text pipeline.</summary>
internal static class FixtureCorpus
{
    private static readonly Lazy<IReadOnlyList<ProcessedDocument>> Processed = new(Load);

    public static IReadOnlyList<ProcessedDocument> RussiaNato2022 => Processed.Value;

    public static ProcessedDocument Document(string id) => RussiaNato2022.Single(d => d.Id == id);

    private static List<ProcessedDocument> Load()
    {
        var folder = Fixtures.RussiaNato2022;
        var manifest = SourceManifest.Parse(File.ReadAllText(Path.Combine(folder, SourceManifest.FileName)));
        var pipeline = new TextPipeline();
        var documents = new List<ProcessedDocument>();
        foreach (var entry in manifest.Documents)
        {
            var path = Path.Combine(folder, entry.File);
            documents.Add(pipeline.Process(new SourceDocument(entry.Id, File.ReadAllText(path)) { Path = path, Date = entry.Date, Outlet = entry.Outlet }));
        }

        return documents;
    }
}
