using System.Globalization;
using ClaimCompare.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Hosting;

/// <summary>Store writes that failed while serving requests (disk full, read-only file), for <c>/healthz</c>.</summary>
internal sealed class StoreWriteFailures
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _at;
    private string? _reason;

    public void Record(string reason)
    {
        lock (_gate)
        {
            _at = DateTimeOffset.UtcNow;
            _reason = reason;
        }
    }

    /// <summary>The last failure, if it happened within <paramref name="window"/>.</summary>
    public (DateTimeOffset At, string Reason)? Recent(TimeSpan window)
    {
        lock (_gate)
        {
            return _at is { } at && DateTimeOffset.UtcNow - at <= window ? (at, _reason!) : null;
        }
    }

    /// <summary>Whether <paramref name="exception"/> says the database cannot be written (rather than a bug or a conflict).</summary>
    public static bool IsWriteFailure(Exception exception) => exception switch
    {
        // SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB
        SqliteException e => (e.SqliteErrorCode & 0xFF) is 8 or 10 or 11 or 13 or 14 or 26,
        IOException or UnauthorizedAccessException => true,
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps) is a PostgreSQL failure that a retry can clear: a command or
    /// connection timeout, a dropped connection, a serialisation failure or deadlock, a server shutting down (Npgsql's
    /// <c>IsTransient</c>). Several instances share one server, so a busy or restarting one must answer 503 with
    /// <c>Retry-After</c>, not 500.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A short reason for <paramref name="exception"/>, without SQLite's "SQLite Error N:" prefix.</summary>
    public static string Describe(Exception exception)
    {
        var message = exception is SqliteException e
            ? (e.SqliteErrorCode & 0xFF) switch
            {
                8 => "the database is read-only (attempt to write a readonly database)",
                13 => "the database or disk is full",
                14 => "the database file cannot be opened",
                26 => "the file is not a SQLite database",
                _ => e.Message,
            }
            : exception.Message;
        return string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>
/// <c>/healthz</c>: Unhealthy while the store is not initialised, cannot be read, or cannot be written (a real write,
/// at most every <see cref="ServiceOptions.HealthWriteProbeSeconds"/>, sooner after a failed write); Degraded when the
/// probe succeeds but a request's write failed within the last minute; Healthy otherwise.
/// </summary>
internal sealed class StoreHealthCheck(
    StoreInitializer initializer, IClaimStore store, StoreWriteFailures failures, IOptions<ServiceOptions> options) : IHealthCheck, IDisposable
{
    private static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _probeGate = new(1, 1);
    private DateTimeOffset _probedAt = DateTimeOffset.MinValue;
    private string? _probeFailure;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!initializer.Ready)
        {
            return HealthCheckResult.Unhealthy("store not initialised");
        }

        try
        {
            await store.FindByContentHashAsync("", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreWriteFailures.IsWriteFailure(e))
        {
            return HealthCheckResult.Unhealthy("database cannot be read: " + StoreWriteFailures.Describe(e));
        }

        var recent = failures.Recent(FailureWindow);
        if (await ProbeAsync(recent?.At, cancellationToken).ConfigureAwait(false) is { } probeFailure)
        {
            return HealthCheckResult.Unhealthy("database cannot be written: " + probeFailure);
        }

        if (recent is { } failure)
        {
            var ago = (DateTimeOffset.UtcNow - failure.At).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
            return HealthCheckResult.Degraded($"a write failed {ago} s ago: {failure.Reason}");
        }

        return HealthCheckResult.Healthy();
    }

    public void Dispose() => _probeGate.Dispose();

    /// <summary>The probe's failure, or null; probes again when the last one is older than the interval or than <paramref name="failedAt"/>.</summary>
    private async Task<string?> ProbeAsync(DateTimeOffset? failedAt, CancellationToken cancellationToken)
    {
        await _probeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = DateTimeOffset.UtcNow;
            if (now - _probedAt < TimeSpan.FromSeconds(options.Value.HealthWriteProbeSeconds) && !(failedAt > _probedAt))
            {
                return _probeFailure;
            }

            try
            {
                await store.ProbeWriteAsync(cancellationToken).ConfigureAwait(false);
                _probeFailure = null;
            }
            catch (Exception e) when (StoreWriteFailures.IsWriteFailure(e))
            {
                _probeFailure = StoreWriteFailures.Describe(e);
            }

            _probedAt = DateTimeOffset.UtcNow;
            return _probeFailure;
        }
        finally
        {
            _probeGate.Release();
        }
    }
}
