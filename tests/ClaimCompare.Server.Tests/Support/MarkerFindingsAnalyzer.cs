using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using ClaimCompare.Server.Analysis;

namespace ClaimCompare.Server.Tests.Support;

/// <summary>
/// Test double for the claim aligner, for tests about the review queue's rules rather than about what the aligner
/// finds: wraps the real analyzer (passages, near-duplicates, and its concurrent analysis outside the ingest lock)
/// and replaces its findings with one per marker <c>[[kind|topic|value]]</c> in the text, with the marker's sentence
/// and span as evidence. Tests of the real findings start the app without it.
/// </summary>
public sealed partial class MarkerFindingsAnalyzer(CoreDocumentAnalyzer inner) : IConcurrentDocumentAnalyzer, IDocumentPreparer, ISharedStateAnalyzer
{
    public bool SharesState => inner.SharesState;

    public ClaimCompare.Storage.Postgres.NearDuplicateStateWrite StageInsert(IngestAnalysis analysis) =>
        inner.StageInsert(_inner.TryGetValue(analysis, out var original) ? original : analysis);

    public ClaimCompare.Storage.Postgres.NearDuplicateStateWrite StageDelete(string documentId) => inner.StageDelete(documentId);

    public void OthersCommitted(bool deletions) => inner.OthersCommitted(deletions);

    public Task<int> EnsureHeldAsync(IReadOnlyCollection<string>? documentIds, ClaimCompare.Storage.IClaimStore store, CancellationToken cancellationToken) =>
        inner.EnsureHeldAsync(documentIds, store, cancellationToken);

    public Task RebuildAsync(IAsyncEnumerable<ClaimCompare.Storage.StoredDocument> documents, CancellationToken cancellationToken) => inner.RebuildAsync(documents, cancellationToken);

    public void Committed(IngestAnalysis analysis) => inner.Committed(_inner.TryGetValue(analysis, out var original) ? original : analysis);

    public void Deleted(ClaimCompare.Storage.StoredDocument document) => inner.Deleted(document);

    public AnalyzerCapabilities Capabilities => inner.Capabilities with { Claims = "test-markers" };

    public Task PrepareAsync(SourceDocument document, CancellationToken cancellationToken) => inner.PrepareAsync(document, cancellationToken);

    // The inner analyzer revises its own analyses: remember which one each marked analysis came from.
    private readonly ConditionalWeakTable<IngestAnalysis, IngestAnalysis> _inner = [];

    public async Task<IngestAnalysis> AnalyzeAsync(SourceDocument document, IAnalysisContext context, CancellationToken cancellationToken) =>
        WithMarkers(document, await inner.AnalyzeAsync(document, context, cancellationToken));

    public async Task<IngestAnalysis> ReviseAsync(
        SourceDocument document, IngestAnalysis analysis, IReadOnlyList<CommittedChange> changes, IAnalysisContext context, CancellationToken cancellationToken) =>
        WithMarkers(document, await inner.ReviseAsync(document, _inner.TryGetValue(analysis, out var original) ? original : analysis, changes, context, cancellationToken));

    private IngestAnalysis WithMarkers(SourceDocument document, IngestAnalysis analysis)
    {
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

        var marked = analysis with { Findings = findings };
        _inner.AddOrUpdate(marked, analysis);
        return marked;
    }

    [GeneratedRegex(@"\[\[([a-z-]+)\|([^|\]]+)\|([^\]]*)\]\]")]
    private static partial Regex Marker();
}
