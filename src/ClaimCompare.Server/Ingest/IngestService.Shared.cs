using ClaimCompare.Server.Analysis;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Ingest;

/// <summary>
/// Several instances on one database (a store that is an <see cref="ISharedStoreCoordination"/>, i.e. PostgreSQL): the
/// ingest lock is the database's as well as this process's, and under it this instance first applies what the other
/// instances stored or deleted since it last looked (the store's change feed) to its analyzer (the near-duplicate engine)
/// and its journal.
/// An analysis made outside the lock is then revised for those documents exactly as for this instance's own, so an
/// ingest through any instance gives what one instance ingesting everything in the same order would.
/// </summary>
public sealed partial class IngestService
{
    private ISharedStoreCoordination? Shared => store as ISharedStoreCoordination;

    /// <summary>The analyzer when its state is the shared database's (nothing to replay into memory), else null.</summary>
    private ISharedStateAnalyzer? SharedAnalyzer => analyzer is ISharedStateAnalyzer { SharesState: true } shared ? shared : null;

    // The feed position this instance's index reflects; read and written under _gate and the shared lock only.
    private long _seenChange;

    /// <summary>
    /// At most this many consecutive write steps of this instance keep the database's ingest lock without releasing it,
    /// when more of its ingests are queued for it: each one kept saves the lock, the unlock and the change-feed read (three
    /// round trips), and another instance waits at most this many steps before the lock is released to it.
    /// </summary>
    internal const int MaxLockTurns = 8;

    // Ingests (and deletes) queued for _gate; the database lock is handed on to them rather than released.
    private int _gateWaiters;

    // The database's ingest lock while this instance holds it (under _gate, or between two holders of _gate).
    private IAsyncDisposable? _heldLock;
    private int _heldTurns;

