using System.Diagnostics;
using ClaimCompare.Server.Analysis;
using ClaimCompare.Storage;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Hosting;

/// <summary>
/// On start, before requests are accepted: keeps <see cref="ServiceOptions.MinWorkerThreads"/> thread-pool workers ready,
/// migrates the store, then fills the analyzer's near-duplicate engine from the stored passages.
/// </summary>
/// <remarks>Runs before the server accepts requests, so the first ingest already sees every stored passage.</remarks>
internal sealed partial class StoreInitializer(
    IClaimStore store,
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

    /// <summary>Fills the analyzer's near-duplicate engine with every stored document; returns how many passages it holds.</summary>
    private async Task<int> LoadIndexAsync(CancellationToken cancellationToken)
    {
        if (analyzer is not IStatefulAnalyzer stateful)
        {
            return 0;
        }

        if (analyzer is ISharedStateAnalyzer { SharesState: true } shared)
        {
            // The engine's state is the database's: nothing is loaded; only documents it lacks are filled in.
            var filled = await shared.EnsureHeldAsync(null, store, cancellationToken).ConfigureAwait(false);
            LogSharedState(logger, filled);
            return 0;
        }

        var headers = new Dictionary<string, DocumentHeader>(StringComparer.Ordinal);
        foreach (var header in await store.GetDocumentHeadersAsync(null, cancellationToken).ConfigureAwait(false))
        {
            headers[header.Id] = header;
        }

        var passages = 0;
        await stateful.RebuildAsync(Documents(store.ReadPassagesAsync(cancellationToken), headers, () => passages++), cancellationToken).ConfigureAwait(false);
        return passages;
    }

    /// <summary>The stored passages (in document order) as documents, with their outlets and dates from the headers.</summary>
    private static async IAsyncEnumerable<StoredDocument> Documents(
        IAsyncEnumerable<StoredPassage> passages, Dictionary<string, DocumentHeader> headers, Action counted)
    {
        string? current = null;
        var list = new List<Core.Text.Passage>();
        await foreach (var stored in passages.ConfigureAwait(false))
        {
            if (!string.Equals(stored.Document, current, StringComparison.Ordinal))
            {
                if (current is not null && headers.TryGetValue(current, out var header))
                {
                    yield return Document(header, list);
                }

                current = stored.Document;
                list = [];
            }

            list.Add(stored.Passage);
            counted();
        }

        if (current is not null && headers.TryGetValue(current, out var last))
        {
            yield return Document(last, list);
        }
    }

    private static StoredDocument Document(DocumentHeader header, List<Core.Text.Passage> passages) =>
        new(header.Id, string.Empty, header.Source, header.Url, header.Published, header.Title, string.Empty, header.StoryId, DateTimeOffset.MinValue, passages);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Store at schema version {Version}; near-duplicate engine loaded with {Passages} passages in {ElapsedMs} ms")]
    private static partial void LogReady(ILogger logger, int version, int passages, long elapsedMs);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Near-duplicate engine state is in the database: nothing loaded; {Filled} stored documents it lacked were added to it")]
    private static partial void LogSharedState(ILogger logger, int filled);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "No API keys are configured (Auth:Keys); every /api request will be refused with 401")]
    private static partial void LogNoKeys(ILogger logger);
}
