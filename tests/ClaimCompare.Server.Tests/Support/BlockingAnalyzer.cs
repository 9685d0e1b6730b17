using ClaimCompare.Core.Text;
using ClaimCompare.Server.Analysis;

namespace ClaimCompare.Server.Tests.Support;

/// <summary>
/// Test double standing in for an analysis that never ends by itself (a heavy article): texts containing
/// <see cref="Marker"/> block until their token is cancelled, texts containing <see cref="BurnMarker"/> keep a core busy
/// (counted to the ingest's CPU account, as the real analysis counts its stages) until it is; every other text goes to
/// the real analyzer. Records the cancellations it saw.
/// </summary>
public sealed class BlockingAnalyzer(CoreDocumentAnalyzer inner) : IConcurrentDocumentAnalyzer, IDocumentPreparer, IStatefulAnalyzer
{
    public const string Marker = "[[block]]";

    public const string BurnMarker = "[[burn]]";

    private int _started;
    private int _cancelled;

    public AnalyzerCapabilities Capabilities => inner.Capabilities;

    public Task PrepareAsync(SourceDocument document, CancellationToken cancellationToken) => inner.PrepareAsync(document, cancellationToken);

    public Task RebuildAsync(IAsyncEnumerable<ClaimCompare.Storage.StoredDocument> documents, CancellationToken cancellationToken) => inner.RebuildAsync(documents, cancellationToken);

    public void Committed(IngestAnalysis analysis) => inner.Committed(analysis);

    public void Deleted(ClaimCompare.Storage.StoredDocument document) => inner.Deleted(document);

    public Task<IngestAnalysis> ReviseAsync(
        SourceDocument document, IngestAnalysis analysis, IReadOnlyList<CommittedChange> changes, IAnalysisContext context, CancellationToken cancellationToken) =>
        inner.ReviseAsync(document, analysis, changes, context, cancellationToken);

    /// <summary>Blocking analyses begun.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Blocking analyses whose token was cancelled.</summary>
    public int Cancelled => Volatile.Read(ref _cancelled);

    public TaskCompletionSource FirstCancellation { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<IngestAnalysis> AnalyzeAsync(SourceDocument document, IAnalysisContext context, CancellationToken cancellationToken)
    {
        var burn = document.Text.Contains(BurnMarker, StringComparison.Ordinal);
        if (!burn && !document.Text.Contains(Marker, StringComparison.Ordinal))
        {
            return await inner.AnalyzeAsync(document, context, cancellationToken);
        }

        Interlocked.Increment(ref _started);
        try
        {
            if (burn)
            {
                Burn(cancellationToken);
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            FirstCancellation.TrySetResult();
            throw;
        }

        throw new InvalidOperationException("unreachable");
    }

    private static void Burn(CancellationToken cancellationToken)
    {
        using var cpu = ClaimCompare.Core.Reporting.CpuAccount.Current?.Enter();
        var x = 1UL;
        while (!cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < 100_000; i++)
            {
                x = (x * 6364136223846793005UL) + 1442695040888963407UL;
            }
        }

        GC.KeepAlive(x);
    }
}
