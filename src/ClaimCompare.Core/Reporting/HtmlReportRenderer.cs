using System.Net;
using System.Text;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Reporting;

/// <summary>
/// Renders a report as one self-contained HTML file: findings with each wording and the sources that print it, the
/// most cited sources side by side with every claim highlighted, near-duplicate clusters by wording, copy groups and
/// the most overlapping documents.
/// </summary>
/// <remarks>
/// Every piece of article text passes through <see cref="WebUtility.HtmlEncode(string)"/>, and the page
/// carries a Content-Security-Policy that forbids scripts and remote loads, so text from the wild can
/// never add markup or run code. No external resources: the file can be mailed or archived as is. The page is
/// written as it is built, a finding or a source at a time, and every list is cut to <see cref="Limits"/>.
/// </remarks>
public sealed class HtmlReportRenderer : IReportRenderer
{
    private const string Css = """
        :root { --conflict:#b42318; --agree:#067647; --variant:#b54708; --single:#475467; --role:#9e165f; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #101828; background: #fcfcfd; }
        header, main { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
        h1 { font-size: 24px; margin: 24px 0 8px; } h2 { font-size: 19px; margin: 32px 0 12px; border-bottom: 1px solid #eaecf0; }
        table { border-collapse: collapse; } td, th { border: 1px solid #eaecf0; padding: 4px 8px; text-align: left; vertical-align: top; }
        .finding { border: 1px solid #eaecf0; border-left: 4px solid var(--single); border-radius: 6px; padding: 8px 12px; margin: 12px 0; background: #fff; }
        .finding.conflict { border-left-color: var(--conflict); } .finding.agree { border-left-color: var(--agree); }
        .finding.quote-variant { border-left-color: var(--variant); } .finding.role-conflict { border-left-color: var(--role); }
        .kind { font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
        .conflict .kind { color: var(--conflict); } .agree .kind { color: var(--agree); } .quote-variant .kind { color: var(--variant); } .role-conflict .kind { color: var(--role); }
        .conf, .ctx, .why { color: #475467; font-size: 13px; } .value { font-family: ui-monospace, monospace; font-size: 13px; }
        mark { background: #fef0c7; padding: 0 2px; border-radius: 2px; } mark.conflict, mark.role-conflict { background: #fee4e2; } mark.agree { background: #dcfae6; }
        mark.quote-variant { background: #fdead7; } ins { background: #dcfae6; text-decoration: none; } del { background: #fee4e2; }
        .sources { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
        .source { border: 1px solid #eaecf0; border-radius: 6px; padding: 8px 12px; background: #fff; font-size: 14px; }
        .source h3 { font-size: 15px; margin: 4px 0; } .source p { margin: 6px 0; } .heading { font-weight: 600; }
        a { color: inherit; }
        """;

    /// <summary>How much is shown; <see cref="RenderLimits.Default"/> unless set.</summary>
    public RenderLimits Limits { get; init; } = RenderLimits.Default;

