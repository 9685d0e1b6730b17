using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Reporting;

/// <summary>Renders a report for a terminal: findings by kind, each source's words, clusters and overlap.</summary>
/// <param name="useColor">Emit ANSI colours (only when writing to a terminal).</param>
/// <param name="maxSingleSource">At most this many single-source findings are listed; the rest are counted.</param>
public sealed class TextReportRenderer(bool useColor = false, int maxSingleSource = 10) : IReportRenderer
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Yellow = "\u001b[33m";
    private const string Cyan = "\u001b[36m";

    /// <inheritdoc />
    public void Render(ComparisonReport report, TextWriter output)
    {
        output.WriteLine(Style(Bold, $"ClaimCompare report: {report.Sources.Count} sources, {report.Findings.Count} findings, {report.Clusters.Count} near-duplicate clusters"));
        foreach (var source in report.Sources)
        {
            var d = source.Document;
            output.WriteLine($"  {source.Id}  {ReportText.Date(d.Date),-10}  {d.Outlet ?? "-",-20}  {d.Path}");
        }

        foreach (var (kind, title) in ReportText.Sections)
        {
            var count = 0;
            foreach (var finding in report.Findings)
            {
                if (finding.Kind != kind)
                {
                    continue;
                }

                if (count == 0)
                {
                    output.WriteLine();
                    output.WriteLine(Style(Bold, $"{title}"));
                }

                count++;
                if (kind == FindingKind.SingleSource && count > maxSingleSource)
                {
                    continue;
                }

                WriteFinding(output, finding);
            }

            if (kind == FindingKind.SingleSource && count > maxSingleSource)
            {
                output.WriteLine(Style(Dim, $"  ... and {count - maxSingleSource} more single-source claims (see --format json)"));
            }
        }

        var ids = new List<string>(report.Sources.Count);
        foreach (var source in report.Sources)
        {
            ids.Add(source.Id);
        }

        RenderNearDuplicates(report.Clusters, report.Overlap, ids, output);
    }

    /// <summary>Writes near-duplicate clusters (each member with its scores and its diff against the representative) and the overlap matrix.</summary>
    /// <param name="clusters">The clusters.</param>
    /// <param name="overlap">Pairwise overlap.</param>
    /// <param name="documents">Document ids, in the order of the matrix rows and columns.</param>
    /// <param name="output">Where to write.</param>
    public void RenderNearDuplicates(IReadOnlyList<PassageCluster> clusters, IReadOnlyList<DocumentOverlap> overlap, IReadOnlyList<string> documents, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(overlap);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);
        if (clusters.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(Style(Bold, $"Near-duplicate passages: {clusters.Count} clusters"));
            foreach (var cluster in clusters)
            {
                output.WriteLine();
                output.WriteLine($"  {JsonReportRenderer.ClusterId(cluster)}: {cluster.Members.Count} passages");
                foreach (var member in cluster.Members)
                {
                    var scores = member.IsRepresentative
                        ? "representative"
                        : $"{member.Kind.ToWireName()}, jaccard {ReportText.Score(member.Jaccard)}, containment {ReportText.Score(member.Containment)}, fuzzy {ReportText.Score(member.Fuzzy)}";
                    output.WriteLine($"    {Style(Cyan, member.Document)} [{member.Start}-{member.End}] {Style(Dim, scores)}");
                    output.WriteLine($"      {(member.IsRepresentative || member.Diff.Count == 0 ? ReportText.OneLine(member.Text) : DiffText(member.Diff))}");
                }
            }
        }

        if (overlap.Count == 0 || documents.Count < 2)
        {
            return;
        }

        // Matrix: the share of the row document's characters found again in the column document.
        var share = new Dictionary<(string, string), double>();
        foreach (var pair in overlap)
        {
            share[(pair.A, pair.B)] = pair.AShare;
            share[(pair.B, pair.A)] = pair.BShare;
        }

        var width = 6;
        foreach (var id in documents)
        {
            width = Math.Max(width, id.Length + 2);
        }

        output.WriteLine();
        output.WriteLine(Style(Bold, "Document overlap") + Style(Dim, " (share of the row document's text found again in the column document)"));
        output.Write(new string(' ', width + 2));
        foreach (var id in documents)
        {
            output.Write(id.PadLeft(width));
        }

        output.WriteLine();
        foreach (var row in documents)
        {
            output.Write("  " + row.PadRight(width));
            foreach (var column in documents)
            {
                output.Write((row == column ? "–" : share.TryGetValue((row, column), out var value) ? ReportText.Percent(value) : "0%").PadLeft(width));
            }

            output.WriteLine();
        }

        output.WriteLine();
        foreach (var pair in overlap)
        {
            if (pair.SharedPassages > 0)
            {
                output.WriteLine($"  {pair.A} ~ {pair.B}: {pair.SharedPassages} shared passages; likely origin {pair.LikelyOrigin ?? "undecided"}");
            }
        }
    }

    private void WriteFinding(TextWriter output, Finding finding)
    {
        var color = finding.Kind switch
        {
            FindingKind.Conflict or FindingKind.RoleConflict => Red,
            FindingKind.QuoteVariant or FindingKind.Update => Yellow,
            FindingKind.Agree => Green,
            _ => Dim,
        };
        output.WriteLine($"  {Style(color, finding.Kind.ToWireName())}  {finding.Topic}  {Style(Dim, $"(confidence {ReportText.Score(finding.Confidence)})")}");
        if (finding.Explanation is { } explanation)
        {
            output.WriteLine($"    {Style(Dim, explanation)}");
        }

        foreach (var evidence in finding.Evidence)
        {
            var context = evidence.Context is null ? "" : Style(Dim, $" [{evidence.Context}]");
            context += evidence.Frame is null ? "" : Style(Dim, $" {{{evidence.Frame}}}");
            output.WriteLine($"    {Style(Cyan, evidence.Document)} {evidence.Value}{context}");
            output.WriteLine($"      {Highlight(evidence)}");
        }

        if (finding.Diff.Count > 0)
        {
            output.WriteLine($"    diff: {DiffText(finding.Diff)}");
        }
    }

    private string Highlight(Evidence evidence) => ReportText.MarkClaim(
        evidence,
        text => useColor ? Bold + text + Reset : "«" + text + "»",
        text => text);

    private string DiffText(IReadOnlyList<DiffSegment> diff) => ReportText.MarkDiff(
        diff,
        text => useColor ? Red + "[-" + text + "-]" + Reset : "[-" + text + "-]",
        text => useColor ? Green + "{+" + text + "+}" + Reset : "{+" + text + "+}",
        text => text);

    private string Style(string code, string text) => useColor ? code + text + Reset : text;
}
