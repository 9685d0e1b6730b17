using System.Text;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Reporting;

/// <summary>Renders a report as GitHub-flavoured Markdown; article text is escaped so it cannot add markup.</summary>
/// <remarks>Every list is cut to <see cref="Limits"/> and says how much it left out; the JSON has everything.</remarks>
public sealed class MarkdownReportRenderer : IReportRenderer
{
    /// <summary>How much is shown; <see cref="RenderLimits.Default"/> unless set.</summary>
    public RenderLimits Limits { get; init; } = RenderLimits.Default;

    /// <inheritdoc />
    public void Render(ComparisonReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var labels = ReportSummary.Labels(report);
        var outlets = ReportSummary.Outlets(report);
        output.WriteLine("# ClaimCompare report");
        output.WriteLine();
        output.WriteLine($"{Escape(ReportSummary.Coverage(report))}; {report.Findings.Count} findings, {report.Clusters.Count} near-duplicate clusters.");
        output.WriteLine();
        output.WriteLine("| source | date | outlet | passages |");
        output.WriteLine("|---|---|---|---|");
        for (var i = 0; i < report.Sources.Count && i < Limits.Sources; i++)
        {
            var source = report.Sources[i];
            var d = source.Document;
            output.WriteLine($"| {Escape(source.Id)} | {ReportText.Date(d.Date)} | {Escape(d.Outlet ?? "–")} | {d.Passages.Count} |");
        }

        if (report.Sources.Count > Limits.Sources)
        {
            output.WriteLine();
            output.WriteLine($"… and {report.Sources.Count - Limits.Sources} more sources (see `--format json`).");
        }

        if (report.Omitted.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("## Left out");
            output.WriteLine();
            foreach (var omission in report.Omitted)
            {
                output.WriteLine($"- **{Escape(omission.Reason)}**: {omission.Count:#,0} {Escape(omission.What)}");
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
                    output.WriteLine($"## {title}");
                }

                if (++count <= limit)
                {
                    WriteFinding(output, finding, labels, outlets);
                }
            }

            if (count > limit)
            {
                output.WriteLine();
                output.WriteLine($"… and {count - limit} more {title.ToLowerInvariant()} (see `--format json`).");
            }
        }

