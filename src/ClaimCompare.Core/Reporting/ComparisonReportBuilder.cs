using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Reporting;

/// <summary>
/// The main job in one call: near-duplicate passages, claims of every source, their alignment into
/// findings, and the <see cref="ComparisonReport"/> that holds them all.
/// </summary>
public sealed class ComparisonReportBuilder(ComparisonOptions? comparison = null, DedupOptions? dedup = null)
{
    private readonly ComparisonOptions _comparison = comparison ?? new ComparisonOptions();
    private readonly DedupOptions _dedup = dedup ?? DedupOptions.Default;

    /// <summary>Compares <paramref name="documents"/>, which must have distinct ids.</summary>
    /// <param name="documents">Processed documents of one story.</param>
    /// <returns>The report; sources in id order.</returns>
    /// <exception cref="ArgumentException">Two documents share an id.</exception>
    public ComparisonReport Build(IReadOnlyList<ProcessedDocument> documents) => Build(documents, CancellationToken.None);

    /// <summary>Compares <paramref name="documents"/>, stopping when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="documents">Processed documents of one story.</param>
    /// <param name="cancellationToken">Passed to every stage: near-duplicates, extraction, alignment.</param>
    /// <returns>The report; sources in id order.</returns>
    /// <exception cref="ArgumentException">Two documents share an id.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ComparisonReport Build(IReadOnlyList<ProcessedDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var dedup = new NearDuplicateDetector().Detect(documents, _dedup, cancellationToken);
        var claims = ClaimExtractor.ExtractAll(documents, GroupsOf(dedup), cancellationToken);
        var findings = new ClaimAligner(_comparison).Align(claims, LinksOf(dedup), cancellationToken);

        var sources = new List<ReportSource>(documents.Count);
        foreach (var document in documents)
        {
            sources.Add(new ReportSource(document));
        }

        sources.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new ComparisonReport(sources, findings, dedup.Clusters, dedup.Overlap);
    }

    /// <summary>The documents that share a near-duplicate passage belong together: people's names merge across them.</summary>
    public static DocumentGroups GroupsOf(DedupResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var groups = new DocumentGroups();
        foreach (var cluster in result.Clusters)
        {
            for (var i = 1; i < cluster.Members.Count; i++)
            {
                groups.Link(cluster.Members[0].Document, cluster.Members[i].Document);
            }
        }

        return groups;
    }

    /// <summary>Links the passages of every near-duplicate cluster.</summary>
    public static PassageLinks LinksOf(DedupResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var links = new PassageLinks();
        foreach (var cluster in result.Clusters)
        {
            var first = cluster.Members[0];
            for (var i = 1; i < cluster.Members.Count; i++)
            {
                links.Add(first.Document, first.Passage, cluster.Members[i].Document, cluster.Members[i].Passage);
            }
        }

        return links;
    }
}
