using ClaimCompare.Core.Reporting;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Stories;

/// <summary>Builds Core's <see cref="ComparisonReport"/> for a stored story.</summary>
/// <remarks>
/// The report is Core's whole comparison (near-duplicate detection, claim extraction and alignment) run over
/// the story's stored documents, so it is exactly what <c>claimcompare report</c> gives for the same articles.
/// </remarks>
internal static class StoryReports
{
    public static async Task<ComparisonReport> BuildAsync(IClaimStore store, long storyId, CancellationToken cancellationToken)
    {
        var documents = await store.GetStoryDocumentsAsync(storyId, cancellationToken).ConfigureAwait(false);
        return new ComparisonReportBuilder().Build([.. documents.Select(d => d.ToProcessedDocument())], cancellationToken);
    }
}
