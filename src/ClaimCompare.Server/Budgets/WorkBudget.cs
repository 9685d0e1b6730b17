using System.Diagnostics;

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
/// budget runs out, or when <see cref="Exceed"/> is called (a memory watch), with what happened kept for the answer.
/// </summary>
internal sealed class WorkBudget : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _caller;
    private readonly long _started = Stopwatch.GetTimestamp();
    private BudgetLimit? _exceeded;

    public WorkBudget(TimeSpan limit, CancellationToken caller)
    {
        Limit = limit;
        _caller = caller;
        _source = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _source.CancelAfter(limit);
    }

    /// <summary>The wall-clock budget.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Cancelled by the caller, by the clock or by <see cref="Exceed"/>.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>False while the work waits for its turn; set when it starts, so the answer can tell the two apart.</summary>
    public bool Started { get; set; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>Stops the work for <paramref name="limit"/> (memory); the first reason wins.</summary>
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

    public void Dispose() => _source.Dispose();
}
