namespace ClaimCompare.Core.Reporting;

/// <summary>What one report may spend: CPU time, wall-clock time and managed memory. Past any of them, work stops and the report says what it left out.</summary>
/// <remarks>
/// The budget is checked by a timer (every 100 ms) and between stages, and cancels the stage in progress; what earlier
/// stages produced is kept. CPU time is what the report's own threads spent (<see cref="CpuAccount"/>): on two cores a
/// parallel stage spends up to twice its wall-clock time. Memory is the managed heap as the garbage collector reports it
/// (<see cref="GC.GetTotalMemory(bool)"/>), which is what grows with the input; the process's resident size is that plus
/// the runtime (about 100 MB).
/// </remarks>
public sealed record ReportBudget
{
    /// <summary>The defaults: 10 CPU-minutes, 10 minutes and 1.5 GiB.</summary>
    public static ReportBudget Default { get; } = new();

    /// <summary>No limit at all.</summary>
    public static ReportBudget Unlimited { get; } = new() { CpuTime = null, Time = null, MemoryBytes = null };

    /// <summary>CPU time for the whole report, summed over its threads; null for no limit. 10 minutes by default.</summary>
    public TimeSpan? CpuTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Wall-clock time for the whole report; null for no limit. 10 minutes by default.</summary>
    public TimeSpan? Time { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Managed heap size at which work stops, in bytes; null for no limit. 1.5 GiB by default.</summary>
    public long? MemoryBytes { get; init; } = 3L << 29;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public void Validate()
    {
        if (CpuTime is { } cpu && cpu <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CpuTime), cpu, "The CPU-time budget must be positive.");
        }

        if (Time is { } time && time <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Time), time, "The time budget must be positive.");
        }

        if (MemoryBytes is { } bytes && bytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MemoryBytes), bytes, "The memory budget must be positive.");
        }
    }
}

/// <summary>Watches a <see cref="ReportBudget"/>: a token that is cancelled when the caller cancels or the budget runs out.</summary>
internal sealed class BudgetWatch : IDisposable
{
    private readonly ReportBudget _budget;
    private readonly CancellationTokenSource _source;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly IDisposable _use;
    private readonly TimeSpan _cpuAtStart;
    private string? _reason;

    public BudgetWatch(ReportBudget budget, CancellationToken cancellationToken)
    {
        _budget = budget;
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A caller that counts a larger piece of work (a service request) keeps its account; the report's share is
        // what it adds from here on.
        Cpu = CpuAccount.Current ?? new CpuAccount();
        _cpuAtStart = Cpu.Used;
        _use = CpuAccount.Use(Cpu);
        if (budget.CpuTime is not null || budget.Time is not null || budget.MemoryBytes is not null)
        {
            _timer = new Timer(_ => Check(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>The account the report's CPU time is counted to: the caller's <see cref="CpuAccount.Current"/> one, or a new one; current while the watch lives.</summary>
    public CpuAccount Cpu { get; }

    /// <summary>Cancelled when the caller cancels or the budget runs out.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Which budget ran out (<see cref="Comparison.OmissionReasons.CpuBudget"/>, <see cref="Comparison.OmissionReasons.TimeBudget"/> or <see cref="Comparison.OmissionReasons.MemoryBudget"/>), or null.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>What ran out, in words, naming the option that raises it.</summary>
    public string Describe() => Reason switch
    {
        Comparison.OmissionReasons.MemoryBudget => $"the memory budget of {_budget.MemoryBytes / (1024 * 1024)} MiB (--memory-budget) ran out",
        Comparison.OmissionReasons.CpuBudget => $"the CPU-time budget of {_budget.CpuTime?.TotalSeconds:0.#} s (--cpu-budget) ran out",
        _ => $"the time budget of {_budget.Time?.TotalSeconds:0.#} s (--time-budget) ran out",
    };

    /// <summary>Whether an <see cref="OperationCanceledException"/> came from the budget rather than the caller.</summary>
    public bool Expired => Reason is not null;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>CPU time the report spent so far.</summary>
    public TimeSpan CpuUsed => Cpu.Used - _cpuAtStart;

    /// <summary>
    /// Checks the budgets now, not only on the 100 ms timer, and throws when one has run out: called between stages,
    /// so a budget that ran out during a stage stops the next one even when the stage finished before the timer fired.
    /// </summary>
    /// <exception cref="OperationCanceledException">A budget ran out, or the caller cancelled.</exception>
    public void ThrowIfExpired()
    {
        Check();
        _source.Token.ThrowIfCancellationRequested();
    }

    public void Dispose()
    {
        _use.Dispose();
        _timer?.Dispose();
        _source.Dispose();
    }

    private void Check()
    {
        if (_reason is not null || _source.IsCancellationRequested)
        {
            return;
        }

        string? reason = null;
        if (_budget.CpuTime is { } cpu && CpuUsed > cpu)
        {
            reason = Comparison.OmissionReasons.CpuBudget;
        }
        else if (_budget.Time is { } time && _clock.Elapsed > time)
        {
            reason = Comparison.OmissionReasons.TimeBudget;
        }
        else if (_budget.MemoryBytes is { } bytes && GC.GetTotalMemory(forceFullCollection: false) > bytes
            && GC.GetTotalMemory(forceFullCollection: true) > bytes)
        {
            // Counted again after a full collection: garbage not yet collected is no reason to stop.
            reason = Comparison.OmissionReasons.MemoryBudget;
        }

        if (reason is not null && Interlocked.CompareExchange(ref _reason, reason, null) is null)
        {
            try
            {
                _source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The report finished meanwhile.
            }
        }
    }
}
