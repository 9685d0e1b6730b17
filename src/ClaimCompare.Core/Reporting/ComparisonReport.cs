using System.Globalization;
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

    /// <summary>
    /// How reports name the source: id, outlet and date ("001 arkansasonline.com, 2022-01-13"), the id and outlet when
    /// the date is unknown, the id alone when the outlet is unknown.
    /// </summary>
    public string Label => Name(Document.Id, Document.Outlet, Document.Date);

    /// <summary>The label of a source with the given id, outlet and date, as <see cref="Label"/> writes it.</summary>
    /// <param name="id">The document id.</param>
    /// <param name="outlet">The outlet, or null when unknown.</param>
    /// <param name="date">The date, or null when unknown.</param>
    /// <returns>"id outlet, yyyy-MM-dd", "id outlet" or "id".</returns>
    public static string Name(string id, string? outlet, DateOnly? date) =>
        string.IsNullOrWhiteSpace(outlet) ? id
        : date is { } d ? string.Create(CultureInfo.InvariantCulture, $"{id} {outlet}, {d:yyyy-MM-dd}")
        : $"{id} {outlet}";
}

/// <summary>
/// The comparison of a set of sources about one story: every finding with its evidence, the
/// near-duplicate clusters and the document overlap. One model, rendered as text, markdown, JSON or HTML.
/// </summary>
/// <param name="Sources">The sources, in id order.</param>
/// <param name="Findings">Findings, conflicts first, each kind ranked by confidence.</param>
/// <param name="Clusters">Near-duplicate passage clusters across the sources.</param>
/// <param name="Overlap">Document overlap: each copy with the document it copies (see <see cref="DedupResult.Overlap"/>).</param>
public sealed record ComparisonReport(
    IReadOnlyList<ReportSource> Sources,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<PassageCluster> Clusters,
    IReadOnlyList<DocumentOverlap> Overlap)
{
    /// <summary>What budgets and bounds left out (findings past a limit, comparisons past a block bound, stages a time or
    /// memory budget stopped), in the order they happened; empty when the report is complete.</summary>
    public IReadOnlyList<Omission> Omitted { get; init; } = [];
}
