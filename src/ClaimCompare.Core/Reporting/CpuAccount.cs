using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ClaimCompare.Core.Reporting;

/// <summary>
/// The CPU time one piece of work (a report, an ingest) spends, summed over every thread that works for it, so that a
/// budget can stop the work by what it costs rather than by how long it waited.
/// </summary>
/// <remarks>
/// <para>Work is counted while a thread is inside a scope from <see cref="Enter"/>. Core's parallel stages run their
/// workers on <see cref="SchedulerFor"/>, whose tasks enter the <see cref="Current"/> account themselves, so a caller only
/// sets the account (<see cref="Use"/>) and enters it on its own thread. A scope must not span an <c>await</c>.</para>
/// <para>On Linux each thread's own CPU clock is read (<c>clock_gettime</c> on the clock of <c>pthread_getcpuclockid</c>),
/// which is exact and also counts a scope still running. Elsewhere the account falls back to the whole process's CPU
/// time since it was created: right for one piece of work per process (the CLI), an over-estimate beside other work.</para>
/// </remarks>
public sealed partial class CpuAccount
{
    private static readonly AsyncLocal<CpuAccount?> CurrentAccount = new();
    private static readonly bool PerThread = OperatingSystem.IsLinux() && ThreadClock.Probe();

    [ThreadStatic]
    private static CpuAccount? t_entered;

    private readonly object _gate = new();
    private readonly List<Scope> _active = [];
    private readonly TimeSpan _processAtStart = PerThread ? TimeSpan.Zero : ProcessTime();
    private long _finishedNanoseconds;
    private TaskScheduler? _scheduler;

    /// <summary>The account of the work running on this logical flow, or null.</summary>
    public static CpuAccount? Current => CurrentAccount.Value;

    /// <summary>Whether threads are counted one by one (Linux), rather than by the process's total.</summary>
    public static bool CountsThreads => PerThread;

    /// <summary>CPU time spent so far, including scopes still running.</summary>
    public TimeSpan Used
    {
        get
        {
            if (!PerThread)
            {
                return ProcessTime() - _processAtStart;
            }

            long total;
            lock (_gate)
            {
                total = _finishedNanoseconds;
                foreach (var scope in _active)
                {
                    total += Math.Max(0, ThreadClock.Read(scope.Clock) - scope.Start);
                }
            }

            return TimeSpan.FromTicks(total / 100);
        }
    }

    /// <summary>Makes <paramref name="account"/> the <see cref="Current"/> one until the result is disposed.</summary>
    /// <param name="account">The account, or null for none.</param>
    /// <returns>Restores the previous account.</returns>
    public static IDisposable Use(CpuAccount? account)
    {
        var previous = CurrentAccount.Value;
        CurrentAccount.Value = account;
        return new Restore(previous);
    }

    /// <summary>The scheduler for a parallel stage's workers: counts them to <see cref="Current"/>, or the default scheduler when there is none.</summary>
    public static TaskScheduler SchedulerFor() => Current is { } account ? account.Scheduler : TaskScheduler.Default;

    /// <summary>Counts the current thread's CPU time to this account until the scope is disposed (on this thread).
    /// Entering an account this thread is already in counts nothing twice.</summary>
    /// <returns>The scope.</returns>
    public IDisposable Enter()
    {
        if (!PerThread || ReferenceEquals(t_entered, this))
        {
            return NoScope.Instance;
        }

        var scope = new Scope(this, t_entered, ThreadClock.Own());
        lock (_gate)
        {
            scope.Start = ThreadClock.Read(scope.Clock);
            _active.Add(scope);
        }

        t_entered = this;
        return scope;
    }

    private TaskScheduler Scheduler => _scheduler ??= new CountingScheduler(this);

    private void Leave(Scope scope)
    {
        lock (_gate)
        {
            if (!_active.Remove(scope))
            {
                return;
            }

            _finishedNanoseconds += Math.Max(0, ThreadClock.Read(scope.Clock) - scope.Start);
        }

        t_entered = scope.Outer;
    }

    private static TimeSpan ProcessTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private sealed class Scope(CpuAccount account, CpuAccount? outer, int clock) : IDisposable
    {
        public CpuAccount? Outer { get; } = outer;

        public int Clock { get; } = clock;

        public long Start { get; set; }

        public void Dispose() => account.Leave(this);
    }

    private sealed class Restore(CpuAccount? previous) : IDisposable
    {
        public void Dispose() => CurrentAccount.Value = previous;
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }

    /// <summary>Runs tasks on the thread pool, each inside a scope of the account.</summary>
    private sealed class CountingScheduler(CpuAccount account) : TaskScheduler
    {
        public override int MaximumConcurrencyLevel => Default.MaximumConcurrencyLevel;

        protected override void QueueTask(Task task) =>
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Scheduler.Run(state.Task), (Scheduler: this, Task: task), preferLocal: false);

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => !taskWasPreviouslyQueued && Run(task);

        protected override IEnumerable<Task>? GetScheduledTasks() => null;

        private bool Run(Task task)
        {
            using var scope = account.Enter();
            return TryExecuteTask(task);
        }
    }

    /// <summary>Each thread's own CPU clock (Linux).</summary>
    private static partial class ThreadClock
    {
        [ThreadStatic]
        private static int t_clock;

        [ThreadStatic]
        private static bool t_known;

        /// <summary>Whether the calls work here.</summary>
        public static bool Probe()
        {
            try
            {
                return Read(Own()) >= 0;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
            {
                return false;
            }
        }

        /// <summary>The current thread's clock id, which other threads can read while this thread lives.</summary>
        public static int Own()
        {
            if (!t_known)
            {
                if (NativeMethods.pthread_getcpuclockid(NativeMethods.pthread_self(), out var clock) != 0)
                {
                    throw new InvalidOperationException("pthread_getcpuclockid failed");
                }

                t_clock = clock;
                t_known = true;
            }

            return t_clock;
        }

        /// <summary>Nanoseconds of CPU time on <paramref name="clock"/>.</summary>
        public static long Read(int clock) =>
            NativeMethods.clock_gettime(clock, out var time) == 0 ? (time.Seconds * 1_000_000_000L) + time.Nanoseconds : 0;
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc")]
        internal static partial nuint pthread_self();

        [LibraryImport("libc")]
        internal static partial int pthread_getcpuclockid(nuint thread, out int clock);

        [LibraryImport("libc")]
        internal static partial int clock_gettime(int clock, out TimeSpec time);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
