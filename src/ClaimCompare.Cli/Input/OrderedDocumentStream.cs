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
/// <para>Hand-offs are batched where waiting allows it: a worker takes its share of a long queue (up to 8 documents) and
/// hands their results back under one lock, a waiting consumer is woken for 16 results in order (or for all that were
/// read, so a slow input still streams), and a reader blocked on a full window goes on once half of it is free.</para>
/// </remarks>
internal static class OrderedDocumentStream
{
    /// <summary>Milliseconds between calls of the idle callback while the consumer waits.</summary>
    public const int IdleInterval = 100;

    /// <summary>The most documents a worker takes from the queue at once.</summary>
    private const int WorkerBatch = 8;

    /// <summary>How many results in order a waiting consumer is woken for (fewer when no more are read).</summary>
    private const int ConsumerBatch = 16;

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
        var count = workers > 0 ? workers : Math.Max(1, Environment.ProcessorCount);
        using var state = new State<TResult>(Math.Max(1, window), count, work);
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
    private sealed class State<TResult>(int window, int workers, Func<SourceDocument, TResult> work) : IDisposable
    {
        private readonly object _queueLock = new();
        private readonly Queue<(long Sequence, SourceDocument Document)> _queue = new();
        private readonly object _resultLock = new();
        private readonly TResult[] _results = new TResult[window];
        private readonly ExceptionDispatchInfo?[] _failures = new ExceptionDispatchInfo?[window];
        private readonly bool[] _ready = new bool[window];
        private readonly object _windowLock = new();
        private readonly CancellationTokenSource _stop = new();
        private int _inFlight;
        private bool _readerWaiting;
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
            lock (_windowLock)
            {
                while (_inFlight >= window && !Stopped)
                {
                    _readerWaiting = true;
                    Monitor.Wait(_windowLock);
                    _readerWaiting = false;
                }

                _stop.Token.ThrowIfCancellationRequested();
                _inFlight++;
            }

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

            lock (_windowLock)
            {
                Monitor.PulseAll(_windowLock);
            }
        }

        /// <summary>
        /// A worker: takes documents until the reader is done and the queue is empty, several at a time when the queue is
        /// long (its share of the queue, at most <see cref="WorkerBatch"/>), and hands their results back under one lock.
        /// </summary>
        /// <remarks>Taking and handing back one document at a time made the two locks the busiest thing in the process
        /// on thousands of small documents: under a sampling profiler the workers and the reader spent about as long
        /// contending for them as splitting text.</remarks>
        public void Work()
        {
            var batch = new List<(long Sequence, SourceDocument Document)>(WorkerBatch);
            var results = new List<(TResult Result, ExceptionDispatchInfo? Failure)>(WorkerBatch);
            while (true)
            {
                batch.Clear();
                results.Clear();
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

                    var take = Math.Clamp(_queue.Count / workers, 1, WorkerBatch);
                    for (var i = 0; i < take; i++)
                    {
                        batch.Add(_queue.Dequeue());
                    }
                }

                foreach (var item in batch)
                {
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

                    results.Add((result, failure));
                }

                lock (_resultLock)
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var slot = (int)(batch[i].Sequence % window);
                        _results[slot] = results[i].Result;
                        _failures[slot] = results[i].Failure;
                        _ready[slot] = true;
                    }

                    if (_consumerWaiting && ShouldWakeConsumer())
                    {
                        Monitor.Pulse(_resultLock);
                    }
                }
            }
        }

        /// <summary>
        /// Whether the waiting consumer has enough to do (called under the result lock): the next result in order and the
        /// <see cref="ConsumerBatch"/> after it are ready, or every document read so far is. Waking it for each document
        /// cost two context switches a document (a futex wait and wake) for work of a few microseconds.
        /// </summary>
        private bool ShouldWakeConsumer()
        {
            var next = _taken;
            var stop = Math.Min(Volatile.Read(ref _added), next + Math.Min(ConsumerBatch, window));
            while (next < stop && _ready[(int)(next % window)])
            {
                next++;
            }

            // Read but not finished documents remain before the batch is whole: let the workers finish more first.
            return next > _taken && (next - _taken >= Math.Min(ConsumerBatch, window) || next == Volatile.Read(ref _added));
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

            lock (_windowLock)
            {
                // The reader goes on once half the window is free, not at every document taken.
                _inFlight--;
                if (_readerWaiting && _inFlight <= window / 2)
                {
                    Monitor.Pulse(_windowLock);
                }
            }

            failure?.Throw();
            return true;
        }

        public void Dispose() => _stop.Dispose();
    }
}
