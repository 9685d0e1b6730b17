using System.Collections.Concurrent;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli.Input;

/// <summary>
/// Reads documents on one thread, works on them on the thread pool (both cores), and hands the results back in input
/// order, with at most <c>window</c> documents in flight, so memory is bounded by the largest documents rather than
/// by the input.
/// </summary>
/// <remarks>
/// Documents are independent, so the output is the same whatever order the workers finish in: results are taken in
/// the order the documents were read. The window bounds both the read-ahead and the results waiting for a slow
/// document in front of them.
/// </remarks>
internal static class OrderedDocumentStream
{
    /// <summary>
    /// Runs <paramref name="load"/> (which calls its argument once per document) on a reader thread, <paramref name="work"/>
    /// on each document in parallel, and <paramref name="consume"/> on the results in input order on the calling thread.
    /// </summary>
    /// <returns>What <paramref name="load"/> returned.</returns>
    public static TLoad Run<TLoad, TResult>(
        Func<Action<SourceDocument>, TLoad> load, Func<SourceDocument, TResult> work, Action<TResult> consume, int window)
    {
        using var pending = new BlockingCollection<Task<TResult>>(Math.Max(1, window));
        using var stop = new CancellationTokenSource();
        TLoad loaded = default!;
        Exception? readerFailure = null;
        var reader = new Thread(() =>
        {
            try
            {
                loaded = load(document => pending.Add(Task.Run(() => work(document), stop.Token), stop.Token));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer failed (its error is the one reported).
            }
            catch (Exception e)
            {
                readerFailure = e;
            }
            finally
            {
                pending.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "claimcompare reader",
        };
        reader.Start();
        try
        {
            foreach (var task in pending.GetConsumingEnumerable())
            {
                consume(task.GetAwaiter().GetResult());
            }
        }
        catch
        {
            stop.Cancel();
            reader.Join();
            throw;
        }

        reader.Join();
        if (readerFailure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readerFailure);
        }

        return loaded;
    }
}
