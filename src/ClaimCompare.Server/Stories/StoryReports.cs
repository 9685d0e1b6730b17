using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Text;
using ClaimCompare.Server.Budgets;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Storage;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Stories;

/// <summary>A story too large to report on demand.</summary>
/// <param name="message">What was refused and why.</param>
public sealed class ReportTooLargeException(string message) : Exception(message);

/// <summary>Builds Core's <see cref="ComparisonReport"/> for a stored story, within a budget.</summary>
/// <remarks>
/// <para>The report is Core's whole comparison (near-duplicate detection, claim extraction and alignment) run over
/// the story's stored documents, so it is exactly what <c>claimcompare report</c> gives for the same articles.</para>
/// <para>Bounded: a story over <see cref="ServiceOptions.MaxReportChars"/> is refused before any work; at most
/// <see cref="ServiceOptions.ReportConcurrency"/> reports run at once; each stops when its client goes away, when its
/// <see cref="ServiceOptions.ReportBudgetSeconds"/> run out, or when the managed heap grows by more than
/// <see cref="ServiceOptions.ReportMemoryMiB"/> (checked every 50 ms), after which the memory is handed back to the
/// system rather than kept by the process.</para>
/// </remarks>
public sealed partial class StoryReports(IClaimStore store, IOptions<ServiceOptions> options, ILogger<StoryReports> logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.ReportConcurrency, options.Value.ReportConcurrency);

    /// <exception cref="BudgetExceededException">The budget ran out.</exception>
    /// <exception cref="ReportTooLargeException">The story is over <see cref="ServiceOptions.MaxReportChars"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<ComparisonReport> BuildAsync(long storyId, CancellationToken cancellationToken) =>
        BuildAsync(storyId, null, cancellationToken);

    /// <summary>The report over the story's documents, read here unless the caller already holds them (the story page
    /// reads them once for its list and its report).</summary>
    /// <exception cref="BudgetExceededException">The budget ran out.</exception>
    /// <exception cref="ReportTooLargeException">The story is over <see cref="ServiceOptions.MaxReportChars"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ComparisonReport> BuildAsync(long storyId, IReadOnlyList<StoredDocument>? read, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var budget = new WorkBudget(TimeSpan.FromSeconds(settings.ReportBudgetSeconds), cancellationToken, TimeSpan.FromSeconds(settings.ReportCpuBudgetSeconds));
        // The report counts its threads' CPU time to the request's budget.
        using var cpu = CpuAccount.Use(budget.Cpu);
        var chars = 0L;
        try
        {
            await _slots.WaitAsync(budget.Token).ConfigureAwait(false);
            try
            {
                budget.Started = true;
                var documents = read ?? await store.GetStoryDocumentsAsync(storyId, budget.Token).ConfigureAwait(false);
                var processed = new List<ProcessedDocument>(documents.Count);
                foreach (var document in documents)
                {
                    chars += document.Text.Length;
                    processed.Add(document.ToProcessedDocument());
                }

                if (chars > settings.MaxReportChars)
                {
                    throw new ReportTooLargeException(
                        $"Story {storyId} holds {chars:N0} characters of text in {documents.Count} documents, over the on-demand report limit of {settings.MaxReportChars:N0} (ClaimCompare:MaxReportChars).");
                }

                using var watch = new MemoryWatch(budget, (long)settings.ReportMemoryMiB << 20);
                return await Task.Run(() => new ComparisonReportBuilder().Build(processed, budget.Token), budget.Token).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (OperationCanceledException e)
        {
            var translated = budget.Translate(e, limit => limit switch
            {
                BudgetLimit.Queue => $"Other reports kept every report slot busy for the whole report budget of {budget.Limit.TotalSeconds:0} s. Retry later.",
                BudgetLimit.Memory => $"The report on story {storyId} ({chars:N0} characters) needed more than the report memory budget of {settings.ReportMemoryMiB} MiB and was stopped (ClaimCompare:ReportMemoryMiB).",
                BudgetLimit.Cpu => $"The report on story {storyId} ({chars:N0} characters) spent its CPU-time budget of {settings.ReportCpuBudgetSeconds} s and was stopped (ClaimCompare:ReportCpuBudgetSeconds).",
                _ => $"The report on story {storyId} ({chars:N0} characters) did not finish within the report budget of {budget.Limit.TotalSeconds:0} s and was stopped (ClaimCompare:ReportBudgetSeconds).",
            });
            if (translated is BudgetExceededException exceeded)
            {
                LogBudgetExceeded(logger, storyId, chars, exceeded.Limit, (long)budget.Elapsed.TotalMilliseconds);
                ReturnMemory();
                throw exceeded;
            }

            LogAbandoned(logger, storyId, (long)budget.Elapsed.TotalMilliseconds);
            ReturnMemory();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    /// <summary>A stopped report leaves its garbage behind: collect it and give the pages back to the system.</summary>
    private static void ReturnMemory() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Report on story {StoryId} ({Chars} characters) stopped by its budget ({Limit}) after {ElapsedMs} ms")]
    private static partial void LogBudgetExceeded(ILogger logger, long storyId, long chars, BudgetLimit limit, long elapsedMs);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Report on story {StoryId} stopped after {ElapsedMs} ms: the client went away")]
    private static partial void LogAbandoned(ILogger logger, long storyId, long elapsedMs);

    /// <summary>Stops <paramref name="budget"/>'s work when the managed heap grows by more than <paramref name="allowedBytes"/>.</summary>
    private sealed class MemoryWatch : IDisposable
    {
        private readonly Timer _timer;

        public MemoryWatch(WorkBudget budget, long allowedBytes)
        {
            var start = GC.GetTotalMemory(forceFullCollection: false);
            _timer = new Timer(_ =>
            {
                if (GC.GetTotalMemory(forceFullCollection: false) - start > allowedBytes)
                {
                    budget.Exceed(BudgetLimit.Memory);
                }
            }, null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        }

        public void Dispose() => _timer.Dispose();
    }
}
