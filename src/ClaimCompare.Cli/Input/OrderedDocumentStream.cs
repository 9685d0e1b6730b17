using System.Runtime.ExceptionServices;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli.Input;

/// <summary>
/// Reads documents on one thread, works on them on a fixed set of worker threads (one per core), and hands the results
/// back in input order, with at most <c>window</c> documents in flight, so memory is bounded by the largest documents
/// rather than by the input.
/// </summary>
/// <remarks>
/// <para>Documents are independent, so the output is the same whatever order the workers finish in: results are taken
/// in the order the documents were read. The window bounds both the read-ahead and the results waiting for a slow
/// document in front of them.</para>
/// <para>The workers are long-running threads that block on one monitor when there is nothing to do, rather than a task
/// per document on the thread pool: with thousands of small documents the pool's workers spun between items (about
/// 550,000 <c>sched_yield</c> calls for 8,590 files in <c>split</c>), which cost more CPU than the work itself.</para>
/// </remarks>
internal static class OrderedDocumentStream
{
    /// <summary>Milliseconds between calls of the idle callback while the consumer waits.</summary>
    public const int IdleInterval = 100;

    /// <summary>
    /// Runs <paramref name="load"/> (which calls its argument once per document) on a reader thread, <paramref name="work"/>
    /// on each document in parallel, and <paramref name="consume"/> on the results in input order on the calling thread.
    /// </summary>
    /// <param name="load">Reads the documents, handing each to its argument.</param>
    /// <param name="work">The work on one document; runs on a worker thread.</param>
    /// <param name="consume">Takes the results in input order, on the calling thread.</param>
    /// <param name="window">The most documents read but not yet consumed.</param>
    /// <param name="idle">Called on the calling thread when the next result is not ready yet and the consumer is about
    /// to wait, and again every <see cref="IdleInterval"/> ms while it waits (the place to flush buffered output, so a
    /// slow input still shows its results).</param>
    /// <param name="workers">Worker threads; the number of cores when not given.</param>
    /// <returns>What <paramref name="load"/> returned.</returns>
    public static TLoad Run<TLoad, TResult>(
        Func<Action<SourceDocument>, TLoad> load,
        Func<SourceDocument, TResult> work,
        Action<TResult> consume,
        int window,
        Action? idle = null,
        int workers = 0)
    {
        using var state = new State<TResult>(Math.Max(1, window), work);
        TLoad loaded = default!;
        Exception? readerFailure = null;
        var reader = new Thread(() =>
        {
            try
            {
                loaded = load(state.Add);
            }
            catch (OperationCanceledException) when (state.Stopped)
            {
                // The consumer failed (its error is the one reported).
            }
            catch (Exception e)
            {
                readerFailure = e;
            }
            finally
            {
                state.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "claimcompare reader",
        };

        var count = workers > 0 ? workers : Math.Max(1, Environment.ProcessorCount);
        var threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            threads[i] = new Thread(state.Work) { IsBackground = true, Name = "claimcompare worker" };
            threads[i].Start();
        }

        reader.Start();
        try
        {
            while (state.TryTake(idle, out var result))
            {
                consume(result);
            }
        }
        catch
        {
            state.Stop();
            reader.Join();
            foreach (var thread in threads)
            {
                thread.Join();
            }

            throw;
        }

        reader.Join();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (readerFailure is not null)
        {
            ExceptionDispatchInfo.Throw(readerFailure);
        }

        return loaded;
    }

    /// <summary>
    /// The queue of documents to work on (under one lock, which the workers wait on), the ring of results (under another,
    /// which the consumer waits on) and a semaphore of free places in the window (which the reader waits on): each kind
    /// of thread is woken only for what it waits for, and only when it is waiting.
    /// </summary>
    private sealed class State<TResult>(int window, Func<SourceDocument, TResult> work) : IDisposable
    {
        private readonly object _queueLock = new();
        private readonly Queue<(long Sequence, SourceDocument Document)> _queue = new();
        private readonly object _resultLock = new();
        private readonly TResult[] _results = new TResult[window];
        private readonly ExceptionDispatchInfo?[] _failures = new ExceptionDispatchInfo?[window];
        private readonly bool[] _ready = new bool[window];
        private readonly SemaphoreSlim _free = new(window, window);
        private readonly CancellationTokenSource _stop = new();
        private long _added;
        private long _total = -1;
        private long _taken;
        private int _idleWorkers;
        private bool _consumerWaiting;
        private bool _complete;

        public bool Stopped => _stop.IsCancellationRequested;

        /// <summary>Queues a document; blocks while <c>window</c> documents are in flight.</summary>
        public void Add(SourceDocument document)
        {
            _free.Wait(_stop.Token);
            lock (_queueLock)
            {
                _queue.Enqueue((_added++, document));
                if (_idleWorkers > 0)
                {
                    Monitor.Pulse(_queueLock);
                }
            }
        }

        /// <summary>No more documents (called on the reader thread).</summary>
        public void CompleteAdding()
        {
            lock (_queueLock)
            {
                _complete = true;
                Monitor.PulseAll(_queueLock);
            }

            lock (_resultLock)
            {
                _total = _added;
                Monitor.PulseAll(_resultLock);
            }
        }

        public void Stop()
        {
            _stop.Cancel();
            lock (_queueLock)
            {
                _queue.Clear();
                Monitor.PulseAll(_queueLock);
            }
        }

        /// <summary>A worker: takes documents until the reader is done and the queue is empty.</summary>
        public void Work()
        {
            while (true)
            {
                (long Sequence, SourceDocument Document) item;
                lock (_queueLock)
                {
                    while (_queue.Count == 0 && !_complete && !Stopped)
                    {
                        _idleWorkers++;
                        Monitor.Wait(_queueLock);
                        _idleWorkers--;
                    }

                    if (Stopped || _queue.Count == 0)
                    {
                        return;
                    }

                    item = _queue.Dequeue();
                }

                TResult result = default!;
                ExceptionDispatchInfo? failure = null;
                try
                {
                    result = work(item.Document);
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }

                lock (_resultLock)
                {
                    var slot = (int)(item.Sequence % window);
                    _results[slot] = result;
                    _failures[slot] = failure;
                    _ready[slot] = true;
                    if (_consumerWaiting && item.Sequence == _taken)
                    {
                        Monitor.Pulse(_resultLock);
                    }
                }
            }
        }

        /// <summary>The next result in input order; false when every document has been taken.</summary>
        public bool TryTake(Action? idle, out TResult result)
        {
            ExceptionDispatchInfo? failure;
            lock (_resultLock)
            {
                var idleCalled = false;
                int slot;
                while (true)
                {
                    slot = (int)(_taken % window);
                    if (_ready[slot])
                    {
                        break;
                    }

                    if (_total == _taken)
                    {
                        result = default!;
                        return false;
                    }

                    if (idle is not null && !idleCalled)
                    {
                        // Flush outside the lock, then look again before waiting.
                        idleCalled = true;
                        Monitor.Exit(_resultLock);
                        try
                        {
                            idle();
                        }
                        finally
                        {
                            Monitor.Enter(_resultLock);
                        }

                        continue;
                    }

                    // Timed, so that idle runs again while a slow document holds the line up.
                    _consumerWaiting = true;
                    Monitor.Wait(_resultLock, IdleInterval);
                    _consumerWaiting = false;
                    idleCalled = false;
                }

                result = _results[slot];
                failure = _failures[slot];
                _results[slot] = default!;
                _failures[slot] = null;
                _ready[slot] = false;
                _taken++;
            }

            _free.Release();
            failure?.Throw();
            return true;
        }

        public void Dispose()
        {
            _free.Dispose();
            _stop.Dispose();
        }
    }
}
