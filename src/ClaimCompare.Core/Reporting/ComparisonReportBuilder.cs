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
    public ComparisonReport Build(IReadOnlyList<ProcessedDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var dedup = new NearDuplicateDetector().Detect(documents, _dedup);
        var claims = ClaimExtractor.ExtractAll(documents);
        var findings = new ClaimAligner(_comparison).Align(claims, LinksOf(dedup));

        var sources = new List<ReportSource>(documents.Count);
        foreach (var document in documents)
        {
            sources.Add(new ReportSource(document));
        }

        sources.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new ComparisonReport(sources, findings, dedup.Clusters, dedup.Overlap);
    }

    /// <summary>Every pair of passages from different documents that share a near-duplicate cluster.</summary>
    public static PassageLinks LinksOf(DedupResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var links = new PassageLinks();
        foreach (var cluster in result.Clusters)
        {
            var members = cluster.Members;
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    if (members[i].Document != members[j].Document)
                    {
                        links.Add(members[i].Document, members[i].Passage, members[j].Document, members[j].Passage);
                    }
                }
            }
        }

        return links;
    }
}
