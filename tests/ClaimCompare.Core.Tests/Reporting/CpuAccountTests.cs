using ClaimCompare.Core.Reporting;

namespace ClaimCompare.Core.Tests.Reporting;

public sealed class CpuAccountTests
{
    [Fact]
    public void Work_on_threads_that_never_entered_the_account_is_not_counted()
    {
        Assert.True(CpuAccount.CountsThreads, "threads are counted one by one on Linux, where the tests run");
        var account = new CpuAccount();

        Burn(TimeSpan.FromMilliseconds(50));
        Parallel.For(0, 4, _ => Burn(TimeSpan.FromMilliseconds(20)));

        Assert.Equal(TimeSpan.Zero, account.Used);
    }

    [Fact]
    public void A_parallel_stage_counts_its_workers_through_the_current_accounts_scheduler()
    {
        Assert.True(CpuAccount.CountsThreads, "threads are counted one by one on Linux, where the tests run");
        var account = new CpuAccount();
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, byte>();

        Assert.Same(TaskScheduler.Default, CpuAccount.SchedulerFor());
        using (CpuAccount.Use(account))
        {
            Assert.NotSame(TaskScheduler.Default, CpuAccount.SchedulerFor());
            // The caller does not enter the account: whatever is counted was spent by the scheduler's tasks.
            var options = new ParallelOptions { MaxDegreeOfParallelism = 2, TaskScheduler = CpuAccount.SchedulerFor() };
            Parallel.For(0, 8, options, _ =>
            {
                threads.TryAdd(Environment.CurrentManagedThreadId, 0);
                Burn(TimeSpan.FromMilliseconds(10));
            });
        }

        Assert.Null(CpuAccount.Current);
        Assert.True(account.Used > TimeSpan.Zero, "the workers' CPU time was not counted");
    }

    [Fact]
    public void Entering_the_same_account_twice_on_one_thread_counts_the_time_once()
    {
        Assert.True(CpuAccount.CountsThreads, "threads are counted one by one on Linux, where the tests run");
        var once = new CpuAccount();
        var nested = new CpuAccount();

        using (once.Enter())
        using (nested.Enter())
        using (nested.Enter())
        {
            Burn(TimeSpan.FromMilliseconds(30));
        }

        // Both accounts saw the same work; a double count would make the nested one about twice the other.
        Assert.True(nested.Used < once.Used + once.Used / 2, $"nested {nested.Used} against once {once.Used}");
    }

    private static void Burn(TimeSpan cpu)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var x = 1UL;
        while (clock.Elapsed < cpu)
        {
            for (var i = 0; i < 10_000; i++)
            {
                x = (x * 6364136223846793005UL) + 1442695040888963407UL;
            }
        }

        GC.KeepAlive(x);
    }
}
