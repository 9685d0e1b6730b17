using ClaimCompare.Core.Comparison;

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

        if (report.Clusters.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(Style(Bold, "Near-duplicate passages"));
            foreach (var cluster in report.Clusters)
            {
                output.WriteLine($"  {cluster.Id}: {cluster.Members.Count} passages");
                foreach (var member in cluster.Members)
                {
                    var scores = member == cluster.Representative
                        ? "representative"
                        : $"{member.Kind}, jaccard {ReportText.Score(member.Jaccard)}, containment {ReportText.Score(member.Containment)}, fuzzy {ReportText.Score(member.Fuzzy)}";
                    output.WriteLine($"    {member.Document} [{member.Span.Start}-{member.Span.End}] {Style(Dim, scores)}");
                    output.WriteLine($"      {(member.Diff.Count > 0 ? DiffText(member.Diff) : ReportText.OneLine(member.Span.Text))}");
                }
            }
        }

        if (report.Overlap.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(Style(Bold, "Document overlap"));
            foreach (var pair in report.Overlap)
            {
                output.WriteLine($"  {pair.A} ~ {pair.B}: {pair.SharedPassages} shared passages; {ReportText.Percent(pair.AShare)} of {pair.A}, {ReportText.Percent(pair.BShare)} of {pair.B}; likely origin {pair.LikelyOrigin ?? "unknown"}");
            }
        }
    }

    private void WriteFinding(TextWriter output, Finding finding)
    {
        var color = finding.Kind switch
        {
            FindingKind.Conflict or FindingKind.RoleConflict => Red,
            FindingKind.QuoteVariant => Yellow,
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
            output.WriteLine($"    {Style(Cyan, evidence.Document)} {evidence.Value}{context}");
            output.WriteLine($"      {Highlight(evidence)}");
        }

        if (finding.Diff.Count > 0)
        {
            output.WriteLine($"    diff: {DiffText(finding.Diff)}");
        }
    }

    private string Highlight(Evidence evidence)
    {
        var sentence = evidence.Sentence;
        var from = evidence.Claim.Start - sentence.Start;
        var to = evidence.Claim.End - sentence.Start;
        if (from < 0 || to > sentence.Text.Length || from >= to)
        {
            return ReportText.OneLine(sentence.Text);
        }

        return ReportText.OneLine(sentence.Text[..from])
            + (from > 0 && char.IsWhiteSpace(sentence.Text[from - 1]) ? " " : "")
            + (useColor ? Bold + ReportText.OneLine(sentence.Text[from..to]) + Reset : "«" + ReportText.OneLine(sentence.Text[from..to]) + "»")
            + (to < sentence.Text.Length && char.IsWhiteSpace(sentence.Text[to]) ? " " : "")
            + ReportText.OneLine(sentence.Text[to..]);
    }

    private string DiffText(IReadOnlyList<DiffSegment> diff)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var segment in diff)
        {
            var text = ReportText.OneLine(segment.Text);
            builder.Append(segment.Operation switch
            {
                DiffOperation.Deleted => useColor ? Red + "[-" + text + "-]" + Reset : "[-" + text + "-]",
                DiffOperation.Inserted => useColor ? Green + "{+" + text + "+}" + Reset : "{+" + text + "+}",
                _ => text,
            });
            builder.Append(' ');
        }

        return builder.ToString().TrimEnd();
    }

    private string Style(string code, string text) => useColor ? code + text + Reset : text;
}
