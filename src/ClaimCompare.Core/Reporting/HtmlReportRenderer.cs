using System.Net;
using System.Text;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Reporting;

/// <summary>
/// Renders a report as one self-contained HTML file: findings with each source's words, the sources
/// side by side with every claim highlighted, near-duplicate diffs and the overlap matrix.
/// </summary>
/// <remarks>
/// Every piece of article text passes through <see cref="WebUtility.HtmlEncode(string)"/>, and the page
/// carries a Content-Security-Policy that forbids scripts and remote loads, so text from the wild can
/// never add markup or run code. No external resources: the file can be mailed or archived as is.
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

    /// <inheritdoc />
    public void Render(ComparisonReport report, TextWriter output)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>ClaimCompare report</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n<header>\n<h1>ClaimCompare report</h1>\n");
        html.Append("<p>").Append(report.Sources.Count).Append(" sources, ").Append(report.Findings.Count).Append(" findings, ")
            .Append(report.Clusters.Count).Append(" near-duplicate clusters.</p>\n</header>\n<main>\n");

        var anchors = new Dictionary<Evidence, string>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < report.Findings.Count; i++)
        {
            for (var j = 0; j < report.Findings[i].Evidence.Count; j++)
            {
                anchors[report.Findings[i].Evidence[j]] = $"f{i}-{j}";
            }
        }

        for (var s = 0; s < ReportText.Sections.Length; s++)
        {
            var (kind, title) = ReportText.Sections[s];
            var opened = false;
            for (var i = 0; i < report.Findings.Count; i++)
            {
                var finding = report.Findings[i];
                if (finding.Kind != kind)
                {
                    continue;
                }

                if (!opened)
                {
                    html.Append("<section>\n<h2>").Append(title).Append("</h2>\n");
                    opened = true;
                }

                WriteFinding(html, finding, i);
            }

            if (opened)
            {
                html.Append("</section>\n");
            }
        }

        WriteSources(html, report, anchors);
        WriteClusters(html, report.Clusters);
        WriteOverlap(html, report.Overlap);
        html.Append("</main>\n</body>\n</html>\n");
        output.Write(html.ToString());
    }

    private static void WriteFinding(StringBuilder html, Finding finding, int index)
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
        for (var j = 0; j < finding.Evidence.Count; j++)
        {
            var evidence = finding.Evidence[j];
            html.Append("<tr><td><a href=\"#f").Append(index).Append('-').Append(j).Append("\">").Append(Encode(evidence.Document)).Append("</a></td>")
                .Append("<td class=\"value\">").Append(Encode(evidence.Value ?? "")).Append("</td><td>");
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
        if (finding.Diff.Count > 0)
        {
            html.Append("<p>Diff: ");
            AppendDiff(html, finding.Diff);
            html.Append("</p>\n");
        }

        html.Append("</div>\n");
    }

    private static void WriteSources(StringBuilder html, ComparisonReport report, Dictionary<Evidence, string> anchors)
    {
        // Claim spans per document, so each source can be shown with its claims marked.
        var marks = new Dictionary<string, List<(int Start, int End, string Kind, string? Anchor)>>(StringComparer.Ordinal);
        foreach (var finding in report.Findings)
        {
            foreach (var evidence in finding.Evidence)
            {
                if (!marks.TryGetValue(evidence.Document, out var list))
                {
                    marks[evidence.Document] = list = [];
                }

                list.Add((evidence.Claim.Start, evidence.Claim.End, finding.Kind.ToWireName(), anchors[evidence]));
            }
        }

        html.Append("<section>\n<h2>Sources side by side</h2>\n<div class=\"sources\">\n");
        foreach (var source in report.Sources)
        {
            var d = source.Document;
            html.Append("<article class=\"source\">\n<h3>").Append(Encode(source.Id)).Append("</h3>\n<div class=\"ctx\">")
                .Append(ReportText.Date(d.Date)).Append(" · ").Append(Encode(d.Outlet ?? "outlet unknown")).Append(" · ").Append(Encode(d.Path ?? "")).Append("</div>\n");
            var list = marks.GetValueOrDefault(source.Id) ?? [];
            list.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
            var paragraph = -1;
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

                AppendHighlighted(html, new SourceSpan(passage.Start, passage.End, passage.Text), list);
            }

            if (paragraph >= 0)
            {
                html.Append("</p>\n");
            }

            html.Append("</article>\n");
        }

        html.Append("</div>\n</section>\n");
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

    private static void WriteClusters(StringBuilder html, IReadOnlyList<PassageCluster> clusters)
    {
        if (clusters.Count == 0)
        {
            return;
        }

        html.Append("<section>\n<h2>Near-duplicate passages</h2>\n");
        foreach (var cluster in clusters)
        {
            html.Append("<div class=\"finding\"><span class=\"kind\">cluster ").Append(Encode(JsonReportRenderer.ClusterId(cluster))).Append("</span>\n<table>\n");
            foreach (var member in cluster.Members)
            {
                html.Append("<tr><td>").Append(Encode(member.Document)).Append("</td><td class=\"value\">");
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

            html.Append("</table></div>\n");
        }

        html.Append("</section>\n");
    }

    private static void WriteOverlap(StringBuilder html, IReadOnlyList<DocumentOverlap> overlap)
    {
        if (overlap.Count == 0)
        {
            return;
        }

        html.Append("<section>\n<h2>Document overlap</h2>\n<table>\n<tr><th>a</th><th>b</th><th>shared passages</th><th>share of a</th><th>share of b</th><th>likely origin</th></tr>\n");
        foreach (var pair in overlap)
        {
            html.Append("<tr><td>").Append(Encode(pair.A)).Append("</td><td>").Append(Encode(pair.B)).Append("</td><td>").Append(pair.SharedPassages)
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