    /// <summary>
    /// Enters the serialised write step: this process's gate, then, with a shared store, the database's ingest lock and what
    /// the other instances committed since this instance last held it. When the previous holder of the gate handed the lock
    /// on (<see cref="ExitWriteAsync"/>), it was never released, so no other instance wrote meanwhile and nothing is read.
    /// </summary>
    private async Task EnterWriteAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _gateWaiters);
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Decrement(ref _gateWaiters);
            await ReleaseIdleLockAsync().ConfigureAwait(false);
            throw;
        }

        Interlocked.Decrement(ref _gateWaiters);
        try
        {
            if (Shared is { } shared && _heldLock is null)
            {
                _heldLock = await shared.AcquireIngestLockAsync(cancellationToken).ConfigureAwait(false);
                _heldTurns = 0;
                await ApplyOtherInstancesChangesAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await ExitWriteAsync(handOn: false).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Leaves the write step. The database's lock is kept for the next of this instance's queued ingests when
    /// <paramref name="handOn"/> (the step ended normally), one is queued, and the lock has not been kept for
    /// <see cref="MaxLockTurns"/> steps already; otherwise it is released.
    /// </summary>
    private async Task ExitWriteAsync(bool handOn)
    {
        try
        {
            if (_heldLock is { } held && !(handOn && ++_heldTurns < MaxLockTurns && Volatile.Read(ref _gateWaiters) > 0))
            {
                _heldLock = null;
                await held.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A queued ingest gave up: when the lock was kept for it and nobody else is queued, it is released now.</summary>
    private async Task ReleaseIdleLockAsync()
    {
        if (Volatile.Read(ref _gateWaiters) == 0 && Volatile.Read(ref _heldLock) is not null && await _gate.WaitAsync(0).ConfigureAwait(false))
        {
            await ExitWriteAsync(handOn: false).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs the start-up load (the analyzer's engine from every stored row) under both locks and records the feed position
    /// it reflects, so that no document is applied twice or missed.
    /// </summary>
    /// <param name="load">Loads the index and analyzer.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>Completes when loaded.</returns>
    internal async Task LoadAsync(Func<Task> load, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Shared is { } coordination)
            {
                _heldLock ??= await coordination.AcquireIngestLockAsync(cancellationToken).ConfigureAwait(false);
                _seenChange = await coordination.GetLastChangeAsync(cancellationToken).ConfigureAwait(false);
            }

            await load().ConfigureAwait(false);
        }
        catch
        {
            await ExitWriteAsync(handOn: false).ConfigureAwait(false);
            throw;
        }

        await ExitWriteAsync(handOn: false).ConfigureAwait(false);
    }

    /// <summary>After this instance's own write, under the locks: nothing else wrote since, so the newest row is ours.</summary>
    /// <param name="sequence">Our row, when the store returned it (no round trip then).</param>
    private async Task MarkOwnChangeAsync(long? sequence = null)
    {
        if (sequence is { } own)
        {
            _seenChange = own;
        }
        else if (Shared is { } shared)
        {
            // Not cancellable: the write committed, and a stale position would apply our own document a second time.
            _seenChange = await shared.GetLastChangeAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Under the locks: applies the other instances' stored and deleted documents since <see cref="_seenChange"/>.</summary>
    private async Task ApplyOtherInstancesChangesAsync(CancellationToken cancellationToken)
    {
        if (Shared is not { } shared)
        {
            return;
        }

        var changes = await shared.ReadChangesAsync(_seenChange, cancellationToken).ConfigureAwait(false);
        if (changes.Count == 0)
        {
            return;
        }

        // A document stored and deleted again within this batch is skipped both times: its rows are gone already.
        var lastDelete = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (change.Deleted)
            {
                lastDelete[change.Document] = change.Sequence;
            }
        }

        if (SharedAnalyzer is { } sharedAnalyzer)
        {
            // The engine's state is the database's: the other instances' documents are in it already (written with
            // them). Only the caches go, and documents a writer stored without the engine's rows are filled in.
            sharedAnalyzer.OthersCommitted(changes.Any(c => c.Deleted));
            var stored = changes.Where(c => !c.Deleted && !(lastDelete.TryGetValue(c.Document, out var at) && at > c.Sequence))
                .Select(c => c.Document).Distinct(StringComparer.Ordinal).ToList();
            if (stored.Count > 0)
            {
                await sharedAnalyzer.EnsureHeldAsync(stored, store, cancellationToken).ConfigureAwait(false);
            }

            foreach (var change in changes)
            {
                _journal.Append(new CommittedChange(change.Document, change.StoryKey, change.Deleted));
            }

            _seenChange = changes[^1].Sequence;
            LogOtherInstances(logger, changes.Count, _seenChange);
            return;
        }

        var skipped = new HashSet<string>(StringComparer.Ordinal);
        var applied = 0;
        foreach (var change in changes)
        {
            if (!change.Deleted)
            {
                var document = lastDelete.TryGetValue(change.Document, out var deletedAt) && deletedAt > change.Sequence
                    ? null
                    : await store.GetDocumentAsync(change.Document, cancellationToken).ConfigureAwait(false);
                if (document is null)
                {
                    skipped.Add(change.Document);
                    continue;
                }

                if (analyzer is IStatefulAnalyzer stateful)
                {
                    await stateful.RebuildAsync(One(document), cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                if (skipped.Remove(change.Document))
                {
                    continue;
                }

                if (analyzer is IStatefulAnalyzer stateful && change.DeletedPassages is { } passages)
                {
                    stateful.Deleted(new StoredDocument(change.Document, string.Empty, string.Empty, null, null, null, string.Empty, 0,
                        DateTimeOffset.MinValue, passages));
                }
            }

            _journal.Append(new CommittedChange(change.Document, change.StoryKey, change.Deleted));
            applied++;
        }

        _seenChange = changes[^1].Sequence;
        LogOtherInstances(logger, applied, _seenChange);
    }

    private static async IAsyncEnumerable<StoredDocument> One(StoredDocument document)
    {
        yield return document;
        await Task.CompletedTask.ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Applied {Count} documents stored or deleted by other instances (change feed at {Sequence})")]
    private static partial void LogOtherInstances(ILogger logger, int count, long sequence);
}
