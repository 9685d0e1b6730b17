using ClaimCompare.Core.Tests.Similarity.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Support;

/// <summary>The russia-nato-2022 fixtures as the CLI reads them: manifest ids and dates, through the text pipeline.</summary>
internal static class FixtureCorpus
{
    private static readonly Lazy<IReadOnlyList<ProcessedDocument>> Processed = new(Load);

    public static IReadOnlyList<ProcessedDocument> RussiaNato2022 => Processed.Value;

    public static ProcessedDocument Document(string id) => RussiaNato2022.Single(d => d.Id == id);

    private static IReadOnlyList<ProcessedDocument> Load() => PipelineDocuments.LoadFixtures(Fixtures.RussiaNato2022);
}
