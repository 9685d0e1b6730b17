using System.Text.RegularExpressions;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using ClaimCompare.Server.Analysis;

namespace ClaimCompare.Server.Tests.Support;

/// <summary>
/// Test double for the claim aligner (not landed yet): wraps the real analyzer and raises one finding
/// per marker <c>[[kind|topic|value]]</c> in the text, with the marker's sentence and span as evidence.
/// </summary>
public sealed partial class MarkerFindingsAnalyzer(IDocumentAnalyzer inner) : IDocumentAnalyzer
{
    public AnalyzerCapabilities Capabilities => inner.Capabilities with { Claims = "test-markers" };

    public async Task<IngestAnalysis> AnalyzeAsync(SourceDocument document, IAnalysisContext context, CancellationToken cancellationToken)
    {
        var analysis = await inner.AnalyzeAsync(document, context, cancellationToken);
        var findings = new List<Finding>();
        foreach (Match match in Marker().Matches(document.Text))
        {
            var kind = match.Groups[1].Value switch
            {
                "conflict" => FindingKind.Conflict,
                "quote-variant" => FindingKind.QuoteVariant,
                "role-conflict" => FindingKind.RoleConflict,
                "agree" => FindingKind.Agree,
                _ => FindingKind.SingleSource,
            };
            var sentence = analysis.Document.Passages.FirstOrDefault(p => p.Start <= match.Index && match.Index < p.End);
            var sentenceSpan = sentence is null
                ? new SourceSpan(match.Index, match.Index + match.Length, match.Value)
                : new SourceSpan(sentence.Start, sentence.End, sentence.Text);
            var claim = new SourceSpan(match.Index, match.Index + match.Length, match.Value);
            findings.Add(new Finding(kind, match.Groups[2].Value, 0.9,
                [new Evidence(document.Id, sentenceSpan, claim, match.Groups[3].Value)])
            {
                Explanation = "test marker",
            });
        }

        return analysis with { Findings = findings };
    }

    [GeneratedRegex(@"\[\[([a-z-]+)\|([^|\]]+)\|([^\]]*)\]\]")]
    private static partial Regex Marker();
}
