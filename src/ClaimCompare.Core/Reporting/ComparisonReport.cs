using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Reporting;

/// <summary>One source of a report: the processed document it was built from.</summary>
/// <param name="Document">The document after the text pipeline; its original text is what every span indexes.</param>
public sealed record ReportSource(ProcessedDocument Document)
{
    /// <summary>The document id.</summary>
    public string Id => Document.Id;
}

/// <summary>
/// The comparison of a set of sources about one story: every finding with its evidence, the
/// near-duplicate clusters and the document overlap. One model, rendered as text, markdown, JSON or HTML.
/// </summary>
/// <param name="Sources">The sources, in id order.</param>
/// <param name="Findings">Findings, conflicts first, each kind ranked by confidence.</param>
/// <param name="Clusters">Near-duplicate passage clusters across the sources.</param>
/// <param name="Overlap">Pairwise document overlap.</param>
public sealed record ComparisonReport(
    IReadOnlyList<ReportSource> Sources,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<PassageCluster> Clusters,
    IReadOnlyList<DocumentOverlap> Overlap);