    /// <inheritdoc />
    public void Render(ComparisonReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var labels = ReportSummary.Labels(report);
        var outlets = ReportSummary.Outlets(report);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>ClaimCompare report</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n<header>\n<h1>ClaimCompare report</h1>\n");
        html.Append("<p>").Append(Encode(ReportSummary.Coverage(report))).Append("; ").Append(report.Findings.Count).Append(" findings, ")
            .Append(report.Clusters.Count).Append(" near-duplicate clusters.</p>\n</header>\n<main>\n");
        if (report.Omitted.Count > 0)
        {
            html.Append("<section>\n<h2>Left out</h2>\n<ul>\n");
            foreach (var omission in report.Omitted)
            {
                html.Append("<li><strong>").Append(Encode(omission.Reason)).Append("</strong>: ")
                    .Append(omission.Count.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(Encode(omission.What)).Append("</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        // The sources shown in full: those that stand first for the most wordings of the findings shown.
        var shownFindings = ShownFindings(report);
        var sideBySide = SideBySide(report, shownFindings);
        var anchors = new Dictionary<Evidence, string>(ReferenceEqualityComparer.Instance);
        foreach (var i in shownFindings)
        {
            var evidence = report.Findings[i].Evidence;
            for (var j = 0; j < evidence.Count && j < Limits.WordingsPerFinding; j++)
            {
                if (sideBySide.Contains(evidence[j].Document))
                {
                    anchors[evidence[j]] = $"f{i}-{j}";
                }
            }
        }

        var shown = new HashSet<int>(shownFindings);
        for (var s = 0; s < ReportText.Sections.Length; s++)
        {
            var (kind, title) = ReportText.Sections[s];
            var opened = false;
            var hidden = 0;
            for (var i = 0; i < report.Findings.Count; i++)
            {
                var finding = report.Findings[i];
                if (finding.Kind != kind)
                {
                    continue;
                }

                if (!shown.Contains(i))
                {
                    hidden++;
                    continue;
                }

                if (!opened)
                {
                    html.Append("<section>\n<h2>").Append(title).Append("</h2>\n");
                    opened = true;
                }

                WriteFinding(html, finding, i, anchors, labels, outlets);
                Flush(html, output);
            }

            if (hidden > 0)
            {
                html.Append("<p class=\"why\">… and ").Append(hidden).Append(" more ").Append(title.ToLowerInvariant()).Append(" (see the JSON report).</p>\n");
            }

            if (opened)
            {
                html.Append("</section>\n");
            }
        }

        WriteSources(html, output, report, sideBySide, anchors);
        WriteClusters(html, report.Clusters, labels);
        WriteOverlap(html, report.Overlap, labels);
        html.Append("</main>\n</body>\n</html>\n");
        Flush(html, output);
    }

    private static void Flush(StringBuilder html, TextWriter output)
    {
        output.Write(html);
        html.Clear();
    }

    /// <summary>The indexes of the findings shown: the first of each kind, up to the limits.</summary>
    private List<int> ShownFindings(ComparisonReport report)
    {
        var perKind = new Dictionary<FindingKind, int>();
        var shown = new List<int>();
        for (var i = 0; i < report.Findings.Count; i++)
        {
            var kind = report.Findings[i].Kind;
            var limit = kind == FindingKind.SingleSource ? Limits.SingleSource : Limits.FindingsPerKind;
            var count = perKind.GetValueOrDefault(kind) + 1;
            perKind[kind] = count;
            if (count <= limit)
            {
                shown.Add(i);
            }
        }

        return shown;
    }

    /// <summary>The sources shown in full: every source when few, else those that represent the most wordings shown.</summary>
    private HashSet<string> SideBySide(ComparisonReport report, List<int> shownFindings)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (report.Sources.Count <= Limits.SideBySide)
        {
            foreach (var source in report.Sources)
            {
                result.Add(source.Id);
            }

            return result;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in shownFindings)
        {
            foreach (var evidence in report.Findings[i].Evidence)
            {
                counts[evidence.Document] = counts.GetValueOrDefault(evidence.Document) + 1;
            }
        }

        var ranked = new List<KeyValuePair<string, int>>(counts);
        ranked.Sort(static (x, y) => x.Value != y.Value ? y.Value.CompareTo(x.Value) : string.CompareOrdinal(x.Key, y.Key));
        for (var i = 0; i < ranked.Count && i < Limits.SideBySide; i++)
        {
            result.Add(ranked[i].Key);
        }

        return result;
    }

    private void WriteFinding(StringBuilder html, Finding finding, int index, Dictionary<Evidence, string> anchors, Dictionary<string, string> labels, Dictionary<string, string> outlets)
    {
        var kind = finding.Kind.ToWireName();
        html.Append("<div class=\"finding ").Append(kind).Append("\" id=\"f").Append(index).Append("\">\n")
            .Append("<span class=\"kind\">").Append(kind).Append("</span> <strong>").Append(Encode(finding.Topic)).Append("</strong> ")
            .Append("<span class=\"conf\">confidence ").Append(ReportText.Score(finding.Confidence)).Append("</span>\n");
        if (finding.Explanation is { } explanation)
        {
            html.Append("<div class=\"why\">").Append(Encode(explanation)).Append("</div>\n");
        }

        html.Append("<table>\n");
        for (var j = 0; j < finding.Evidence.Count && j < Limits.WordingsPerFinding; j++)
        {
            var evidence = finding.Evidence[j];
            var documents = evidence.Documents();
            var outletCount = ReportSummary.OutletCount(documents, outlets);
            html.Append("<tr><td>");
            if (anchors.TryGetValue(evidence, out var anchor))
            {
                html.Append("<a href=\"#").Append(anchor).Append("\">").Append(Encode(labels.GetValueOrDefault(evidence.Document) ?? evidence.Document)).Append("</a>");
            }
            else
            {
                html.Append(Encode(labels.GetValueOrDefault(evidence.Document) ?? evidence.Document));
            }

            if (documents.Count > 1)
            {
                html.Append("<br><span class=\"ctx\">").Append(documents.Count).Append(" sources");
                if (outletCount > 1)
                {
                    html.Append(", ").Append(outletCount).Append(" outlets");
                }

                html.Append(": ").Append(Encode(ReportSummary.Names(documents, labels, Limits.NamesPerWording))).Append("</span>");
            }

            html.Append("</td><td class=\"value\">").Append(Encode(evidence.Value ?? "")).Append("</td><td>");
            AppendHighlighted(html, evidence.Sentence, [(evidence.Claim.Start, evidence.Claim.End, kind, null)]);
            if (evidence.Context is { } context)
            {
                html.Append(" <span class=\"ctx\">(").Append(Encode(context)).Append(")</span>");
            }

            if (evidence.Frame is { } frame)
            {
                html.Append(" <span class=\"ctx\">[").Append(Encode(frame)).Append("]</span>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (finding.Evidence.Count > Limits.WordingsPerFinding)
        {
            html.Append("<p class=\"why\">… and ").Append(finding.Evidence.Count - Limits.WordingsPerFinding).Append(" more wordings.</p>\n");
        }

        if (finding.Diff.Count > 0)
        {
            html.Append("<p>Diff: ");
            AppendDiff(html, finding.Diff);
            html.Append("</p>\n");
        }

        html.Append("</div>\n");
    }

    private void WriteSources(StringBuilder html, TextWriter output, ComparisonReport report, HashSet<string> sideBySide, Dictionary<Evidence, string> anchors)
    {
        // Claim spans per shown document, so each source can be shown with its claims marked.
        var marks = new Dictionary<string, List<(int Start, int End, string Kind, string? Anchor)>>(StringComparer.Ordinal);
        foreach (var finding in report.Findings)
        {
            foreach (var evidence in finding.Evidence)
            {
                if (!sideBySide.Contains(evidence.Document))
                {
                    continue;
                }

                if (!marks.TryGetValue(evidence.Document, out var list))
                {
                    marks[evidence.Document] = list = [];
                }

                list.Add((evidence.Claim.Start, evidence.Claim.End, finding.Kind.ToWireName(), anchors.GetValueOrDefault(evidence)));
            }
        }

        html.Append("<section>\n<h2>Sources side by side</h2>\n");
        if (sideBySide.Count < report.Sources.Count)
        {
            html.Append("<p class=\"why\">The ").Append(sideBySide.Count).Append(" sources that stand first for the most wordings above; the other ")
                .Append(report.Sources.Count - sideBySide.Count).Append(" are listed below them.</p>\n");
        }

        html.Append("<div class=\"sources\">\n");
        foreach (var source in report.Sources)
        {
            if (!sideBySide.Contains(source.Id))
            {
                continue;
            }

            var d = source.Document;
            html.Append("<article class=\"source\">\n<h3>").Append(Encode(source.Id)).Append("</h3>\n<div class=\"ctx\">")
                .Append(ReportText.Date(d.Date)).Append(" · ").Append(Encode(d.Outlet ?? "outlet unknown")).Append(" · ").Append(Encode(d.Path ?? "")).Append("</div>\n");
            var list = marks.GetValueOrDefault(source.Id) ?? [];
            list.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
            var paragraph = -1;
            var next = 0;
            foreach (var passage in d.Passages)
            {
                if (passage.Paragraph != paragraph)
                {
                    if (paragraph >= 0)
                    {
                        html.Append("</p>\n");
                    }

                    html.Append(passage.Kind == Text.PassageKind.Heading ? "<p class=\"heading\">" : "<p>");
                    paragraph = passage.Paragraph;
                }
                else
                {
                    html.Append(' ');
                }

                // Marks are sorted: skip those before this passage, hand over those that may fall in it.
                while (next < list.Count && list[next].End <= passage.Start)
                {
                    next++;
                }

                var end = next;
                while (end < list.Count && list[end].Start < passage.End)
                {
                    end++;
                }

                AppendHighlighted(html, new SourceSpan(passage.Start, passage.End, passage.Text), list.GetRange(next, end - next));
                if (html.Length > 64 * 1024)
                {
                    Flush(html, output);
                }
            }

            if (paragraph >= 0)
            {
                html.Append("</p>\n");
            }

            html.Append("</article>\n");
            Flush(html, output);
        }

        html.Append("</div>\n");
        var others = 0;
        foreach (var source in report.Sources)
        {
            if (sideBySide.Contains(source.Id))
            {
                continue;
            }

            if (others == 0)
            {
                html.Append("<table>\n<tr><th>source</th><th>passages</th><th>path</th></tr>\n");
            }

            if (++others <= Limits.Sources)
            {
                html.Append("<tr><td>").Append(Encode(source.Label)).Append("</td><td>").Append(source.Document.Passages.Count)
                    .Append("</td><td>").Append(Encode(source.Document.Path ?? "")).Append("</td></tr>\n");
            }
        }

        if (others > 0)
        {
            html.Append("</table>\n");
        }

        if (others > Limits.Sources)
        {
            html.Append("<p class=\"why\">… and ").Append(others - Limits.Sources).Append(" more sources (see the JSON report).</p>\n");
        }

        html.Append("</section>\n");
        Flush(html, output);
    }

    /// <summary>Appends <paramref name="span"/> with the marks that fall inside it; overlapping marks keep the first.</summary>
    private static void AppendHighlighted(StringBuilder html, SourceSpan span, IReadOnlyList<(int Start, int End, string Kind, string? Anchor)> marks)
    {
        var at = span.Start;
        foreach (var (start, end, kind, anchor) in marks)
        {
            if (start < at || end > span.End || start >= end)
            {
                continue;
            }

            html.Append(Encode(span.Text[(at - span.Start)..(start - span.Start)]));
            html.Append("<mark class=\"").Append(kind).Append('"');
            if (anchor is not null)
            {
                html.Append(" id=\"").Append(anchor).Append("\" title=\"").Append(kind).Append('"');
            }

            html.Append('>').Append(Encode(span.Text[(start - span.Start)..(end - span.Start)])).Append("</mark>");
            at = end;
        }

        html.Append(Encode(span.Text[(at - span.Start)..]));
    }

    private void WriteClusters(StringBuilder html, IReadOnlyList<PassageCluster> clusters, Dictionary<string, string> labels)
    {
        if (clusters.Count == 0)
        {
            return;
        }

        var shown = Math.Min(clusters.Count, Limits.Clusters);
        html.Append("<section>\n<h2>Near-duplicate passages</h2>\n<p class=\"why\">").Append(clusters.Count).Append(" clusters")
            .Append(shown < clusters.Count ? $"; the {shown} largest" : "").Append(".</p>\n");
        foreach (var cluster in ReportText.Largest(clusters, shown))
        {
            var wordings = ReportSummary.Wordings(cluster);
            html.Append("<div class=\"finding\"><span class=\"kind\">cluster ").Append(Encode(JsonReportRenderer.ClusterId(cluster))).Append("</span> ")
                .Append(cluster.Members.Count).Append(" passages in ").Append(ReportSummary.DocumentCount(cluster)).Append(" documents\n<table>\n");
            for (var w = 0; w < wordings.Count && w < Limits.WordingsPerCluster; w++)
            {
                var member = wordings[w].Representative;
                var documents = new List<string>(wordings[w].Members.Count);
                foreach (var m in wordings[w].Members)
                {
                    documents.Add(m.Document);
                }

                html.Append("<tr><td>").Append(Encode(ReportSummary.Names(documents, labels, Limits.NamesPerWording))).Append("</td><td class=\"value\">");
                if (member.IsRepresentative)
                {
                    html.Append("representative</td><td>").Append(Encode(member.Text));
                }
                else
                {
                    html.Append(Encode(member.Kind.ToWireName())).Append("<br>J ").Append(ReportText.Score(member.Jaccard))
                        .Append(" · C ").Append(ReportText.Score(member.Containment)).Append(" · F ").Append(ReportText.Score(member.Fuzzy)).Append("</td><td>");
                    AppendDiff(html, member.Diff);
                }

                html.Append("</td></tr>\n");
            }

            html.Append("</table>");
            if (wordings.Count > Limits.WordingsPerCluster)
            {
                html.Append("<p class=\"why\">… and ").Append(wordings.Count - Limits.WordingsPerCluster).Append(" more wordings.</p>");
            }

            html.Append("</div>\n");
        }

        html.Append("</section>\n");
    }

    private void WriteOverlap(StringBuilder html, IReadOnlyList<DocumentOverlap> overlap, Dictionary<string, string> labels)
    {
        if (overlap.Count == 0)
        {
            return;
        }

        html.Append("<section>\n<h2>Document overlap</h2>\n");
        var groups = ReportSummary.CopyGroups(overlap);
        if (groups.Count > 0)
        {
            html.Append("<p>Copy groups (documents with at least ").Append(ReportText.Percent(ReportSummary.CopyShare)).Append(" of their text from one origin):</p>\n<ul>\n");
            for (var i = 0; i < groups.Count && i < Limits.OverlapEntries; i++)
            {
                var group = groups[i];
                html.Append("<li><strong>").Append(Encode(labels.GetValueOrDefault(group.Origin) ?? group.Origin)).Append("</strong>: ")
                    .Append(group.Copies.Count).Append(group.Copies.Count == 1 ? " copy: " : " copies: ")
                    .Append(Encode(ReportSummary.Names(group.Copies, labels, Limits.NamesPerWording))).Append("</li>\n");
            }

            if (groups.Count > Limits.OverlapEntries)
            {
                html.Append("<li>… and ").Append(groups.Count - Limits.OverlapEntries).Append(" more copy groups</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<p>Most overlapping pairs (").Append(overlap.Count).Append(" in all):</p>\n<table>\n<tr><th>a</th><th>b</th><th>shared passages</th><th>share of a</th><th>share of b</th><th>likely origin</th></tr>\n");
        foreach (var pair in ReportSummary.TopPairs(overlap, Limits.OverlapEntries))
        {
            html.Append("<tr><td>").Append(Encode(labels.GetValueOrDefault(pair.A) ?? pair.A)).Append("</td><td>").Append(Encode(labels.GetValueOrDefault(pair.B) ?? pair.B)).Append("</td><td>").Append(pair.SharedPassages)
                .Append("</td><td>").Append(ReportText.Percent(pair.AShare)).Append("</td><td>").Append(ReportText.Percent(pair.BShare))
                .Append("</td><td>").Append(Encode(pair.LikelyOrigin ?? "–")).Append("</td></tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private static void AppendDiff(StringBuilder html, IReadOnlyList<DiffSegment> diff)
    {
        foreach (var segment in diff)
        {
            var text = Encode(segment.Text);
            html.Append(segment.Kind switch
            {
                DiffKind.Deleted => "<del>" + text + "</del>",
                DiffKind.Inserted => "<ins>" + text + "</ins>",
                _ => text,
            });
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