        WriteClusters(output, report.Clusters, labels);
        WriteOverlap(output, report.Overlap, labels);
    }

    private void WriteFinding(TextWriter output, Finding finding, Dictionary<string, string> labels, Dictionary<string, string> outlets)
    {
        output.WriteLine();
        output.WriteLine($"### {Escape(finding.Topic)} ({finding.Kind.ToWireName()}, confidence {ReportText.Score(finding.Confidence)})");
        if (finding.Explanation is { } explanation)
        {
            output.WriteLine();
            output.WriteLine(Escape(explanation));
        }

        output.WriteLine();
        for (var i = 0; i < finding.Evidence.Count && i < Limits.WordingsPerFinding; i++)
        {
            var evidence = finding.Evidence[i];
            var documents = evidence.Documents();
            var context = evidence.Context is null ? "" : $" ({Escape(evidence.Context)})";
            context += evidence.Frame is null ? "" : $" _{Escape(evidence.Frame)}_";
            var outletCount = ReportSummary.OutletCount(documents, outlets);
            var sources = $"{documents.Count} {ReportSummary.Plural(documents.Count, "source")}{(outletCount > 1 ? $", {outletCount} outlets" : "")}";
            output.WriteLine($"- `{Code(evidence.Value ?? "")}`: {sources}: **{Escape(ReportSummary.Names(documents, labels, Limits.NamesPerWording))}**{context}: {Highlight(evidence)}");
        }

        if (finding.Evidence.Count > Limits.WordingsPerFinding)
        {
            output.WriteLine($"- … and {finding.Evidence.Count - Limits.WordingsPerFinding} more wordings");
        }

        if (finding.Diff.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Diff: {Diff(finding.Diff)}");
        }
    }

    private void WriteClusters(TextWriter output, IReadOnlyList<PassageCluster> clusters, Dictionary<string, string> labels)
    {
        if (clusters.Count == 0)
        {
            return;
        }

        var shown = Math.Min(clusters.Count, Limits.Clusters);
        output.WriteLine();
        output.WriteLine($"## Near-duplicate passages: {clusters.Count} clusters{(shown < clusters.Count ? $" (the {shown} largest)" : "")}");
        foreach (var cluster in ReportText.Largest(clusters, shown))
        {
            var wordings = ReportSummary.Wordings(cluster);
            output.WriteLine();
            output.WriteLine($"### Cluster {Escape(JsonReportRenderer.ClusterId(cluster))}: {cluster.Members.Count} passages in {ReportSummary.DocumentCount(cluster)} documents");
            output.WriteLine();
            for (var w = 0; w < wordings.Count && w < Limits.WordingsPerCluster; w++)
            {
                var member = wordings[w].Representative;
                var documents = wordings[w].Members.Select(m => m.Document).ToList();
                var scores = member.IsRepresentative || member.Diff.Count == 0
                    ? "representative"
                    : $"{member.Kind.ToWireName()}; jaccard {ReportText.Score(member.Jaccard)}, containment {ReportText.Score(member.Containment)}, fuzzy {ReportText.Score(member.Fuzzy)}";
                var text = member.IsRepresentative || member.Diff.Count == 0 ? Escape(ReportText.OneLine(member.Text)) : Diff(member.Diff);
                output.WriteLine($"- **{Escape(ReportSummary.Names(documents, labels, Limits.NamesPerWording))}** [{member.Start}–{member.End}] ({scores}): {text}");
            }

            if (wordings.Count > Limits.WordingsPerCluster)
            {
                output.WriteLine($"- … and {wordings.Count - Limits.WordingsPerCluster} more wordings");
            }
        }

        if (clusters.Count > shown)
        {
            output.WriteLine();
            output.WriteLine($"… and {clusters.Count - shown} more clusters (see `--format json`).");
        }
    }

    private void WriteOverlap(TextWriter output, IReadOnlyList<DocumentOverlap> overlap, Dictionary<string, string> labels)
    {
        if (overlap.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("## Document overlap");
        var groups = ReportSummary.CopyGroups(overlap);
        if (groups.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Copy groups (documents with at least {ReportText.Percent(ReportSummary.CopyShare)} of their text from one origin):");
            output.WriteLine();
            for (var i = 0; i < groups.Count && i < Limits.OverlapEntries; i++)
            {
                var group = groups[i];
                output.WriteLine($"- **{Escape(labels.GetValueOrDefault(group.Origin) ?? group.Origin)}**: {group.Copies.Count} {(group.Copies.Count == 1 ? "copy" : "copies")}: {Escape(ReportSummary.Names(group.Copies, labels, Limits.NamesPerWording))}");
            }

            if (groups.Count > Limits.OverlapEntries)
            {
                output.WriteLine($"- … and {groups.Count - Limits.OverlapEntries} more copy groups");
            }
        }

        output.WriteLine();
        output.WriteLine($"Most overlapping pairs ({overlap.Count} in all):");
        output.WriteLine();
        output.WriteLine("| a | b | shared passages | share of a | share of b | likely origin |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var pair in ReportSummary.TopPairs(overlap, Limits.OverlapEntries))
        {
            output.WriteLine($"| {Escape(labels.GetValueOrDefault(pair.A) ?? pair.A)} | {Escape(labels.GetValueOrDefault(pair.B) ?? pair.B)} | {pair.SharedPassages} | {ReportText.Percent(pair.AShare)} | {ReportText.Percent(pair.BShare)} | {Escape(pair.LikelyOrigin ?? "–")} |");
        }
    }

    private static string Highlight(Evidence evidence) =>
        ReportText.MarkClaim(evidence, text => "**" + text + "**", Escape);

    private static string Diff(IReadOnlyList<DiffSegment> diff) =>
        ReportText.MarkDiff(diff, text => "~~" + text + "~~", text => "<ins>" + text + "</ins>", Escape);

    /// <summary>Escapes Markdown and inline HTML so that article text renders as itself.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The text with every Markdown-significant character backslash-escaped and <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> as entities.</returns>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '\r' or '\n': builder.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '!' or '|' or '~':
                    builder.Append('\\').Append(c);
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    private static string Code(string text) => text.Replace('`', '\'').Replace('\n', ' ');
}
