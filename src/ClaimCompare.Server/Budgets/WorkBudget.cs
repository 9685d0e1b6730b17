using System.Diagnostics;
using ClaimCompare.Core.Reporting;

namespace ClaimCompare.Server.Budgets;

/// <summary>Why a budgeted piece of work was stopped.</summary>
public enum BudgetLimit
{
    /// <summary>Its wall-clock time ran out while it was working.</summary>
    Time,

    /// <summary>Its time ran out before it got its turn (every slot of its lane was busy).</summary>
    Queue,

    /// <summary>The managed heap grew past the work's memory ceiling.</summary>
    Memory,

    /// <summary>The work's own threads spent its CPU-time budget.</summary>
    Cpu,
}

/// <summary>Thrown when a request's work ran out of its budget; nothing was stored.</summary>
/// <param name="limit">Which limit was hit.</param>
/// <param name="message">What happened, for the problem details.</param>
public sealed class BudgetExceededException(BudgetLimit limit, string message) : Exception(message)
{
    /// <summary>Which limit was hit.</summary>
    public BudgetLimit Limit { get; } = limit;
}

/// <summary>
/// One request's budget: a token cancelled when the client goes away (the request's own token), when the wall-clock
/// budget runs out, when the work's own threads have spent its CPU-time budget (checked every 50 ms), or when
/// <see cref="Exceed"/> is called (a memory watch), with what happened kept for the answer.
/// </summary>
/// <remarks>
/// CPU time is counted by <see cref="Cpu"/>, which the caller makes current (<see cref="CpuAccount.Use"/>) for the work;
/// the analysis enters it around its synchronous stages and Core's parallel stages count their workers to it. Waiting
/// (for a slot, the ingest lock, the database) costs wall-clock time only.
/// </remarks>
internal sealed class WorkBudget : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _caller;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Timer? _cpuWatch;
    private BudgetLimit? _exceeded;

    public WorkBudget(TimeSpan limit, CancellationToken caller, TimeSpan? cpuLimit = null)
    {
        Limit = limit;
        CpuLimit = cpuLimit;
        _caller = caller;
        _source = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _source.CancelAfter(limit);
        if (cpuLimit is { } cpu)
        {
            _cpuWatch = new Timer(_ =>
            {
                if (Cpu.Used > cpu)
                {
                    Exceed(BudgetLimit.Cpu);
                }
            }, null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>The wall-clock budget.</summary>
    public TimeSpan Limit { get; }

    /// <summary>The CPU-time budget, or null for none.</summary>
    public TimeSpan? CpuLimit { get; }

    /// <summary>The CPU time the work spent so far.</summary>
    public CpuAccount Cpu { get; } = new();

    /// <summary>Cancelled by the caller, by the clock or by <see cref="Exceed"/>.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>False while the work waits for its turn; set when it starts, so the answer can tell the two apart.</summary>
    public bool Started { get; set; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>Stops the work for <paramref name="limit"/> (memory, CPU time); the first reason wins.</summary>
    public void Exceed(BudgetLimit limit)
    {
        lock (_source)
        {
            _exceeded ??= limit;
        }

        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Turns a cancellation into what happened: the caller's own cancellation (the client went away) is returned as
    /// it is; a budget's, as a <see cref="BudgetExceededException"/> with <paramref name="describe"/>'s message.
    /// </summary>
    public Exception Translate(OperationCanceledException cancelled, Func<BudgetLimit, string> describe)
    {
        if (_caller.IsCancellationRequested)
        {
            return cancelled;
        }

        BudgetLimit limit;
        lock (_source)
        {
            limit = _exceeded ?? (Started ? BudgetLimit.Time : BudgetLimit.Queue);
        }

        return new BudgetExceededException(limit, describe(limit));
    }

    public void Dispose()
    {
        _cpuWatch?.Dispose();
        _source.Dispose();
    }
}
