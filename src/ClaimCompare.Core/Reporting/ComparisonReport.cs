using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Reporting;

/// <summary>One source of a report: the processed document it was built from.</summary>
/// <param name="Document">The document after the text pipeline; its original text is what every span indexes.</param>
public sealed record ReportSource(ProcessedDocument Document)
{
    /// <summary>The document id.</summary>
    public string Id => Document.Id;
}

/// <summary>One member of a near-duplicate cluster, as reported.</summary>
/// <param name="Document">Document id.</param>
/// <param name="Passage">Passage index in the document.</param>
/// <param name="Span">The passage's span and raw text.</param>
/// <param name="Jaccard">Exact Jaccard similarity of the member's shingles with the representative's, in [0, 1].</param>
/// <param name="Containment">Share of the smaller shingle set contained in the other, in [0, 1].</param>
/// <param name="Fuzzy">Fuzzy (token-set) similarity to the representative, in [0, 1].</param>
/// <param name="Kind">verbatim, near-verbatim, edited or rewrite; <c>representative</c> for the representative itself.</param>
/// <param name="Diff">Word-level diff of the member against the representative (empty for the representative).</param>
public sealed record ReportClusterMember(
    string Document,
    int Passage,
    SourceSpan Span,
    double Jaccard,
    double Containment,
    double Fuzzy,
    string Kind,
    IReadOnlyList<DiffSegment> Diff);

/// <summary>A group of near-duplicate passages across documents.</summary>
/// <param name="Id">Stable cluster id within the report.</param>
/// <param name="Representative">The member the others are compared against (earliest date, then id).</param>
/// <param name="Members">All members, the representative first.</param>
public sealed record ReportCluster(string Id, ReportClusterMember Representative, IReadOnlyList<ReportClusterMember> Members);

/// <summary>How much two documents share.</summary>
/// <param name="A">First document id.</param>
/// <param name="B">Second document id.</param>
/// <param name="SharedPassages">Passages of either document that have a near-duplicate in the other.</param>
/// <param name="AShare">Share of A's characters found again in B, in [0, 1].</param>
/// <param name="BShare">Share of B's characters found again in A, in [0, 1].</param>
/// <param name="LikelyOrigin">The document that is probably the source of the shared text, or null when undecidable.</param>
public sealed record ReportOverlap(string A, string B, int SharedPassages, double AShare, double BShare, string? LikelyOrigin);

/// <summary>
/// The comparison of a set of sources about one story: every finding with its evidence, the
/// near-duplicate clusters and the document overlap. One model, rendered as text, markdown, JSON or HTML.
/// </summary>
/// <param name="Sources">The sources, in id order.</param>
/// <param name="Findings">Findings, conflicts first, each kind ranked by confidence.</param>
/// <param name="Clusters">Near-duplicate clusters.</param>
/// <param name="Overlap">Pairwise document overlap.</param>
public sealed record ComparisonReport(
    IReadOnlyList<ReportSource> Sources,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<ReportCluster> Clusters,
    IReadOnlyList<ReportOverlap> Overlap);
