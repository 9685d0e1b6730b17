using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Stories;

/// <summary>Builds Core's <see cref="ComparisonReport"/> for a stored story.</summary>
internal static class StoryReports
{
    private static readonly FindingKind[] Order =
        [FindingKind.Conflict, FindingKind.RoleConflict, FindingKind.QuoteVariant, FindingKind.Agree, FindingKind.SingleSource];

    public static async Task<ComparisonReport> BuildAsync(IClaimStore store, long storyId, CancellationToken cancellationToken)
    {
        var documents = await store.GetStoryDocumentsAsync(storyId, cancellationToken).ConfigureAwait(false);
        var findings = await store.GetStoryFindingsAsync(storyId, cancellationToken).ConfigureAwait(false);
        var ids = documents.Select(d => d.Id).ToList();
        var edges = ids.Count < 2 ? [] : await store.GetEdgesAsync(ids, cancellationToken).ConfigureAwait(false);
        var headers = documents.ToDictionary(d => d.Id, d => new DocumentHeader(d.Id, d.Source, d.Published, d.StoryId), StringComparer.Ordinal);
        var byId = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);

        return new ComparisonReport(
            [.. documents.Select(d => new ReportSource(d.ToProcessedDocument()))],
            [.. findings.Select(f => f.Finding).OrderBy(f => Array.IndexOf(Order, f.Kind)).ThenByDescending(f => f.Confidence)],
            ClusterBuilder.Build(edges, headers),
            ClusterBuilder.Overlap(edges, byId));
    }
}
