using ClaimCompare.Server.Analysis;

namespace ClaimCompare.Server.Ingest;

/// <summary>
/// The most recent committed changes (ingests and deletes), numbered: what an analysis that ran outside the ingest
/// lock has to catch up with before its document is written.
/// </summary>
/// <remarks>
/// Appended to under the ingest lock only, after the change is in the store and the index; <see cref="Version"/>
/// may be read from any thread. It keeps the last <see cref="Capacity"/> changes; an analysis older than that is
/// redone from scratch under the lock.
/// </remarks>
public sealed class IngestJournal
{
    /// <summary>Changes kept.</summary>
    public const int Capacity = 4096;

    private readonly CommittedChange[] _ring = new CommittedChange[Capacity];
    private long _version;

    /// <summary>The number of changes recorded so far.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Records a change; call under the ingest lock.</summary>
    public void Append(CommittedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _ring[_version % Capacity] = change;
        Interlocked.Increment(ref _version);
    }

    /// <summary>The changes after <paramref name="version"/>, oldest first; null when some of them are no longer kept. Call under the ingest lock.</summary>
    public IReadOnlyList<CommittedChange>? Since(long version)
    {
        var current = Version;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, current);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        if (current - version > Capacity)
        {
            return null;
        }

        var changes = new CommittedChange[current - version];
        for (var v = version; v < current; v++)
        {
            changes[v - version] = _ring[v % Capacity];
        }

        return changes;
    }
}
