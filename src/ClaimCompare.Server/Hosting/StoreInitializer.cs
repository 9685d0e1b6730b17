using System.Diagnostics;
using ClaimCompare.Server.Analysis;
using ClaimCompare.Storage;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Hosting;

/// <summary>
/// On start, before requests are accepted: keeps <see cref="ServiceOptions.MinWorkerThreads"/> thread-pool workers ready,
/// migrates the store, then rebuilds the near-duplicate index from the stored signatures and the analyzer's state from
/// the stored passages.
/// </summary>
/// <remarks>Runs before the server accepts requests, so the first ingest already sees every stored passage.</remarks>
internal sealed partial class StoreInitializer(
    IClaimStore store,
    IPassageIndex index,
    IDocumentAnalyzer analyzer,
    Ingest.IngestService ingest,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection,
    IOptions<AuthOptions> auth,
    IOptions<ServiceOptions> options,
    ILogger<StoreInitializer> logger) : IHostedService
{
    public bool Ready { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < options.Value.MinWorkerThreads)
        {
            ThreadPool.SetMinThreads(options.Value.MinWorkerThreads, completionPorts);
        }

        if (auth.Value.Keys.Count == 0)
        {
            LogNoKeys(logger);
        }

        var version = await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var loaded = 0;
        // Under the ingest lock (the database's too when several instances share it), so that the change feed position
        // the ingest service starts from is exactly what was loaded.
        await ingest.LoadAsync(async () =>
        {
            loaded = await LoadIndexAsync(cancellationToken).ConfigureAwait(false);
            // The cookie key ring, read now rather than at the first sign-in: on a new database one instance creates the
            // first key under the lock and the others find it, so they do not each start with a key of their own.
            protection.CreateProtector("ClaimCompare.Startup").Protect([1]);
        }, cancellationToken).ConfigureAwait(false);

        Ready = true;
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogReady(logger, version, loaded, elapsed);
    }

    private async Task<int> LoadIndexAsync(CancellationToken cancellationToken)
    {
        var batch = new List<IndexedPassage>(4096);
        var loaded = 0;
        var skipped = 0;
        await foreach (var signature in store.ReadSignaturesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(signature.Scheme, index.Scheme, StringComparison.Ordinal))
            {
                skipped++;
                continue;
            }

            batch.Add(new IndexedPassage(signature.Document, signature.Passage, signature.Start, signature.End, signature.Scheme, signature.Signature));
            if (batch.Count == batch.Capacity)
            {
                index.Insert(batch);
                loaded += batch.Count;
                batch.Clear();
            }
        }

        index.Insert(batch);
        loaded += batch.Count;
        if (skipped > 0)
        {
            LogSchemeMismatch(logger, skipped, index.Scheme);
        }

        if (analyzer is IStatefulAnalyzer stateful)
        {
            await stateful.RebuildAsync(store.ReadPassagesAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return loaded;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Store at schema version {Version}; index rebuilt with {Passages} passages in {ElapsedMs} ms")]
    private static partial void LogReady(ILogger logger, int version, int passages, long elapsedMs);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "No API keys are configured (Auth:Keys); every /api request will be refused with 401")]
    private static partial void LogNoKeys(ILogger logger);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "{Count} stored signatures are not of the index scheme {Scheme} and were not indexed; re-ingest those documents")]
    private static partial void LogSchemeMismatch(ILogger logger, int count, string scheme);
}
