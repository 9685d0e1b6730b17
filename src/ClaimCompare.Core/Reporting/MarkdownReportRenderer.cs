using System.Text;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Reporting;

/// <summary>Renders a report as GitHub-flavoured Markdown; article text is escaped so it cannot add markup.</summary>
public sealed class MarkdownReportRenderer : IReportRenderer
{
    /// <inheritdoc />
    public void Render(ComparisonReport report, TextWriter output)
    {
        output.WriteLine("# ClaimCompare report");
        output.WriteLine();
        output.WriteLine("| source | date | outlet | passages |");
        output.WriteLine("|---|---|---|---|");
        foreach (var source in report.Sources)
        {
            var d = source.Document;
            output.WriteLine($"| {Escape(source.Id)} | {ReportText.Date(d.Date)} | {Escape(d.Outlet ?? "–")} | {d.Passages.Count} |");
        }

        foreach (var (kind, title) in ReportText.Sections)
        {
            var first = true;
            foreach (var finding in report.Findings)
            {
                if (finding.Kind != kind)
                {
                    continue;
                }

                if (first)
                {
                    output.WriteLine();
                    output.WriteLine($"## {title}");
                    first = false;
                }

                output.WriteLine();
                output.WriteLine($"### {Escape(finding.Topic)} ({finding.Kind.ToWireName()}, confidence {ReportText.Score(finding.Confidence)})");
                if (finding.Explanation is { } explanation)
                {
                    output.WriteLine();
                    output.WriteLine(Escape(explanation));
                }

                output.WriteLine();
                foreach (var evidence in finding.Evidence)
                {
                    var context = evidence.Context is null ? "" : $" ({Escape(evidence.Context)})";
                    context += evidence.Frame is null ? "" : $" _{Escape(evidence.Frame)}_";
                    output.WriteLine($"- **{Escape(evidence.Document)}** `{Code(evidence.Value ?? "")}`{context}: {Highlight(evidence)}");
                }

                if (finding.Diff.Count > 0)
                {
                    output.WriteLine();
                    output.WriteLine($"Diff: {Diff(finding.Diff)}");
                }
            }
        }

        if (report.Clusters.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("## Near-duplicate passages");
            foreach (var cluster in report.Clusters)
            {
                output.WriteLine();
                output.WriteLine($"### Cluster {Escape(JsonReportRenderer.ClusterId(cluster))}");
                output.WriteLine();
                foreach (var member in cluster.Members)
                {
                    var scores = member.Diff.Count == 0
                        ? "representative"
                        : $"{member.Kind.ToWireName()}; jaccard {ReportText.Score(member.Jaccard)}, containment {ReportText.Score(member.Containment)}, fuzzy {ReportText.Score(member.Fuzzy)}";
                    var text = member.Diff.Count == 0 ? Escape(ReportText.OneLine(member.Text)) : Diff(member.Diff);
                    output.WriteLine($"- **{Escape(member.Document)}** [{member.Start}–{member.End}] ({scores}): {text}");
                }
            }
        }

        if (report.Overlap.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("## Document overlap");
            output.WriteLine();
            output.WriteLine("| a | b | shared passages | share of a | share of b | likely origin |");
            output.WriteLine("|---|---|---|---|---|---|");
            foreach (var pair in report.Overlap)
            {
                output.WriteLine($"| {Escape(pair.A)} | {Escape(pair.B)} | {pair.SharedPassages} | {ReportText.Percent(pair.AShare)} | {ReportText.Percent(pair.BShare)} | {Escape(pair.LikelyOrigin ?? "–")} |");
            }
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
