using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Reporting;

/// <summary>
/// Renders a report for a terminal: what the sources cover, what was left out, findings by kind with each wording
/// and the sources that print it, then a summary of the near-duplicate clusters, copy groups and the most
/// overlapping documents.
/// </summary>
/// <remarks>Every list is cut to <see cref="Limits"/> and says how much it left out, so the output stays a page or
/// two however many sources there are; the JSON has everything.</remarks>
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

    /// <summary>How much is shown; <see cref="RenderLimits.Default"/> with the constructor's single-source limit unless set.</summary>
    public RenderLimits Limits { get; init; } = RenderLimits.Default with { SingleSource = maxSingleSource };

    /// <inheritdoc />
    public void Render(ComparisonReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var labels = ReportSummary.Labels(report);
        var outlets = ReportSummary.Outlets(report);
        output.WriteLine(Style(Bold, $"ClaimCompare report: {ReportSummary.Coverage(report)}; {report.Findings.Count} findings, {report.Clusters.Count} near-duplicate clusters"));
        for (var i = 0; i < report.Sources.Count && i < Limits.Sources; i++)
        {
            var d = report.Sources[i].Document;
            output.WriteLine($"  {report.Sources[i].Label}{Style(Dim, d.Path is null ? "" : "  " + d.Path)}");
        }

        if (report.Sources.Count > Limits.Sources)
        {
            output.WriteLine(Style(Dim, $"  ... and {report.Sources.Count - Limits.Sources} more sources (see --format json)"));
        }

        if (report.Omitted.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(Style(Bold, "Left out"));
            foreach (var omission in report.Omitted)
            {
                output.WriteLine($"  {Style(Yellow, omission.Reason)}: {omission.Count:#,0} {omission.What}");
            }
        }

        foreach (var (kind, title) in ReportText.Sections)
        {
            var limit = kind == FindingKind.SingleSource ? Limits.SingleSource : Limits.FindingsPerKind;
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

                if (++count <= limit)
                {
                    WriteFinding(output, finding, labels, outlets);
                }
            }

            if (count > limit)
            {
                output.WriteLine(Style(Dim, $"  ... and {count - limit} more {title.ToLowerInvariant()} (see --format json)"));
            }
        }

        RenderNearDuplicates(report.Clusters, report.Overlap, labels, output);
    }

    /// <summary>Writes a summary of near-duplicate clusters, copy groups and the most overlapping document pairs.</summary>
    /// <param name="clusters">The clusters.</param>
    /// <param name="overlap">Document overlap.</param>
    /// <param name="documents">Document ids (names sources by id).</param>
    /// <param name="output">Where to write.</param>
    public void RenderNearDuplicates(IReadOnlyList<PassageCluster> clusters, IReadOnlyList<DocumentOverlap> overlap, IReadOnlyList<string> documents, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in documents)
        {
            labels[id] = id;
        }

        RenderNearDuplicates(clusters, overlap, labels, output);
    }

    /// <summary>Writes a summary of near-duplicate clusters (largest first, each wording once with the sources that print
    /// it and its diff against the representative), copy groups and the most overlapping document pairs.</summary>
    /// <param name="clusters">The clusters.</param>
    /// <param name="overlap">Document overlap.</param>
    /// <param name="labels">How to name each document, by id.</param>
    /// <param name="output">Where to write.</param>
    public void RenderNearDuplicates(IReadOnlyList<PassageCluster> clusters, IReadOnlyList<DocumentOverlap> overlap, IReadOnlyDictionary<string, string> labels, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(overlap);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(output);
        var names = new Dictionary<string, string>(labels, StringComparer.Ordinal);
        if (clusters.Count > 0)
        {
            output.WriteLine();
            var shown = Math.Min(clusters.Count, Limits.Clusters);
            output.WriteLine(Style(Bold, $"Near-duplicate passages: {clusters.Count} clusters") + Style(Dim, shown < clusters.Count ? $" (the {shown} largest)" : ""));
            foreach (var cluster in ReportText.Largest(clusters, shown))
            {
                var wordings = ReportSummary.Wordings(cluster);
                output.WriteLine();
                output.WriteLine($"  {JsonReportRenderer.ClusterId(cluster)}: {cluster.Members.Count} passages in {ReportSummary.DocumentCount(cluster)} documents, {wordings.Count} {ReportSummary.Plural(wordings.Count, "wording")}");
                for (var w = 0; w < wordings.Count && w < Limits.WordingsPerCluster; w++)
                {
                    var wording = wordings[w];
                    var member = wording.Representative;
                    var scores = member.IsRepresentative
                        ? "representative"
                        : $"{member.Kind.ToWireName()}, jaccard {ReportText.Score(member.Jaccard)}, containment {ReportText.Score(member.Containment)}, fuzzy {ReportText.Score(member.Fuzzy)}";
                    var documents = new List<string>(wording.Members.Count);
                    foreach (var m in wording.Members)
                    {
                        documents.Add(m.Document);
                    }

                    output.WriteLine($"    {Style(Cyan, ReportSummary.Names(documents, names, Limits.NamesPerWording))} [{member.Start}-{member.End}] {Style(Dim, scores)}");
                    output.WriteLine($"      {(member.IsRepresentative || member.Diff.Count == 0 ? ReportText.OneLine(member.Text) : DiffText(member.Diff))}");
                }

                if (wordings.Count > Limits.WordingsPerCluster)
                {
                    output.WriteLine(Style(Dim, $"    ... and {wordings.Count - Limits.WordingsPerCluster} more wordings"));
                }
            }

            if (clusters.Count > shown)
            {
                output.WriteLine(Style(Dim, $"  ... and {clusters.Count - shown} more clusters (see --format json)"));
            }
        }

        if (overlap.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(Style(Bold, "Document overlap") + Style(Dim, $" ({overlap.Count} {ReportSummary.Plural(overlap.Count, "pair")} of documents share passages)"));
        var groups = ReportSummary.CopyGroups(overlap);
        if (groups.Count > 0)
        {
            output.WriteLine($"  copy groups (documents with at least {ReportText.Percent(ReportSummary.CopyShare)} of their text from one origin):");
            for (var i = 0; i < groups.Count && i < Limits.OverlapEntries; i++)
            {
                var group = groups[i];
                output.WriteLine($"    {Style(Cyan, names.GetValueOrDefault(group.Origin) ?? group.Origin)}: {group.Copies.Count} {(group.Copies.Count == 1 ? "copy" : "copies")}: {ReportSummary.Names(group.Copies, names, Limits.NamesPerWording)}");
            }

            if (groups.Count > Limits.OverlapEntries)
            {
                output.WriteLine(Style(Dim, $"    ... and {groups.Count - Limits.OverlapEntries} more copy groups"));
            }
        }

        output.WriteLine("  most overlapping pairs (share of each document's text found in the other):");
        foreach (var pair in ReportSummary.TopPairs(overlap, Limits.OverlapEntries))
        {
            output.WriteLine($"    {names.GetValueOrDefault(pair.A) ?? pair.A} ~ {names.GetValueOrDefault(pair.B) ?? pair.B}: {pair.SharedPassages} shared passages, {ReportText.Percent(pair.AShare)} / {ReportText.Percent(pair.BShare)}; likely origin {pair.LikelyOrigin ?? "undecided"}");
        }

        if (overlap.Count > Limits.OverlapEntries)
        {
            output.WriteLine(Style(Dim, $"    ... and {overlap.Count - Limits.OverlapEntries} more pairs (see --format json)"));
        }
    }

    private void WriteFinding(TextWriter output, Finding finding, Dictionary<string, string> labels, Dictionary<string, string> outlets)
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

        for (var i = 0; i < finding.Evidence.Count && i < Limits.WordingsPerFinding; i++)
        {
            var evidence = finding.Evidence[i];
            var context = evidence.Context is null ? "" : Style(Dim, $" [{evidence.Context}]");
            context += evidence.Frame is null ? "" : Style(Dim, $" {{{evidence.Frame}}}");
            var documents = evidence.Documents();
            output.WriteLine(documents.Count == 1
                ? $"    {Style(Cyan, labels.GetValueOrDefault(evidence.Document) ?? evidence.Document)} {evidence.Value}{context}"
                : $"    {ReportSummary.Wording(evidence, outlets)}: {Style(Cyan, ReportSummary.Names(documents, labels, Limits.NamesPerWording))}{context}");
            output.WriteLine($"      {Highlight(evidence)}");
        }

        if (finding.Evidence.Count > Limits.WordingsPerFinding)
        {
            output.WriteLine(Style(Dim, $"    ... and {finding.Evidence.Count - Limits.WordingsPerFinding} more wordings"));
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

    private string Style(string code, string text) => useColor && text.Length > 0 ? code + text + Reset : text;
}
